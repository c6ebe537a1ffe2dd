"""A libp2p stream, as asyncio sees it."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from types import TracebackType

from libp2p._bridge import Bridge
from libp2p._core import Multiaddr, PeerId

DEFAULT_READ_SIZE = 64 * 1024


class Stream:
    """A bidirectional stream of one connection, with its negotiated protocol.

    read/readexactly/write follow asyncio.StreamReader/StreamWriter. The
    core reads ahead, once the first read asked, while less than 1 MiB
    wait to be read; a read takes what has arrived without leaving the
    asyncio thread. write() hands the data to the core and returns at once
    while less than 1 MiB wait to be written, and otherwise waits until
    enough is written (with the muxer's flow control behind it, that is the
    backpressure). The error of a write shows on the next write, drain() or
    close(); drain() waits until everything written so far is written.
    close() is a graceful close; reset() an abortive one.

    Cancelling a read or a waiting write (asyncio.wait_for, task.cancel)
    loses nothing: the data stays to be read, and a cancelled write wrote
    none of its data. The stream stays usable.
    """

    def __init__(self, bridge: Bridge, stream_id: int, protocol: str, remote_peer: PeerId, remote_address: Multiaddr) -> None:
        self._bridge = bridge
        self._id = stream_id
        self.protocol = protocol
        self.remote_peer = remote_peer
        self.remote_address = remote_address
        self._read_lock = asyncio.Lock()
        self._write_lock = asyncio.Lock()
        self._eof = False
        self._write_closed = False
        self._released = False

    def __repr__(self) -> str:
        state = "released" if self._released else ("eof" if self._eof else "open")
        return f"<Stream {self.protocol} with {self.remote_peer} ({state})>"

    async def read(self, n: int = -1) -> bytes:
        """Up to `n` bytes (b"" at end of stream); with n < 0, everything up to the end."""
        if n < 0:
            chunks = []
            while chunk := await self.read(DEFAULT_READ_SIZE):
                chunks.append(chunk)
            return b"".join(chunks)
        if n == 0 or self._eof:
            return b""
        async with self._read_lock:
            data: bytes = await self._bridge.ask("stream_read", self._id, n)
        if not data:
            self._eof = True
        return data

    async def readexactly(self, n: int) -> bytes:
        """Exactly `n` bytes; asyncio.IncompleteReadError if the stream ends first."""
        parts: list[bytes] = []
        got = 0
        while got < n:
            chunk = await self.read(n - got)
            if not chunk:
                raise asyncio.IncompleteReadError(b"".join(parts), n)
            parts.append(chunk)
            got += len(chunk)
        return b"".join(parts)

    async def write(self, data: bytes | bytearray | memoryview) -> None:
        """Hands all of `data` to the core, once less than 1 MiB wait to be written."""
        async with self._write_lock:
            await self._bridge.ask("stream_write", self._id, bytes(data))

    async def drain(self) -> None:
        """Waits until the core wrote everything written so far."""
        async with self._write_lock:
            await self._bridge.ask("stream_drain", self._id)

    async def close_write(self) -> None:
        """Half-close, after the writes made so far: the remote reads end of
        stream; reading goes on."""
        if self._write_closed:
            return
        async with self._write_lock:
            self._write_closed = True
            await self._bridge.ask("stream_close_write", self._id)

    async def close(self) -> None:
        """Closes for writing and lets go of the stream."""
        try:
            if not self._released:
                await self.close_write()
        finally:
            self._release()

    def reset(self) -> None:
        """Aborts the stream in both directions."""
        if not self._released:
            self._bridge.runtime.stream_reset(self._id)
            self._release()

    def _release(self) -> None:
        if not self._released:
            self._released = True
            if not self._bridge._closed:
                self._bridge.runtime.stream_release(self._id)

    def __aiter__(self) -> AsyncIterator[bytes]:
        return self._chunks()

    async def _chunks(self) -> AsyncIterator[bytes]:
        while chunk := await self.read(DEFAULT_READ_SIZE):
            yield chunk

    async def __aenter__(self) -> Stream:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if exc is None:
            await self.close()
        else:
            self.reset()

    def __del__(self) -> None:
        # A stream dropped without close() is reset by the core.
        if not self._released and not self._bridge._closed:
            try:
                self._bridge.runtime.stream_release(self._id)
            except Exception:  # interpreter shutting down
                pass
