"""An echo server: answers every /echo/1.0.0 stream with what it reads.

    python examples/python/echo_server.py [--listen MADDR]

It prints its full address (with /p2p/<peer id>) on the first line, then
serves until Ctrl-C. In another terminal:

    python examples/python/echo_client.py /ip4/127.0.0.1/tcp/PORT/p2p/12D3KooW... hello
"""

from __future__ import annotations

import argparse
import asyncio
import signal
import sys

import libp2p

ECHO = "/echo/1.0.0"


async def echo(stream: libp2p.Stream) -> None:
    async for chunk in stream:  # until the client closes its side
        await stream.write(chunk)
    print(f"echoed a stream from {stream.remote_peer}", file=sys.stderr, flush=True)
    # Returning closes the stream (the host does it).


async def main(listen: str) -> None:
    async with libp2p.Host(listen=[listen]) as host:
        host.set_stream_handler(ECHO, echo)
        stop = asyncio.Event()
        for s in (signal.SIGINT, signal.SIGTERM):
            asyncio.get_running_loop().add_signal_handler(s, stop.set)
        print(host.addrs[0], flush=True)  # ready: whoever reads this may connect, or stop us
        await stop.wait()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--listen", default="/ip4/127.0.0.1/tcp/0", metavar="MADDR", help="address to listen on")
    asyncio.run(main(parser.parse_args().listen))
