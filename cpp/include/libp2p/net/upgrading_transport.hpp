#pragma once

// A net::Transport made of a raw transport and the upgrader: how TCP, the
// memory transport and WebSocket become libp2p transports.

#include "libp2p/net/transport.hpp"
#include "libp2p/net/upgrader.hpp"
#include "libp2p/transport/raw_transport.hpp"

namespace libp2p::net {

class UpgradingTransport final : public Transport {
 public:
  // At most `max_pending_inbound` inbound connections per listener between
  // accept and the caller taking them (their handshakes run concurrently).
  UpgradingTransport(std::shared_ptr<transport::RawTransport> raw, std::shared_ptr<Upgrader> upgrader,
                     std::size_t max_pending_inbound = 64);

  bool can_dial(const Multiaddr& address) const override { return raw_->can_dial(address); }
  bool can_listen(const Multiaddr& address) const override { return raw_->can_listen(address); }
  asio::awaitable<Result<std::shared_ptr<Connection>>> dial(const Multiaddr& address,
                                                            std::optional<peer::PeerId> expected) override;
  Result<std::unique_ptr<Listener>> listen(const Multiaddr& address) override;

 private:
  std::shared_ptr<transport::RawTransport> raw_;
  std::shared_ptr<Upgrader> upgrader_;
  std::size_t max_pending_inbound_;
};

}  // namespace libp2p::net
