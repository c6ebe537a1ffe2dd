"""libp2p.Host at its limits: many streams, timeouts, shutdown with work in flight,
a host nobody closes, and what repr() shows."""

from __future__ import annotations

import asyncio
import contextlib
import select
import subprocess
import sys
import textwrap
from collections.abc import AsyncIterator

import pytest

import libp2p

ECHO = "/echo/1.0.0"
HANG = "/hang/1.0.0"  # the handler reads, never answers


async def echo(stream: libp2p.Stream) -> None:
    async for chunk in stream:
        await stream.write(chunk)


@contextlib.asynccontextmanager
async def pair() -> AsyncIterator[tuple[libp2p.Host, libp2p.Host, libp2p.PeerId]]:
    """Two hosts on TCP loopback, a connected to b; b serves echo."""
    async with libp2p.Host(listen=["/ip4/127.0.0.1/tcp/0"]) as a, libp2p.Host(listen=["/ip4/127.0.0.1/tcp/0"]) as b:
        b.set_stream_handler(ECHO, echo)
        yield a, b, await a.connect(b.addrs[0])


async def settled_stream(a: libp2p.Host, peer: libp2p.PeerId) -> libp2p.Stream:
    """An echo stream past its protocol negotiation (one exchange done)."""
    stream = await a.new_stream(peer, ECHO)
    await stream.write(b"settle")
    assert await stream.readexactly(6) == b"settle"
    return stream


async def test_a_thousand_concurrent_streams_on_one_connection() -> None:
    count = 1000
    async with pair() as (a, b, peer):
        all_open = asyncio.Event()
        opened = 0

        async def exchange(i: int) -> bytes:
            nonlocal opened
            stream = await a.new_stream(peer, ECHO)
            opened += 1
            if opened == count:
                all_open.set()
            await all_open.wait()  # every stream is open before any finishes
            payload = i.to_bytes(4, "big") * 16
            await stream.write(payload)
            await stream.close_write()
            answer = await stream.read()
            await stream.close()
            return answer

        answers = await asyncio.gather(*(exchange(i) for i in range(count)))
        assert answers == [i.to_bytes(4, "big") * 16 for i in range(count)]
        assert len(a.connections) == 1
        assert await settled_stream(a, peer) is not None  # the connection still serves


async def test_asyncio_timeout_around_a_read_that_never_completes() -> None:
    async with pair() as (a, b, peer):
        stream = await settled_stream(a, peer)
        with pytest.raises(TimeoutError):
            async with asyncio.timeout(0.05):
                await stream.read(10)  # the echo server has nothing to send
        assert repr(stream).endswith("(open)>")
        await stream.write(b"still usable")
        assert await stream.readexactly(12) == b"still usable"
        await stream.close_write()
        assert await stream.read() == b""
        await stream.close()


async def test_wait_for_around_a_read_that_never_completes() -> None:
    async with pair() as (a, b, peer):
        stream = await settled_stream(a, peer)
        with pytest.raises(TimeoutError):
            await asyncio.wait_for(stream.readexactly(1), 0.05)
        await stream.write(b"x")
        assert await stream.readexactly(1) == b"x"
        await stream.close()


async def test_closing_a_host_with_open_streams_and_a_blocked_read() -> None:
    async with libp2p.Host(listen=["/ip4/127.0.0.1/tcp/0"]) as b:
        b.set_stream_handler(ECHO, echo)
        a = await libp2p.Host().start()
        peer = await a.connect(b.addrs[0])
        streams = [await settled_stream(a, peer) for _ in range(5)]
        fresh = await a.new_stream(peer, ECHO)  # never used: may still be negotiating
        blocked = asyncio.ensure_future(streams[0].read(10))
        await asyncio.sleep(0)  # the read is now waiting in the core
        assert not blocked.done()

        await a.close()

        with pytest.raises(libp2p.ClosedError):
            await blocked
        for s in [*streams, fresh]:
            with pytest.raises(libp2p.ClosedError):
                await s.write(b"late")
            with pytest.raises(libp2p.ClosedError):
                await s.read(1)
            s.reset()  # no error: there is nothing left to reset
        with pytest.raises(libp2p.ClosedError):
            await a.new_stream(peer, ECHO)
        await a.close()  # idempotent
        # b saw the connection go and serves the next one.
        c = await libp2p.Host().start()
        try:
            assert await settled_stream(c, await c.connect(b.addrs[0])) is not None
        finally:
            await c.close()


async def test_closing_a_host_whose_handlers_are_blocked() -> None:
    reading = asyncio.Event()
    handler_ended: asyncio.Future[BaseException | None] = asyncio.get_running_loop().create_future()

    async def hang(stream: libp2p.Stream) -> None:
        try:
            reading.set()
            await stream.read(1)
            handler_ended.set_result(None)
        except BaseException as e:
            handler_ended.set_result(e)
            raise

    async with libp2p.Host(listen=["/ip4/127.0.0.1/tcp/0"]) as a:
        b = await libp2p.Host(listen=["/ip4/127.0.0.1/tcp/0"]).start()
        b.set_stream_handler(HANG, hang)
        peer = await a.connect(b.addrs[0])
        stream = await a.new_stream(peer, HANG)
        await stream.write(b"")  # sends the (optimistic) protocol proposal
        await reading.wait()
        await b.close()
        assert isinstance(await handler_ended, (asyncio.CancelledError, libp2p.ClosedError))
        # a's side of the stream is reset (as go-yamux resets the streams of a session that ends).
        with pytest.raises(libp2p.StreamReset):
            await stream.read()


async def test_an_inbound_stream_that_arrives_as_the_host_closes() -> None:
    """close() drains what the loop has not seen yet; an inbound stream among it is reset.

    (It used to make close() raise ClosedError, leaving the network thread
    running and pending operations unresolved.)
    """

    async def hang(stream: libp2p.Stream) -> None:
        await stream.read(1)

    async with libp2p.Host(listen=["/ip4/127.0.0.1/tcp/0"]) as a:
        a.set_stream_handler(HANG, hang)
        b = await libp2p.Host(listen=["/ip4/127.0.0.1/tcp/0"]).start()
        b.set_stream_handler(ECHO, echo)
        async with b.events() as events:
            peer = await a.connect(b.addrs[0])
            async for event in events:  # b has the connection too: it can open a stream on it
                if isinstance(event, libp2p.PeerConnected):
                    break
        to_a = await b.new_stream(a.peer_id, HANG)
        blocked = asyncio.ensure_future(to_a.read(1))  # a never answers
        await asyncio.sleep(0)
        # The loop stops watching b's completions, so the inbound stream waits in the queue.
        wakeup = b._runtime.wakeup_fd  # type: ignore[union-attr]
        asyncio.get_running_loop().remove_reader(wakeup)
        stream = await a.new_stream(peer, ECHO)
        await stream.write(b"x")
        assert select.select([wakeup], [], [], 30)[0] == [wakeup]  # b's handler has the stream

        await b.close()

        with pytest.raises(libp2p.ClosedError):
            await blocked
        try:  # a sees b's side end
            assert await stream.read() in (b"", b"x")
        except (libp2p.StreamReset, libp2p.MuxerError):
            pass


FORGETFUL = textwrap.dedent(
    """
    import asyncio, libp2p

    async def echo(stream):
        async for chunk in stream:
            await stream.write(chunk)

    async def main():
        global kept
        a = await libp2p.Host(listen=["/ip4/127.0.0.1/tcp/0"]).start()
        b = await libp2p.Host(listen=["/ip4/127.0.0.1/tcp/0"]).start()
        b.set_stream_handler("/echo/1.0.0", echo)
        stream = await a.new_stream(await a.connect(b.addrs[0]), "/echo/1.0.0")
        await stream.write(b"hi")
        assert await stream.readexactly(2) == b"hi"
        pending = asyncio.ensure_future(stream.read(1))  # still waiting at exit
        await asyncio.sleep(0)
        kept = (a, b, stream, pending)
        {how}

    asyncio.run(main())
    print("main returned", flush=True)
    """
)


@pytest.mark.parametrize(
    "how",
    [
        "pass  # the hosts stay referenced until interpreter exit",
        "kept = None  # dropped while the loop still runs",
        "raise SystemExit(0)  # leaves main with an exception",
    ],
    ids=["kept", "dropped", "exit"],
)
def test_a_host_the_user_forgets_to_close(how: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", FORGETFUL.format(how=how)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    if not how.startswith("raise"):
        assert done.stdout == "main returned\n"
    assert "Traceback" not in done.stderr, done.stderr


async def test_repr_says_what_an_object_is() -> None:
    host = libp2p.Host(listen=["/ip4/127.0.0.1/tcp/0"])
    assert repr(host) == "<Host (not started)>"
    async with pair() as (a, b, peer):
        assert repr(b) == f"<Host {b.peer_id} on {b.listen_addrs[0]}>"
        assert repr(peer) == f"PeerId('{peer}')"
        stream = await settled_stream(a, peer)
        assert repr(stream) == f"<Stream {ECHO} with {peer} (open)>"
        await stream.close_write()
        assert await stream.read() == b""
        assert repr(stream) == f"<Stream {ECHO} with {peer} (eof)>"
        await stream.close()
        assert repr(stream) == f"<Stream {ECHO} with {peer} (released)>"

        [connection] = a.connections
        assert repr(connection).startswith(f"ConnectionInfo(peer=PeerId('{peer}'), local_address=Multiaddr('/ip4/")
        assert "security='/noise', muxer='/yamux/1.0.0', direction='outbound'" in repr(connection)
        assert repr(a.peerstore) == f"<Peerstore of {len(a.peerstore.peers())} peers>"

        events = a.events()
        assert repr(events) == f"<EventStream of {a.peer_id} (open)>"
        a.disconnect(peer)
        async for event in events:
            if isinstance(event, libp2p.PeerDisconnected):
                assert repr(event) == f"PeerDisconnected(peer=PeerId('{peer}'))"
                break
        await events.aclose()
        assert repr(events) == f"<EventStream of {a.peer_id} (closed)>"


async def test_writes_in_flight_keep_their_order_and_close_waits_for_them() -> None:
    async with pair() as (a, b, peer):
        stream = await a.new_stream(peer, ECHO)
        chunks = [bytes([i]) * 65536 for i in range(16)]
        received = asyncio.ensure_future(stream.read())
        for chunk in chunks:
            await stream.write(chunk)  # returns while the core still writes
        await stream.close_write()
        assert await received == b"".join(chunks)
        await stream.close()


async def test_the_error_of_a_write_shows_on_the_next_drain() -> None:
    async with pair() as (a, b, peer):

        async def reset_after_one_byte(stream: libp2p.Stream) -> None:
            await stream.readexactly(1)
            stream.reset()

        b.set_stream_handler("/reset/1.0.0", reset_after_one_byte)
        stream = await a.new_stream(peer, "/reset/1.0.0")
        await stream.write(b"x")
        with pytest.raises(libp2p.StreamReset):
            await stream.readexactly(1)
        await stream.write(b"after the reset")  # handed over; the core fails it
        with pytest.raises(libp2p.StreamReset):
            await stream.drain()


async def test_a_reader_that_stops_stops_the_writer_and_a_cancelled_write_writes_nothing() -> None:
    async with pair() as (a, b, peer):
        resume = asyncio.Event()
        received: asyncio.Future[bytes] = asyncio.get_running_loop().create_future()

        async def pause_then_read_all(stream: libp2p.Stream) -> None:
            first = await stream.readexactly(1)  # the core now reads ahead, to its bound
            await resume.wait()
            received.set_result(first + await stream.read())

        b.set_stream_handler("/pause/1.0.0", pause_then_read_all)
        stream = await a.new_stream(peer, "/pause/1.0.0")
        chunks = [bytes([i % 255 + 1]) * 65536 for i in range(1024)]  # 64 MiB: far more than the windows and buffers hold
        await stream.write(b"\0")
        written = 0
        for chunk in chunks:
            # A write past the bounds never completes while nobody reads; the
            # one the timeout cancels (whichever it is) hands over nothing.
            try:
                await asyncio.wait_for(stream.write(chunk), 0.5)
            except TimeoutError:
                break
            written += 1
        assert written < len(chunks), "the writer was never stopped"
        resume.set()
        await stream.close_write()
        assert await received == b"\0" + b"".join(chunks[:written])
        await stream.close()
