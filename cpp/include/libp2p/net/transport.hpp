#pragma once

// The transport extension point: dial and listen on multiaddrs, yielding
// libp2p Connections (secured and multiplexed). TCP, memory and WebSocket get
// there through the upgrader (UpgradingTransport); QUIC does it natively.
// Small on purpose, like go-libp2p's transport.Transport.

#include "libp2p/net/connection.hpp"

#include <optional>

namespace libp2p::net {

class Listener {
 public:
  virtual ~Listener() = default;
  // The next inbound connection that completed its upgrade; fails once the
  // listener is closed.
  virtual asio::awaitable<Result<std::shared_ptr<Connection>>> accept() = 0;
  // The address actually bound (a port 0 replaced by the real port).
  virtual const Multiaddr& address() const = 0;
  virtual void close() = 0;
};

class Transport {
 public:
  virtual ~Transport() = default;
  virtual bool can_dial(const Multiaddr& address) const = 0;
  virtual bool can_listen(const Multiaddr& address) const = 0;
  // `address` without /p2p; `expected`, when given, is the PeerId the remote
  // must prove.
  virtual asio::awaitable<Result<std::shared_ptr<Connection>>> dial(const Multiaddr& address,
                                                                    std::optional<peer::PeerId> expected) = 0;
  virtual Result<std::unique_ptr<Listener>> listen(const Multiaddr& address) = 0;
};

}  // namespace libp2p::net
