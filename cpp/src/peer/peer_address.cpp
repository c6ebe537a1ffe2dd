#include "libp2p/peer/peer_address.hpp"

#include "libp2p/peer/errc.hpp"

namespace libp2p::peer {

using multiformats::Multiaddr;
using multiformats::Protocol;

Result<PeerAddress> split_peer_address(const Multiaddr& address) {
  std::size_t offset = 0;
  for (auto it = address.begin(); it != address.end(); ++it) {
    const bool last = std::next(it) == address.end();
    if (it->code() == Protocol::Code::p2p && last) {
      auto id = PeerId::from_bytes(it->value_bytes());
      if (!id) return prefixed(address.to_string(), id.error());
      PeerAddress out{Multiaddr{}, std::move(*id)};
      if (offset > 0) out.transport = Multiaddr::from_bytes(address.bytes().first(offset)).value();
      return out;
    }
    offset += it->bytes().size();
  }
  return PeerAddress{address, std::nullopt};
}

Result<Multiaddr> with_peer_id(const Multiaddr& address, const PeerId& peer) {
  auto suffix = Multiaddr::from_string("/p2p/" + peer.to_base58());
  if (!suffix) return suffix.error();
  return address.encapsulate(*suffix);
}

}  // namespace libp2p::peer
