#include "libp2p/net/upgrading_transport.hpp"

#include "libp2p/io/handshake_queue.hpp"

namespace libp2p::net {
namespace {

using Queue = io::HandshakeQueue<std::unique_ptr<transport::RawConnection>, std::shared_ptr<Connection>>;

// Accepts raw connections and upgrades them concurrently; accept() hands out
// the ones that made it.
class UpgradingListener final : public Listener {
 public:
  UpgradingListener(std::shared_ptr<transport::RawListener> raw, std::shared_ptr<Upgrader> upgrader,
                    std::size_t max_pending, asio::any_io_executor executor)
      : raw_(raw),
        queue_(std::make_shared<Queue>(
            std::move(executor), "listener on " + raw->address().to_string(), max_pending,
            [raw] { return raw->accept(); },
            [upgrader](std::unique_ptr<transport::RawConnection> c) { return upgrader->upgrade_inbound(std::move(c)); })) {
    queue_->start();
  }
  ~UpgradingListener() override { close(); }

  asio::awaitable<Result<std::shared_ptr<Connection>>> accept() override { return queue_->take(); }
  const Multiaddr& address() const override { return raw_->address(); }
  void close() override {
    raw_->close();
    queue_->close();
  }

 private:
  std::shared_ptr<transport::RawListener> raw_;  // shared with the queue's accept loop
  std::shared_ptr<Queue> queue_;
};

}  // namespace

UpgradingTransport::UpgradingTransport(std::shared_ptr<transport::RawTransport> raw,
                                       std::shared_ptr<Upgrader> upgrader, std::size_t max_pending_inbound)
    : raw_(std::move(raw)), upgrader_(std::move(upgrader)), max_pending_inbound_(max_pending_inbound) {}

asio::awaitable<Result<std::shared_ptr<Connection>>> UpgradingTransport::dial(const Multiaddr& address,
                                                                              std::optional<peer::PeerId> expected) {
  auto raw = co_await raw_->dial(address);
  if (!raw) co_return raw.error();
  co_return co_await upgrader_->upgrade_outbound(std::move(*raw), std::move(expected));
}

Result<std::unique_ptr<Listener>> UpgradingTransport::listen(const Multiaddr& address) {
  auto raw = raw_->listen(address);
  if (!raw) return raw.error();
  return std::unique_ptr<Listener>(std::make_unique<UpgradingListener>(std::move(*raw), upgrader_, max_pending_inbound_,
                                                                              raw_->get_executor()));
}

}  // namespace libp2p::net
