"""libp2p: the peer-to-peer network stack, with a C++20 core and an asyncio API."""

from __future__ import annotations

from libp2p import multibase
from libp2p._core import Envelope, KeyPair, KeyType, Multiaddr, PeerId, PeerRecord, PublicKey
from libp2p.config import Config
from libp2p.errors import (
    ClosedError,
    CryptoError,
    DialError,
    Error,
    MuxerError,
    NegotiationError,
    ParseError,
    PeerError,
    SecurityError,
    StreamReset,
    TimeoutError,
)
from libp2p.events import (
    ConnectionInfo,
    Event,
    ListenAddressesChanged,
    PeerConnected,
    PeerDisconnected,
    PeerIdentified,
    ProtocolsUpdated,
)
from libp2p.host import Host, Peerstore
from libp2p.perf import PerfResult
from libp2p.stream import Stream

__all__ = [
    "ClosedError",
    "Config",
    "ConnectionInfo",
    "CryptoError",
    "DialError",
    "Envelope",
    "Error",
    "Event",
    "Host",
    "KeyPair",
    "KeyType",
    "ListenAddressesChanged",
    "Multiaddr",
    "MuxerError",
    "NegotiationError",
    "ParseError",
    "PeerConnected",
    "PeerDisconnected",
    "PeerError",
    "PeerId",
    "PeerIdentified",
    "PeerRecord",
    "PerfResult",
    "Peerstore",
    "ProtocolsUpdated",
    "PublicKey",
    "SecurityError",
    "Stream",
    "StreamReset",
    "TimeoutError",
    "multibase",
]

__version__ = "0.1.0"
