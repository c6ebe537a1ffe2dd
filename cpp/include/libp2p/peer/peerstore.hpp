#pragma once

// Peerstore: what this node knows about other peers (connections/README.md,
// "Peer Metadata Storage"): addresses with time-to-live, public keys,
// protocols, agent and protocol versions. In memory; owned by the Host and
// used from its thread. Time comes from a clock function so tests can drive it.

#include "libp2p/crypto/public_key.hpp"
#include "libp2p/multiformats/multiaddr.hpp"
#include "libp2p/peer/peer_id.hpp"

#include <chrono>
#include <functional>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace libp2p::peer {

using multiformats::Multiaddr;

// How long addresses are kept, after go-libp2p's peerstore.
namespace ttl {
using namespace std::chrono_literals;
inline constexpr std::chrono::seconds temporary = 2min;            // seen in passing
inline constexpr std::chrono::seconds recently_connected = 15min;  // after a disconnect
// The two that never expire by time; told apart so a disconnect can demote
// only the addresses of the connection.
inline constexpr std::chrono::seconds permanent{std::numeric_limits<std::int64_t>::max()};
inline constexpr std::chrono::seconds connected{std::numeric_limits<std::int64_t>::max() - 1};
}  // namespace ttl

class Peerstore {
 public:
  using Clock = std::chrono::steady_clock;

  explicit Peerstore(std::function<Clock::time_point()> now = &Clock::now) : now_(std::move(now)) {}

  // Adds addresses; an address already known keeps the later of the two expiries.
  void add_addresses(const PeerId& peer, const std::vector<Multiaddr>& addresses, std::chrono::seconds ttl);
  // Sets the expiry of addresses, whatever it was (0 removes them).
  void set_addresses(const PeerId& peer, const std::vector<Multiaddr>& addresses, std::chrono::seconds ttl);
  // Gives every address of `peer` with expiry `from` the expiry `to` (as
  // go's UpdateAddrs: connected -> recently_connected on disconnect).
  void update_ttl(const PeerId& peer, std::chrono::seconds from, std::chrono::seconds to);
  // The unexpired addresses, oldest first.
  std::vector<Multiaddr> addresses(const PeerId& peer) const;
  void clear_addresses(const PeerId& peer);

  // Fails (and keeps nothing) if the key is not `peer`'s.
  Result<void> set_public_key(const PeerId& peer, const crypto::PublicKey& key);
  // The stored key, or the one inlined in an identity PeerId.
  std::optional<crypto::PublicKey> public_key(const PeerId& peer) const;

  void set_protocols(const PeerId& peer, const std::vector<std::string>& protocols);
  void add_protocols(const PeerId& peer, const std::vector<std::string>& protocols);
  void remove_protocols(const PeerId& peer, const std::vector<std::string>& protocols);
  std::vector<std::string> protocols(const PeerId& peer) const;
  // The first of `wanted` the peer supports.
  std::optional<std::string> first_supported(const PeerId& peer, const std::vector<std::string>& wanted) const;

  void set_agent_version(const PeerId& peer, std::string version);
  std::optional<std::string> agent_version(const PeerId& peer) const;
  void set_protocol_version(const PeerId& peer, std::string version);
  std::optional<std::string> protocol_version(const PeerId& peer) const;

  // Every peer with something stored.
  std::vector<PeerId> peers() const;
  void remove_peer(const PeerId& peer);

 private:
  struct Address {
    Multiaddr address;
    std::chrono::seconds ttl;  // as given: update_ttl matches on it, as go's UpdateAddrs does
    Clock::time_point expires;
  };
  struct Record {
    std::vector<Address> addresses;  // insertion order
    std::optional<crypto::PublicKey> public_key;
    std::set<std::string> protocols;
    std::optional<std::string> agent_version;
    std::optional<std::string> protocol_version;
  };

  Clock::time_point expiry(std::chrono::seconds ttl) const;
  void drop_expired(Record& record) const;

  std::function<Clock::time_point()> now_;
  std::unordered_map<PeerId, Record> records_;
};

}  // namespace libp2p::peer
