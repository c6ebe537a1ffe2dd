"""libp2p.Host: a libp2p node for asyncio, on the C++ core's network thread."""

from __future__ import annotations

import asyncio
import atexit
import datetime
import logging
import weakref
from collections.abc import Awaitable, Callable, Sequence
from types import TracebackType
from typing import Any

from libp2p import _core
from libp2p._bridge import Bridge
from libp2p._core import KeyPair, Multiaddr, PeerId
from libp2p.config import Config
from libp2p.errors import ClosedError, Error
from libp2p.events import ConnectionInfo, Event, _event_from_core
from libp2p.perf import PerfResult
from libp2p.stream import Stream

log = logging.getLogger("libp2p")

StreamHandler = Callable[[Stream], Awaitable[None]]

_U64_MAX = 2**64 - 1

# Hosts not closed by their users are closed at interpreter exit.
_live_runtimes: weakref.WeakSet[_core.HostRuntime] = weakref.WeakSet()


@atexit.register
def _close_live_runtimes() -> None:
    for runtime in list(_live_runtimes):
        runtime.close()


def _peer(peer: PeerId | str) -> PeerId:
    return peer if isinstance(peer, PeerId) else PeerId(peer)


def _addr(addr: Multiaddr | str) -> Multiaddr:
    return addr if isinstance(addr, Multiaddr) else Multiaddr(addr)


class Peerstore:
    """What the host knows about other peers (read-only view; see Host.add_addresses)."""

    def __init__(self, runtime: _core.HostRuntime) -> None:
        self._runtime = runtime

    def peers(self) -> list[PeerId]:
        return self._runtime.known_peers()

    def addresses(self, peer: PeerId | str) -> list[Multiaddr]:
        return self._runtime.peer_addresses(_peer(peer))

    def protocols(self, peer: PeerId | str) -> list[str]:
        return self._runtime.peer_protocols(_peer(peer))

    def agent_version(self, peer: PeerId | str) -> str | None:
        return self._runtime.peer_agent_version(_peer(peer))

    def __repr__(self) -> str:
        return f"<Peerstore of {len(self.peers())} peers>"


class Host:
    """A libp2p node.

    Use it as an async context manager (or call start() and close())::

        async with libp2p.Host(listen=["/ip4/127.0.0.1/tcp/0"]) as host:
            print(host.peer_id, host.addrs)

    Keyword arguments are the fields of :class:`libp2p.Config`.
    """

    def __init__(self, config: Config | None = None, **kwargs: Any) -> None:
        if config is not None and kwargs:
            raise TypeError("pass a Config or keyword arguments, not both")
        self.config = config if config is not None else Config(**kwargs)
        self.config.validate()
        self._runtime: _core.HostRuntime | None = None
        self._bridge: Bridge | None = None
        self._handlers: dict[int, tuple[str, StreamHandler]] = {}
        self._handler_ids: dict[str, int] = {}
        self._next_handler = 1
        self._tasks: set[asyncio.Task[None]] = set()

    # -- lifecycle ---------------------------------------------------------

    async def start(self) -> Host:
        """Starts the network thread and listens on config.listen."""
        if self._runtime is not None:
            return self
        loop = asyncio.get_running_loop()
        c = self.config
        self._runtime = await loop.run_in_executor(
            None,
            lambda: _core.HostRuntime(
                identity=c.identity,
                listen=[str(a) for a in c.listen],
                security=list(c.security),
                muxers=list(c.muxers),
                tcp=c.tcp,
                quic=c.quic,
                memory=c.memory,
                websocket=c.websocket,
                websocket_certificate=c.websocket_certificate or "",
                websocket_private_key=c.websocket_private_key or "",
                dial_timeout=c.dial_timeout,
                handshake_timeout=c.handshake_timeout,
                negotiation_timeout=c.negotiation_timeout,
                agent_version=c.agent_version,
                protocol_version=c.protocol_version,
                identify=c.identify,
                ping=c.ping,
                perf=c.perf,
                yamux_max_stream_window=c.yamux_max_stream_window,
            ),
        )
        _live_runtimes.add(self._runtime)
        self._bridge = Bridge(self._runtime, loop)
        self._bridge.on_inbound = self._on_inbound
        return self

    async def close(self) -> None:
        """Closes every connection and stops the network thread."""
        if self._runtime is None:
            return
        runtime, bridge = self._runtime, self._bridge
        self._runtime = None
        for task in list(self._tasks):
            task.cancel()
        if bridge is not None:
            bridge.close()
        await asyncio.get_running_loop().run_in_executor(None, runtime.close)
        _live_runtimes.discard(runtime)

    async def __aenter__(self) -> Host:
        return await self.start()

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.close()

    def __del__(self) -> None:
        runtime = getattr(self, "_runtime", None)  # absent if __init__ raised
        if runtime is not None:
            runtime.close()

    @property
    def _rt(self) -> _core.HostRuntime:
        if self._runtime is None:
            raise ClosedError("the host is not started (use `async with Host(...)` or `await host.start()`)")
        return self._runtime

    @property
    def _br(self) -> Bridge:
        self._rt
        assert self._bridge is not None
        return self._bridge

    # -- identity and addresses -------------------------------------------

    @property
    def peer_id(self) -> PeerId:
        return self._rt.peer_id

    @property
    def addrs(self) -> list[Multiaddr]:
        """Addresses other peers can dial, with /p2p/<our id>."""
        suffix = Multiaddr(f"/p2p/{self.peer_id}")
        return [a.encapsulate(suffix) for a in self._rt.addresses()]

    @property
    def listen_addrs(self) -> list[Multiaddr]:
        """The addresses listened on, as bound."""
        return self._rt.listen_addresses()

    def listen(self, addr: Multiaddr | str) -> Multiaddr:
        """Listens on one more address; returns it as bound."""
        return self._rt.listen(_addr(addr))

    @property
    def peerstore(self) -> Peerstore:
        return Peerstore(self._rt)

    def add_addresses(self, peer: PeerId | str, addrs: Sequence[Multiaddr | str]) -> None:
        """Tells the peerstore where `peer` can be dialed."""
        self._rt.add_peer_addresses(_peer(peer), [_addr(a) for a in addrs])

    @property
    def connections(self) -> list[ConnectionInfo]:
        return [ConnectionInfo._from_core(t) for t in self._rt.connections()]

    @property
    def protocols(self) -> list[str]:
        """The protocols this host serves."""
        return self._rt.protocols()

    def __repr__(self) -> str:
        if self._runtime is None:
            return "<Host (not started)>"
        return f"<Host {self.peer_id} on {', '.join(map(str, self.listen_addrs)) or 'no address'}>"

    # -- connections and streams -----------------------------------------

    async def connect(self, addr: Multiaddr | str) -> PeerId:
        """Connects to a multiaddr (with /p2p/<id> the remote must prove that id)."""
        peer: PeerId = await self._br.call("connect", _addr(addr), dialing=True)
        return peer

    def disconnect(self, peer: PeerId | str) -> None:
        self._rt.disconnect(_peer(peer))

    async def new_stream(self, peer: PeerId | str, protocols: Sequence[str] | str) -> Stream:
        """Opens a stream to `peer` (dialing it if need be) for the first protocol it takes."""
        if isinstance(protocols, str):
            protocols = [protocols]
        stream_id, protocol, remote, address = await self._br.call("new_stream", _peer(peer), list(protocols))
        return Stream(self._br, stream_id, protocol, remote, address)

    async def ping(self, peer: PeerId | str) -> datetime.timedelta:
        """One ping round trip to `peer`."""
        nanoseconds: int = await self._br.call("ping", _peer(peer))
        return datetime.timedelta(microseconds=nanoseconds / 1000)

    async def perf(self, peer: PeerId | str, *, upload: int = 0, download: int = 0) -> PerfResult:
        """One perf run (/perf/1.0.0) with `peer`, which must serve perf.

        Uploads `upload` bytes, then downloads `download` bytes, on one new
        stream; each may be anything from 0 to 2**64 - 1. Cancelling the call
        resets the stream.
        """
        for name, size in (("upload", upload), ("download", download)):
            if not 0 <= size <= _U64_MAX:
                raise ValueError(f"{name} must be from 0 to 2**64 - 1 bytes, not {size}")
        t = await self._br.call("perf", _peer(peer), upload, download)
        return PerfResult._from_core(t)

    def set_stream_handler(self, protocol: str, handler: StreamHandler) -> None:
        """Serves `protocol` with `handler`, an async function of a Stream.

        Each inbound stream runs the handler as a task. The stream is closed
        when the handler returns; a handler that raises resets it (the host
        lives on).
        """
        self.remove_stream_handler(protocol)
        handler_id = self._next_handler
        self._next_handler += 1
        self._handlers[handler_id] = (protocol, handler)
        self._handler_ids[protocol] = handler_id
        self._rt.set_stream_handler(handler_id, protocol, self.config.max_handler_streams)

    def remove_stream_handler(self, protocol: str) -> None:
        handler_id = self._handler_ids.pop(protocol, None)
        if handler_id is not None:
            del self._handlers[handler_id]
            self._rt.remove_stream_handler(protocol)

    def _on_inbound(self, handler_id: int, stream: tuple[Any, ...]) -> None:
        assert self._bridge is not None
        s = Stream(self._bridge, *stream)  # also while close() drains the last completions
        entry = self._handlers.get(handler_id) if self._runtime is not None else None
        if entry is None:
            s.reset()
            return
        task = asyncio.get_running_loop().create_task(self._run_handler(entry[1], s))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _run_handler(self, handler: StreamHandler, stream: Stream) -> None:
        try:
            await handler(stream)
        except asyncio.CancelledError:
            stream.reset()
            raise
        except Exception:
            log.exception("handler for %s failed; stream reset", stream.protocol)
            stream.reset()
        else:
            try:
                await stream.close()
            except Error:
                pass

    # -- events -------------------------------------------------------------

    def events(self) -> EventStream:
        """Connection and peer events, in order, from this call on.

        The subscription starts here, not at the first iteration, so no event
        that follows this call is missed. Close it with aclose() (or by
        leaving an `async with`) when done.
        """
        return EventStream(self._rt, self._br)


class EventStream:
    """An async iterator of a host's events (see Host.events)."""

    def __init__(self, runtime: _core.HostRuntime, bridge: Bridge) -> None:
        self._runtime: _core.HostRuntime | None = runtime
        self._bridge = bridge
        self._subscription = runtime.subscribe()
        self._peer_id = runtime.peer_id

    def __repr__(self) -> str:
        return f"<EventStream of {self._peer_id} ({'open' if self._runtime is not None else 'closed'})>"

    def __aiter__(self) -> EventStream:
        return self

    async def __anext__(self) -> Event:
        if self._runtime is None:
            raise StopAsyncIteration
        try:
            t = await self._bridge.call("next_event", self._subscription)
        except ClosedError:
            await self.aclose()
            raise StopAsyncIteration from None
        return _event_from_core(t)

    async def aclose(self) -> None:
        runtime, self._runtime = self._runtime, None
        if runtime is not None:
            runtime.unsubscribe(self._subscription)

    async def __aenter__(self) -> EventStream:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()
