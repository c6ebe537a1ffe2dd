#pragma once

// Multiaddrs that end in /p2p/<peer-id>: the address to dial and the PeerId
// the remote must prove (go-libp2p's peer.AddrInfoFromP2pAddr).

#include "libp2p/multiformats/multiaddr.hpp"
#include "libp2p/peer/peer_id.hpp"

#include <optional>

namespace libp2p::peer {

struct PeerAddress {
  multiformats::Multiaddr transport;  // without /p2p; empty for a bare /p2p/<id>
  std::optional<PeerId> peer;
};

// Splits off a final /p2p/<id>; an address without one has no peer.
Result<PeerAddress> split_peer_address(const multiformats::Multiaddr& address);

// `address` with /p2p/<peer> appended (fails only where nothing may follow,
// as after /unix).
Result<multiformats::Multiaddr> with_peer_id(const multiformats::Multiaddr& address, const PeerId& peer);

}  // namespace libp2p::peer
