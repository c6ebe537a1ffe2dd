#pragma once

// The upgrader makes a libp2p Connection of a raw one (connections/README.md,
// "Upgrading Connections"): multistream-select picks a security protocol, its
// handshake proves both identities, then a muxer is chosen (inside the
// handshake when both sides can, connections/inlined-muxer-negotiation.md,
// else with multistream-select) and started. Every step runs under one
// handshake deadline.

#include "libp2p/muxer/muxer.hpp"
#include "libp2p/net/connection.hpp"
#include "libp2p/security/security_transport.hpp"
#include "libp2p/transport/raw_transport.hpp"

#include <chrono>
#include <memory>
#include <optional>
#include <vector>

namespace libp2p::net {

class Upgrader {
 public:
  // Both lists in preference order, neither empty.
  Upgrader(peer::PeerId local_peer, std::vector<std::shared_ptr<security::SecurityTransport>> security,
           std::vector<std::shared_ptr<muxer::Muxer>> muxers, std::chrono::milliseconds handshake_timeout);

  // The dialer's side; `expected` is the PeerId the remote must prove, if known.
  asio::awaitable<Result<std::shared_ptr<Connection>>> upgrade_outbound(std::unique_ptr<transport::RawConnection> raw,
                                                                        std::optional<peer::PeerId> expected);
  asio::awaitable<Result<std::shared_ptr<Connection>>> upgrade_inbound(std::unique_ptr<transport::RawConnection> raw);

 private:
  asio::awaitable<Result<std::shared_ptr<Connection>>> upgrade(std::unique_ptr<transport::RawConnection> raw,
                                                               Direction direction,
                                                               std::optional<peer::PeerId> expected);
  asio::awaitable<Result<security::SecureChannel>> secure(std::unique_ptr<io::ByteStream> raw, Direction direction,
                                                          std::optional<peer::PeerId> expected,
                                                          std::string& protocol);
  asio::awaitable<Result<std::shared_ptr<muxer::MuxedConnection>>> multiplex(security::SecureChannel& channel,
                                                                             Direction direction,
                                                                             std::string& protocol);

  peer::PeerId local_peer_;
  std::vector<std::shared_ptr<security::SecurityTransport>> security_;
  std::vector<std::shared_ptr<muxer::Muxer>> muxers_;
  std::chrono::milliseconds handshake_timeout_;
};

}  // namespace libp2p::net
