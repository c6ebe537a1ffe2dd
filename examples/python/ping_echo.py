"""Two libp2p hosts in one process: connect, ping, and echo over a stream.

    python examples/python/ping_echo.py
"""

from __future__ import annotations

import asyncio

import libp2p

ECHO = "/echo/1.0.0"


async def echo(stream: libp2p.Stream) -> None:
    async for chunk in stream:
        await stream.write(chunk)


async def main() -> None:
    async with libp2p.Host(listen=["/ip4/127.0.0.1/tcp/0"]) as alice, libp2p.Host(
        listen=["/ip4/127.0.0.1/tcp/0"]
    ) as bob:
        bob.set_stream_handler(ECHO, echo)
        print("bob listens on", *bob.addrs)

        peer = await alice.connect(bob.addrs[0])
        print("alice connected to", peer)
        for _ in range(3):
            rtt = await alice.ping(peer)
            print(f"ping: {rtt.total_seconds() * 1000:.3f} ms")

        stream = await alice.new_stream(peer, ECHO)
        await stream.write(b"hello from alice")
        await stream.close_write()
        print("echo:", (await stream.read()).decode())
        print("bob serves", alice.peerstore.protocols(peer))


if __name__ == "__main__":
    asyncio.run(main())
