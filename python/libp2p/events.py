"""What a Host tells about its connections and peers (`async for e in host.events()`)."""

from __future__ import annotations

import dataclasses
import datetime
from typing import Any, Union

from libp2p._core import Multiaddr, PeerId


@dataclasses.dataclass(frozen=True)
class ConnectionInfo:
    peer: PeerId
    local_address: Multiaddr
    remote_address: Multiaddr
    security: str
    muxer: str
    direction: str  # "inbound" or "outbound"
    opened: datetime.datetime

    @classmethod
    def _from_core(cls, t: tuple[Any, ...]) -> ConnectionInfo:
        peer, local, remote, security, muxer, direction, opened = t
        when = datetime.datetime.fromtimestamp(opened, tz=datetime.timezone.utc)
        return cls(peer, local, remote, security, muxer, direction, when)


@dataclasses.dataclass(frozen=True)
class PeerConnected:
    """The first connection to a peer opened."""

    peer: PeerId
    connection: ConnectionInfo


@dataclasses.dataclass(frozen=True)
class PeerDisconnected:
    """The last connection to a peer closed."""

    peer: PeerId


@dataclasses.dataclass(frozen=True)
class PeerIdentified:
    """Identify told what a peer is and speaks."""

    peer: PeerId
    agent_version: str
    protocol_version: str
    protocols: list[str]
    listen_addresses: list[Multiaddr]
    observed_address: Multiaddr | None


@dataclasses.dataclass(frozen=True)
class ProtocolsUpdated:
    peer: PeerId
    added: list[str]
    removed: list[str]


@dataclasses.dataclass(frozen=True)
class ListenAddressesChanged:
    addresses: list[Multiaddr]


Event = Union[PeerConnected, PeerDisconnected, PeerIdentified, ProtocolsUpdated, ListenAddressesChanged]


def _event_from_core(t: tuple[Any, ...]) -> Event:
    kind, *rest = t
    if kind == "peer_connected":
        return PeerConnected(rest[0], ConnectionInfo._from_core(rest[1]))
    if kind == "peer_disconnected":
        return PeerDisconnected(rest[0])
    if kind == "peer_identified":
        return PeerIdentified(*rest)
    if kind == "protocols_updated":
        return ProtocolsUpdated(*rest)
    return ListenAddressesChanged(rest[0])
