#include "libp2p/net/upgrading_transport.hpp"

#include "libp2p/io/notifier.hpp"

#include <boost/asio/detached.hpp>
#include <boost/asio/error.hpp>
#include <spdlog/spdlog.h>

#include <deque>

namespace libp2p::net {
namespace {

// Accepts raw connections and upgrades them concurrently; accept() hands out
// the ones that made it. Shared with the coroutines it spawns.
class UpgradingListener final : public Listener, public std::enable_shared_from_this<UpgradingListener> {
 public:
  UpgradingListener(std::unique_ptr<transport::RawListener> raw, std::shared_ptr<Upgrader> upgrader,
                    std::size_t max_pending, asio::any_io_executor executor)
      : raw_(std::move(raw)),
        upgrader_(std::move(upgrader)),
        max_pending_(max_pending),
        executor_(executor),
        ready_signal_(executor),
        slot_signal_(executor) {}

  void start() {
    asio::co_spawn(executor_, accept_loop(shared_from_this()), [](std::exception_ptr e) {
      if (e) spdlog::error("listener accept loop failed unexpectedly");
    });
  }

  asio::awaitable<Result<std::shared_ptr<Connection>>> accept() override {
    for (;;) {
      if (!ready_.empty()) {
        auto connection = std::move(ready_.front());
        ready_.pop_front();
        --pending_;
        slot_signal_.notify();
        co_return connection;
      }
      if (closed_) co_return Error(asio::error::operation_aborted, "listener on " + address().to_string() + " closed");
      if (auto [ec] = co_await ready_signal_.async_wait(use_result); ec) co_return Error(ec);
    }
  }

  const Multiaddr& address() const override { return raw_->address(); }

  void close() override {
    if (closed_) return;
    closed_ = true;
    raw_->close();
    for (auto& c : ready_) c->close();
    ready_.clear();
    ready_signal_.notify();
    slot_signal_.cancel();
  }

 private:
  static asio::awaitable<void> accept_loop(std::shared_ptr<UpgradingListener> self) {
    while (!self->closed_) {
      while (self->pending_ >= self->max_pending_ && !self->closed_) {
        if (auto [ec] = co_await self->slot_signal_.async_wait(use_result); ec) co_return;
      }
      auto raw = co_await self->raw_->accept();
      if (!raw) {
        if (!self->closed_) spdlog::warn("accept on {} failed: {}", self->address().to_string(), raw.error().what());
        co_return;
      }
      ++self->pending_;
      asio::co_spawn(self->executor_, upgrade(self, std::move(*raw)), asio::detached);
    }
  }

  static asio::awaitable<void> upgrade(std::shared_ptr<UpgradingListener> self,
                                       std::unique_ptr<transport::RawConnection> raw) {
    auto connection = co_await self->upgrader_->upgrade_inbound(std::move(raw));
    if (!connection || self->closed_) {
      if (connection) (*connection)->close();
      else spdlog::debug("inbound connection dropped: {}", connection.error().what());
      --self->pending_;
      self->slot_signal_.notify();
      co_return;
    }
    self->ready_.push_back(std::move(*connection));
    self->ready_signal_.notify();
  }

  std::unique_ptr<transport::RawListener> raw_;
  std::shared_ptr<Upgrader> upgrader_;
  const std::size_t max_pending_;
  asio::any_io_executor executor_;
  std::deque<std::shared_ptr<Connection>> ready_;
  std::size_t pending_ = 0;  // accepted, not yet taken by accept()
  bool closed_ = false;
  io::Notifier ready_signal_;
  io::Notifier slot_signal_;
};

// What callers hold: closes the shared listener when dropped.
class ListenerHandle final : public Listener {
 public:
  explicit ListenerHandle(std::shared_ptr<UpgradingListener> listener) : listener_(std::move(listener)) {}
  ~ListenerHandle() override { listener_->close(); }
  asio::awaitable<Result<std::shared_ptr<Connection>>> accept() override { return listener_->accept(); }
  const Multiaddr& address() const override { return listener_->address(); }
  void close() override { listener_->close(); }

 private:
  std::shared_ptr<UpgradingListener> listener_;
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
  auto executor = raw_->get_executor();
  auto listener = std::make_shared<UpgradingListener>(std::move(*raw), upgrader_, max_pending_inbound_, executor);
  listener->start();
  return std::unique_ptr<Listener>(std::make_unique<ListenerHandle>(std::move(listener)));
}

}  // namespace libp2p::net
