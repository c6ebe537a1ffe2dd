"""The configuration of a :class:`libp2p.Host`: a typed object with defaults."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from libp2p._core import KeyPair, Multiaddr

SECURITY_PROTOCOLS = ("/noise", "/tls/1.0.0", "/plaintext/2.0.0")
MUXERS = ("/yamux/1.0.0", "/mplex/6.7.0")


@dataclasses.dataclass
class Config:
    """Everything a Host can be told. Every field has a default.

    identity: the node's key pair; a new Ed25519 one when None.
    listen: multiaddrs to listen on at start ("/ip4/0.0.0.0/tcp/0", "/ip4/0.0.0.0/udp/0/quic-v1",
        "/ip4/0.0.0.0/tcp/0/ws", "/memory/0", ...).
    security: security protocols by preference: "/noise", "/tls/1.0.0";
        "/plaintext/2.0.0" is for tests only and never a default.
    muxers: stream multiplexers by preference: "/yamux/1.0.0", "/mplex/6.7.0".
    tcp, quic, websocket, memory: the transports to enable. QUIC (/udp/<port>/quic-v1)
        brings its own TLS 1.3 and streams, so `security` and `muxers` do not apply to it;
        a peer known by both is dialed over QUIC first. WebSocket dials and listens on
        /tcp/<port>/ws; /tls/ws (or /wss) too, where listening needs a certificate.
    websocket_certificate, websocket_private_key: PEM files of the certificate chain and
        key a /tls/ws listener presents (both or neither).
    dial_timeout: seconds for one dial attempt (connect and upgrade).
    handshake_timeout: seconds for the security and muxer negotiation of a connection.
    negotiation_timeout: seconds for the protocol negotiation of a stream.
    agent_version, protocol_version: what identify tells other peers.
    identify, ping: serve (and run) identify and ping.
    perf: serve perf (/perf/1.0.0), the throughput benchmark. Off by default, as
        its spec asks: it lets any peer make this node send and receive without bound.
    yamux_max_stream_window: the bound of a yamux stream's receive window, in bytes.
    max_handler_streams: inbound streams a Python handler may have open at once;
        more are reset.
    """

    identity: KeyPair | None = None
    listen: Sequence[str | Multiaddr] = ()
    security: Sequence[str] = ("/noise", "/tls/1.0.0")
    muxers: Sequence[str] = ("/yamux/1.0.0",)
    tcp: bool = True
    quic: bool = True
    memory: bool = True
    websocket: bool = True
    websocket_certificate: str | None = None
    websocket_private_key: str | None = None
    dial_timeout: float = 10.0
    handshake_timeout: float = 10.0
    negotiation_timeout: float = 10.0
    agent_version: str = "libp2p-cxx/0.1.0"
    protocol_version: str = "ipfs/0.1.0"
    identify: bool = True
    ping: bool = True
    perf: bool = False
    yamux_max_stream_window: int = 16 * 1024 * 1024
    max_handler_streams: int = 1024

    def validate(self) -> None:
        """Raises ValueError naming the first field that is wrong."""
        for s in self.security:
            if s not in SECURITY_PROTOCOLS:
                raise ValueError(f"security: unknown protocol {s!r} (known: {', '.join(SECURITY_PROTOCOLS)})")
        for m in self.muxers:
            if m not in MUXERS:
                raise ValueError(f"muxers: unknown muxer {m!r} (known: {', '.join(MUXERS)})")
        for name in ("dial_timeout", "handshake_timeout", "negotiation_timeout"):
            if getattr(self, name) <= 0:
                raise ValueError(f"{name} must be positive, not {getattr(self, name)}")
        if (self.websocket_certificate is None) != (self.websocket_private_key is None):
            raise ValueError("websocket_certificate and websocket_private_key go together: give both or neither")
        if self.max_handler_streams < 1:
            raise ValueError("max_handler_streams must be at least 1")
        if not 256 * 1024 <= self.yamux_max_stream_window < 2**32:
            raise ValueError("yamux_max_stream_window must be at least 256 KiB and below 4 GiB")
