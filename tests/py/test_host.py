"""libp2p.Host from asyncio: two or more hosts in one process, over TCP, WebSocket and the memory transport."""

from __future__ import annotations

import asyncio
import contextlib
import pathlib
import subprocess
from collections.abc import AsyncIterator

import pytest

import libp2p

ECHO = "/echo/1.0.0"


async def echo(stream: libp2p.Stream) -> None:
    async for chunk in stream:
        await stream.write(chunk)


@contextlib.asynccontextmanager
async def pair(**config: object) -> AsyncIterator[tuple[libp2p.Host, libp2p.Host]]:
    config.setdefault("listen", ["/ip4/127.0.0.1/tcp/0"])
    async with libp2p.Host(**config) as a, libp2p.Host(**config) as b:  # type: ignore[arg-type]
        b.set_stream_handler(ECHO, echo)
        yield a, b


async def roundtrip(a: libp2p.Host, peer: libp2p.PeerId, payload: bytes) -> bytes:
    stream = await a.new_stream(peer, ECHO)
    assert stream.protocol == ECHO

    async def send() -> None:
        await stream.write(payload)
        await stream.close_write()

    _, answer = await asyncio.gather(send(), stream.readexactly(len(payload)))
    await stream.close()
    return answer


async def test_connect_ping_echo_over_tcp() -> None:
    async with pair() as (a, b):
        assert b.addrs and all(str(x).endswith(f"/p2p/{b.peer_id}") for x in b.addrs)
        peer = await a.connect(b.addrs[0])
        assert peer == b.peer_id
        rtt = await a.ping(peer)
        assert rtt.total_seconds() > 0
        payload = bytes(range(256)) * 4096  # 1 MiB
        assert await roundtrip(a, peer, payload) == payload
        [conn] = a.connections
        assert (conn.peer, conn.security, conn.muxer, conn.direction) == (peer, "/noise", "/yamux/1.0.0", "outbound")


@pytest.mark.parametrize("security", ["/noise", "/tls/1.0.0"])
@pytest.mark.parametrize("muxer", ["/yamux/1.0.0", "/mplex/6.7.0"])
async def test_every_security_and_muxer(security: str, muxer: str) -> None:
    async with pair(security=[security], muxers=[muxer]) as (a, b):
        peer = await a.connect(b.addrs[0])
        assert await roundtrip(a, peer, b"x" * 100_000) == b"x" * 100_000
        [conn] = a.connections
        assert (conn.security, conn.muxer) == (security, muxer)


async def test_memory_transport() -> None:
    async with pair(listen=["/memory/0"]) as (a, b):
        assert str(b.listen_addrs[0]).startswith("/memory/")
        peer = await a.connect(b.addrs[0])
        assert await roundtrip(a, peer, b"over memory") == b"over memory"


@pytest.mark.parametrize("listen, secure_muxed", [
    ("/ip4/127.0.0.1/tcp/0/ws", ("/noise", "/yamux/1.0.0")),
    ("/ip4/127.0.0.1/udp/0/quic-v1", ("quic-v1", "quic-v1")),  # QUIC's own TLS and streams
])
async def test_websocket_and_quic_transports(listen: str, secure_muxed: tuple[str, str]) -> None:
    suffix = listen.rsplit("/", 1)[1]
    async with pair(listen=[listen]) as (a, b):
        assert str(b.listen_addrs[0]).endswith(suffix)
        peer = await a.connect(b.addrs[0])
        assert await roundtrip(a, peer, b"y" * 100_000) == b"y" * 100_000
        [conn] = a.connections
        assert (conn.security, conn.muxer) == secure_muxed
        assert str(conn.remote_address).endswith(suffix)


async def test_a_host_without_quic_cannot_listen_on_it() -> None:
    with pytest.raises(libp2p.Error):
        async with libp2p.Host(listen=["/ip4/127.0.0.1/udp/0/quic-v1"], quic=False):
            pass


def self_signed(directory: pathlib.Path) -> tuple[str, str]:
    cert, key = directory / "cert.pem", directory / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
         "-keyout", str(key), "-out", str(cert), "-days", "1", "-subj", "/CN=localhost"],
        check=True, capture_output=True,
    )
    return str(cert), str(key)


async def test_a_secure_websocket_listener_needs_its_certificate(tmp_path: pathlib.Path) -> None:
    with pytest.raises(libp2p.Error, match="certificate"):
        async with libp2p.Host(listen=["/ip4/127.0.0.1/tcp/0/tls/ws"]):
            pass
    cert, key = self_signed(tmp_path)
    async with libp2p.Host(
        listen=["/ip4/127.0.0.1/tcp/0/tls/ws"], websocket_certificate=cert, websocket_private_key=key
    ) as host:
        assert str(host.listen_addrs[0]).endswith("/tls/ws")


async def test_identify_fills_the_peerstore_and_emits_an_event() -> None:
    async with pair() as (a, b):
        events = a.events()
        next_event = asyncio.ensure_future(events.__anext__())
        await a.connect(b.addrs[0])
        seen: list[libp2p.Event] = []
        while not any(isinstance(e, libp2p.PeerIdentified) for e in seen):
            seen.append(await next_event)
            next_event = asyncio.ensure_future(events.__anext__())
        next_event.cancel()
        await events.aclose()
        assert isinstance(seen[0], libp2p.PeerConnected) and seen[0].peer == b.peer_id
        identified = next(e for e in seen if isinstance(e, libp2p.PeerIdentified))
        assert identified.peer == b.peer_id
        assert ECHO in identified.protocols
        assert identified.agent_version == a.peerstore.agent_version(b.peer_id)
        assert set(a.peerstore.protocols(b.peer_id)) == set(b.protocols)


async def test_new_stream_dials_a_peer_known_from_the_peerstore() -> None:
    async with pair() as (a, b):
        a.add_addresses(b.peer_id, b.listen_addrs)
        assert await roundtrip(a, b.peer_id, b"by id") == b"by id"
        assert b.peer_id in a.peerstore.peers()


async def test_unsupported_protocol_is_a_negotiation_error() -> None:
    async with pair() as (a, b):
        peer = await a.connect(b.addrs[0])
        with pytest.raises(libp2p.NegotiationError):
            await a.new_stream(peer, ["/nope/1.0.0"])
        assert await roundtrip(a, peer, b"still fine") == b"still fine"


async def test_a_handler_that_raises_resets_only_its_stream() -> None:
    async with pair() as (a, b):

        async def boom(stream: libp2p.Stream) -> None:
            raise RuntimeError("boom")

        b.set_stream_handler("/boom/1.0.0", boom)
        peer = await a.connect(b.addrs[0])
        # The reset comes during negotiation, or at the first read when the
        # protocol was proposed optimistically (identify said b serves it).
        with pytest.raises(libp2p.StreamReset):
            stream = await a.new_stream(peer, "/boom/1.0.0")
            await stream.readexactly(1)
        assert await roundtrip(a, peer, b"after boom") == b"after boom"


async def test_removed_handler_no_longer_serves() -> None:
    async with pair() as (a, b):
        peer = await a.connect(b.addrs[0])
        b.remove_stream_handler(ECHO)
        # "na" comes during negotiation, or at the first read when the
        # protocol was proposed optimistically (identify said b served it).
        with pytest.raises(libp2p.NegotiationError):
            stream = await a.new_stream(peer, ECHO)
            await stream.read(1)


async def test_dialing_the_wrong_peer_id_fails() -> None:
    async with pair() as (a, b):
        stranger = libp2p.KeyPair.generate().peer_id
        lie = b.listen_addrs[0].encapsulate(f"/p2p/{stranger}")
        with pytest.raises(libp2p.DialError):
            await a.connect(lie)
        assert a.connections == []


async def test_dialing_nobody_is_a_dial_error() -> None:
    async with libp2p.Host(listen=["/memory/0"]) as a:
        nobody = libp2p.KeyPair.generate().peer_id
        with pytest.raises(libp2p.DialError):
            await a.connect(f"/memory/999999/p2p/{nobody}")


async def test_cancelling_a_read_leaves_the_stream_usable() -> None:
    async with pair() as (a, b):
        peer = await a.connect(b.addrs[0])
        stream = await a.new_stream(peer, ECHO)
        # Also the first read, which may wait for the remote's multistream
        # answer (optimistic proposal): the core reads ahead on its own, the
        # read only waits for what it finds.
        read = asyncio.ensure_future(stream.read(10))
        await asyncio.sleep(0)  # the read now waits
        read.cancel()
        with pytest.raises(asyncio.CancelledError):
            await read
        await stream.write(b"after cancel")
        assert await stream.readexactly(12) == b"after cancel"
        await stream.close()


async def test_many_concurrent_streams() -> None:
    async with pair() as (a, b):
        peer = await a.connect(b.addrs[0])
        payloads = [bytes([i % 256]) * (100 + i) for i in range(200)]
        answers = await asyncio.gather(*(roundtrip(a, peer, p) for p in payloads))
        assert answers == payloads
        assert len(a.connections) == 1


async def test_disconnect_and_redial() -> None:
    async with pair() as (a, b):
        peer = await a.connect(b.addrs[0])
        events = a.events()
        a.disconnect(peer)
        async for event in events:
            if isinstance(event, libp2p.PeerDisconnected):
                assert event.peer == peer
                break
        await events.aclose()
        assert a.connections == []
        assert await a.connect(b.addrs[0]) == peer


async def test_a_saved_key_keeps_the_identity(tmp_path: pathlib.Path) -> None:
    key = libp2p.KeyPair.generate()
    key.save(tmp_path / "node.key")
    async with libp2p.Host(identity=libp2p.KeyPair.load(tmp_path / "node.key"), listen=["/memory/0"]) as h:
        assert h.peer_id == key.peer_id


async def test_a_closed_host_refuses_calls() -> None:
    host = libp2p.Host(listen=["/memory/0"])
    with pytest.raises(libp2p.ClosedError):
        _ = host.peer_id
    await host.start()
    await host.close()
    with pytest.raises(libp2p.ClosedError):
        await host.connect("/memory/1")


def test_config_rejects_bad_values() -> None:
    with pytest.raises((ValueError, libp2p.Error)):
        libp2p.Host(security=["/nonsense/1.0.0"])
    with pytest.raises((ValueError, libp2p.Error)):
        libp2p.Host(dial_timeout=-1)
    with pytest.raises(ValueError, match="websocket_private_key"):
        libp2p.Host(websocket_certificate="cert.pem")
