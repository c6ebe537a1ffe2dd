"""libp2p: the peer-to-peer network stack, with a C++20 core and an asyncio API."""

from __future__ import annotations

from libp2p._core import Envelope, KeyPair, KeyType, PeerId, PeerRecord, PublicKey
from libp2p import multibase
from libp2p._core import Multiaddr
from libp2p.errors import CryptoError, Error, ParseError, PeerError

__all__ = [
    "CryptoError",
    "Envelope",
    "Error",
    "KeyPair",
    "KeyType",
    "Multiaddr",
    "ParseError",
    "PeerError",
    "PeerId",
    "PeerRecord",
    "PublicKey",
    "multibase",
]

__version__ = "0.1.0"
