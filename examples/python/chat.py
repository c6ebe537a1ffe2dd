"""A chat between two terminals over a /chat/1.0.0 stream.

    python examples/python/chat.py          # listens, prints its address, waits for one peer
    python examples/python/chat.py MADDR    # in another terminal: connects to that address

Lines typed in one terminal appear in the other. Ctrl-D ends your side; the
program exits once both sides have ended (or on Ctrl-C). The C++ chat
(examples/cpp/chat) speaks the same protocol.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import threading

import libp2p

CHAT = "/chat/1.0.0"


def stdin_lines() -> asyncio.Queue[bytes]:
    """Lines of standard input as they are typed; b"" at the end.

    A thread reads them, so stdin may be a terminal, a pipe or a file.
    """
    loop = asyncio.get_running_loop()
    lines: asyncio.Queue[bytes] = asyncio.Queue()

    def pump() -> None:
        try:
            for line in iter(sys.stdin.buffer.readline, b""):
                loop.call_soon_threadsafe(lines.put_nowait, line)
            loop.call_soon_threadsafe(lines.put_nowait, b"")
        except RuntimeError:  # the loop closed: the chat is over
            pass

    threading.Thread(target=pump, daemon=True).start()
    return lines


async def chat(stream: libp2p.Stream) -> None:
    """Sends our lines and prints the peer's, until both sides have ended."""
    print(f"chatting with {stream.remote_peer}", file=sys.stderr, flush=True)

    async def send() -> None:
        lines = stdin_lines()
        while line := await lines.get():
            await stream.write(line)
        await stream.close_write()  # the peer reads the end of our side

    async def receive() -> None:
        async for chunk in stream:
            sys.stdout.buffer.write(chunk)
            sys.stdout.flush()

    try:
        async with asyncio.TaskGroup() as tasks:
            tasks.create_task(send())
            tasks.create_task(receive())
    except* libp2p.Error as group:
        print(f"the peer left: {group.exceptions[0]}", file=sys.stderr, flush=True)


async def listen() -> None:
    async with libp2p.Host(listen=["/ip4/127.0.0.1/tcp/0"]) as host:
        done = asyncio.Event()
        chatting = False

        async def on_chat(stream: libp2p.Stream) -> None:
            nonlocal chatting
            if chatting:
                stream.reset()  # one chat at a time
                return
            chatting = True
            try:
                await chat(stream)
            finally:
                done.set()

        host.set_stream_handler(CHAT, on_chat)
        print(host.addrs[0], flush=True)
        await done.wait()


async def connect(address: str) -> None:
    async with libp2p.Host() as host:
        peer = await host.connect(address)
        stream = await host.new_stream(peer, CHAT)
        await chat(stream)
        await stream.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("address", nargs="?", metavar="MADDR", help="the other side's address (omit to listen)")
    args = parser.parse_args()
    try:
        asyncio.run(listen() if args.address is None else connect(args.address))
    except KeyboardInterrupt:
        pass
    except libp2p.Error as e:
        print(f"chat: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
