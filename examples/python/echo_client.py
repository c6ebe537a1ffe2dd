"""An echo client: sends a text over /echo/1.0.0 and prints the answer.

    python examples/python/echo_client.py MADDR [TEXT...]

MADDR is the server's full address, as echo_server.py (or
examples/cpp/echo_server, or `libp2p node`) prints it:
/ip4/127.0.0.1/tcp/PORT/p2p/12D3KooW... TEXT defaults to "hello".
"""

from __future__ import annotations

import argparse
import asyncio
import sys

import libp2p

ECHO = "/echo/1.0.0"


async def main(address: str, text: str) -> int:
    async with libp2p.Host() as host:  # dials only: no listen address
        try:
            peer = await asyncio.wait_for(host.connect(address), 10)
            stream = await host.new_stream(peer, ECHO)
            await stream.write(text.encode())
            await stream.close_write()  # the server echoes until it reads the end
            answer = await asyncio.wait_for(stream.read(), 10)
            await stream.close()
        except (libp2p.Error, TimeoutError) as e:
            print(f"echo_client: {address}: {e or 'timed out'}", file=sys.stderr)
            return 1
    print(answer.decode(errors="replace"))
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("address", metavar="MADDR", help="the server's address, ending in /p2p/<peer id>")
    parser.add_argument("text", nargs="*", default=["hello"], help="what to send (joined by spaces)")
    args = parser.parse_args()
    sys.exit(asyncio.run(main(args.address, " ".join(args.text))))
