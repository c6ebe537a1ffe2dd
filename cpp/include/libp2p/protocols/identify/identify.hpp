#pragma once

// identify (/ipfs/id/1.0.0) and identify push (/ipfs/id/push/1.0.0),
// libp2p/specs identify/README.md. On every new connection each side asks the
// other who it is; answers go into the peerstore (public key, listen
// addresses — from the signed peer record when there is a valid one —,
// protocols, versions) and out as host events. When our protocols or
// addresses change, we push the news to every connected peer.

#include "libp2p/host/host.hpp"

#include <memory>

namespace libp2p::identify {

inline constexpr std::string_view protocol_id = "/ipfs/id/1.0.0";
inline constexpr std::string_view push_protocol_id = "/ipfs/id/push/1.0.0";
// Bound on one message (go-libp2p sends at most 8 KiB).
inline constexpr std::size_t max_message_size = 64 * 1024;

class Identify : public host::Notifiee, public std::enable_shared_from_this<Identify> {
 public:
  // Serves both protocols on `host` and identifies every new connection.
  static std::shared_ptr<Identify> attach(const std::shared_ptr<host::Host>& host);

  // Asks the remote of `connection` who it is, records and returns the answer.
  asio::awaitable<Result<host::PeerIdentified>> identify(std::shared_ptr<net::Connection> connection);

  // Our Identify message as the remote of `connection` is to see it.
  Bytes message_for(const net::Connection& connection) const;

  void connected(const std::shared_ptr<net::Connection>& connection) override;
  void local_protocols_changed() override { push_to_all(); }
  void listen_addresses_changed() override { push_to_all(); }

 private:
  explicit Identify(std::weak_ptr<host::Host> host) : host_(std::move(host)) {}
  void push_to_all();
  // Applies a received message from `connection`'s peer; push = partial update.
  Result<host::PeerIdentified> record(const net::Connection& connection, BytesView message, bool push);

  std::weak_ptr<host::Host> host_;
  // Our last signed peer record and the addresses it holds: sealed again
  // only when they change (a signature per connection otherwise; go-libp2p
  // keeps its record the same way).
  mutable std::vector<multiformats::Multiaddr> record_addresses_;
  mutable Bytes signed_record_;
};

}  // namespace libp2p::identify
