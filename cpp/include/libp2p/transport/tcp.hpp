#pragma once

// TCP: dials /ip4|/ip6|/dns|/dns4|/dns6 .../tcp/<port> (names resolved at
// dial time) and listens on /ip4|/ip6 .../tcp/<port> (port 0 picks one).
// Sockets have TCP_NODELAY; listeners SO_REUSEADDR.

#include "libp2p/transport/raw_transport.hpp"

namespace libp2p::transport {

class TcpTransport final : public RawTransport {
 public:
  explicit TcpTransport(asio::any_io_executor executor) : executor_(std::move(executor)) {}

  asio::any_io_executor get_executor() const override { return executor_; }
  bool can_dial(const Multiaddr& address) const override;
  bool can_listen(const Multiaddr& address) const override;
  asio::awaitable<Result<std::unique_ptr<RawConnection>>> dial(const Multiaddr& address) override;
  Result<std::unique_ptr<RawListener>> listen(const Multiaddr& address) override;

 private:
  asio::any_io_executor executor_;
};

}  // namespace libp2p::transport
