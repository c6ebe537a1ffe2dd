#include "libp2p/peer/peerstore.hpp"

#include "libp2p/peer/errc.hpp"

#include <algorithm>

namespace libp2p::peer {

Peerstore::Clock::time_point Peerstore::expiry(std::chrono::seconds ttl) const {
  constexpr auto forever = std::chrono::hours(24 * 365 * 100);  // beyond this, never
  if (ttl >= forever) return Clock::time_point::max();
  return now_() + ttl;
}

void Peerstore::drop_expired(Record& record) const {
  const auto now = now_();
  std::erase_if(record.addresses, [&](const Address& a) { return a.expires <= now; });
}

void Peerstore::add_addresses(const PeerId& peer, const std::vector<Multiaddr>& addresses, std::chrono::seconds ttl) {
  if (ttl <= std::chrono::seconds::zero()) return;
  auto& record = records_[peer];
  drop_expired(record);
  const auto until = expiry(ttl);
  for (const auto& address : addresses) {
    auto it = std::find_if(record.addresses.begin(), record.addresses.end(),
                           [&](const Address& a) { return a.address == address; });
    if (it == record.addresses.end()) {
      record.addresses.push_back({address, ttl, until});
    } else if (until > it->expires) {
      it->ttl = ttl;
      it->expires = until;
    }
  }
}

void Peerstore::set_addresses(const PeerId& peer, const std::vector<Multiaddr>& addresses, std::chrono::seconds ttl) {
  auto& record = records_[peer];
  for (const auto& address : addresses) {
    std::erase_if(record.addresses, [&](const Address& a) { return a.address == address; });
    if (ttl > std::chrono::seconds::zero()) record.addresses.push_back({address, ttl, expiry(ttl)});
  }
  drop_expired(record);
}

void Peerstore::update_ttl(const PeerId& peer, std::chrono::seconds from, std::chrono::seconds to) {
  auto it = records_.find(peer);
  if (it == records_.end()) return;
  for (auto& a : it->second.addresses) {
    if (a.ttl != from) continue;
    a.ttl = to;
    a.expires = expiry(to);
  }
  drop_expired(it->second);
}

std::vector<Multiaddr> Peerstore::addresses(const PeerId& peer) const {
  std::vector<Multiaddr> out;
  auto it = records_.find(peer);
  if (it == records_.end()) return out;
  const auto now = now_();
  for (const auto& a : it->second.addresses)
    if (a.expires > now) out.push_back(a.address);
  return out;
}

void Peerstore::clear_addresses(const PeerId& peer) {
  if (auto it = records_.find(peer); it != records_.end()) it->second.addresses.clear();
}

Result<void> Peerstore::set_public_key(const PeerId& peer, const crypto::PublicKey& key) {
  if (!peer.matches(key)) return Error(Errc::peer_id_mismatch, "public key does not belong to " + peer.to_string());
  records_[peer].public_key = key;
  return {};
}

std::optional<crypto::PublicKey> Peerstore::public_key(const PeerId& peer) const {
  if (auto it = records_.find(peer); it != records_.end() && it->second.public_key) return it->second.public_key;
  auto inlined = peer.extract_public_key();
  if (inlined && *inlined) return **inlined;
  return std::nullopt;
}

void Peerstore::set_protocols(const PeerId& peer, const std::vector<std::string>& protocols) {
  records_[peer].protocols = {protocols.begin(), protocols.end()};
}

void Peerstore::add_protocols(const PeerId& peer, const std::vector<std::string>& protocols) {
  records_[peer].protocols.insert(protocols.begin(), protocols.end());
}

void Peerstore::remove_protocols(const PeerId& peer, const std::vector<std::string>& protocols) {
  auto it = records_.find(peer);
  if (it == records_.end()) return;
  for (const auto& p : protocols) it->second.protocols.erase(p);
}

std::vector<std::string> Peerstore::protocols(const PeerId& peer) const {
  auto it = records_.find(peer);
  if (it == records_.end()) return {};
  return {it->second.protocols.begin(), it->second.protocols.end()};
}

std::optional<std::string> Peerstore::first_supported(const PeerId& peer, const std::vector<std::string>& wanted) const {
  auto it = records_.find(peer);
  if (it == records_.end()) return std::nullopt;
  for (const auto& p : wanted)
    if (it->second.protocols.contains(p)) return p;
  return std::nullopt;
}

void Peerstore::set_agent_version(const PeerId& peer, std::string version) {
  records_[peer].agent_version = std::move(version);
}

std::optional<std::string> Peerstore::agent_version(const PeerId& peer) const {
  auto it = records_.find(peer);
  return it == records_.end() ? std::nullopt : it->second.agent_version;
}

void Peerstore::set_protocol_version(const PeerId& peer, std::string version) {
  records_[peer].protocol_version = std::move(version);
}

std::optional<std::string> Peerstore::protocol_version(const PeerId& peer) const {
  auto it = records_.find(peer);
  return it == records_.end() ? std::nullopt : it->second.protocol_version;
}

std::vector<PeerId> Peerstore::peers() const {
  std::vector<PeerId> out;
  out.reserve(records_.size());
  for (const auto& [peer, record] : records_) out.push_back(peer);
  return out;
}

void Peerstore::remove_peer(const PeerId& peer) { records_.erase(peer); }

}  // namespace libp2p::peer
