#include "host_runtime.hpp"

#include "libp2p/libp2p.hpp"

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/error.hpp>
#include <spdlog/spdlog.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <future>

namespace libp2p::bindings {

namespace {

host::Config with_identity(host::Config config) {
  if (!config.identity) config.identity = crypto::KeyPair::generate().value();
  return config;
}

}  // namespace

template <class Fn>
auto HostRuntime::on_network_thread(Fn fn) {
  using R = decltype(fn());
  if (!thread_.joinable() || closed_) throw Exception(Error(asio::error::operation_aborted, "host closed"));
  std::packaged_task<R()> task(std::move(fn));
  auto result = task.get_future();
  asio::post(io_, [&task] { task(); });
  return result.get();
}

HostRuntime::HostRuntime(host::Config config) : HostRuntime(with_identity(std::move(config)), 0) {}

HostRuntime::HostRuntime(host::Config config, int)
    : work_(asio::make_work_guard(io_)), peer_id_(peer::PeerId::from_public_key(config.identity->public_key())) {
  wakeup_fd_ = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (wakeup_fd_ < 0) throw Exception(Error(ErrorCode(errno, boost::system::system_category()), "eventfd failed"));
  thread_ = std::thread([this] { io_.run(); });
  auto host = on_network_thread([&] { return make_host(io_.get_executor(), std::move(config)); });
  if (!host) {
    close();
    throw Exception(host.error());
  }
  host_ = std::move(*host);
}

HostRuntime::~HostRuntime() { close(); }

void HostRuntime::close() {
  {
    std::lock_guard lock(mutex_);
    if (closed_) return;
    closed_ = true;
  }
  if (thread_.joinable()) {
    asio::post(io_, [this] {
      for (auto& [op, signal] : running_) signal->emit(asio::cancellation_type::terminal);
      for (auto& [id, s] : subscriptions_) s->close();
      {
        std::lock_guard lock(ports_mutex_);
        for (auto& [id, port] : ports_) port->reset();
        ports_.clear();
      }
      if (host_) host_->close();
    });
    work_.reset();
    // Everything spawned winds down after the closes above; the thread then ends.
    thread_.join();
  }
  host_.reset();
  if (wakeup_fd_ >= 0) ::close(wakeup_fd_);
  wakeup_fd_ = -1;
}

void HostRuntime::complete(Completion completion) {
  std::lock_guard lock(mutex_);
  const bool was_empty = completions_.empty();
  completions_.push_back(std::move(completion));
  if (was_empty && wakeup_fd_ >= 0) {
    const std::uint64_t one = 1;
    (void)!::write(wakeup_fd_, &one, sizeof one);
  }
}

std::vector<Completion> HostRuntime::drain() {
  std::lock_guard lock(mutex_);
  std::uint64_t count;
  if (wakeup_fd_ >= 0) (void)!::read(wakeup_fd_, &count, sizeof count);
  return std::exchange(completions_, {});
}

template <class Task>
void HostRuntime::start(std::uint64_t op, Task task) {
  asio::post(io_, [this, op, task = std::move(task)]() mutable {
    auto signal = std::make_shared<asio::cancellation_signal>();
    running_[op] = signal;
    // The op's result is passed on inside the coroutine: co_spawn's own
    // completion would need a default-constructible Result.
    auto run = [](HostRuntime* self, std::uint64_t op, Task task) -> asio::awaitable<void> {
      auto r = co_await task();
      if (!r) {
        self->complete({op, r.error(), {}});
      } else {
        self->complete({op, std::nullopt, Value(std::move(*r))});
      }
    };
    asio::co_spawn(io_, run(this, op, std::move(task)),
                   asio::bind_cancellation_slot(signal->slot(), [this, op](std::exception_ptr e) {
                     running_.erase(op);
                     if (e) complete({op, Error(asio::error::operation_aborted, "cancelled"), {}});
                   }));
  });
}

void HostRuntime::cancel(std::uint64_t op) {
  asio::post(io_, [this, op] {
    if (auto it = running_.find(op); it != running_.end()) it->second->emit(asio::cancellation_type::terminal);
  });
}

std::shared_ptr<StreamPort> HostRuntime::port(std::uint64_t id) const {
  std::lock_guard lock(ports_mutex_);
  auto it = ports_.find(id);
  return it == ports_.end() ? nullptr : it->second;
}

std::uint64_t HostRuntime::register_stream(host::Stream s) {
  const auto id = next_stream_id_++;
  auto port = std::make_shared<StreamPort>(std::move(s), [this](std::uint64_t op) { complete({op, std::nullopt, {}}); });
  std::lock_guard lock(ports_mutex_);
  ports_.emplace(id, std::move(port));
  return id;
}

void HostRuntime::connect(std::uint64_t op, multiformats::Multiaddr address) {
  start(op, [this, address]() -> asio::awaitable<Result<peer::PeerId>> { co_return co_await host_->connect(address); });
}

void HostRuntime::new_stream(std::uint64_t op, peer::PeerId peer, std::vector<std::string> protocols) {
  start(op, [this, peer, protocols]() -> asio::awaitable<Result<StreamOpened>> {
    auto s = co_await host_->new_stream(peer, protocols);
    if (!s) co_return s.error();
    StreamOpened opened{0, s->protocol(), s->remote_peer(), s->connection()->info().remote_address};
    opened.stream_id = register_stream(std::move(*s));
    co_return opened;
  });
}

void HostRuntime::ping(std::uint64_t op, peer::PeerId peer) {
  start(op, [this, peer]() -> asio::awaitable<Result<std::int64_t>> {
    auto rtt = co_await ping::ping(*host_, peer);
    if (!rtt) co_return rtt.error();
    co_return static_cast<std::int64_t>(rtt->count());
  });
}

void HostRuntime::perf(std::uint64_t op, peer::PeerId peer, std::uint64_t upload_bytes, std::uint64_t download_bytes) {
  start(op, [this, peer, upload_bytes, download_bytes]() -> asio::awaitable<Result<perf::Measurement>> {
    co_return co_await perf::perf(*host_, peer, upload_bytes, download_bytes);
  });
}

void HostRuntime::next_event(std::uint64_t op, std::uint64_t subscription) {
  start(op, [this, subscription]() -> asio::awaitable<Result<host::Event>> {
    auto it = subscriptions_.find(subscription);
    if (it == subscriptions_.end()) co_return Error(asio::error::operation_aborted, "event subscription closed");
    auto keep = it->second;
    co_return co_await keep->next();
  });
}

void HostRuntime::stream_reset(std::uint64_t id) {
  asio::post(io_, [this, id] {
    if (auto p = port(id)) p->reset();
  });
}

void HostRuntime::stream_release(std::uint64_t id) {
  asio::post(io_, [this, id] {
    std::shared_ptr<StreamPort> released;
    {
      std::lock_guard lock(ports_mutex_);
      if (auto it = ports_.find(id); it != ports_.end()) {
        released = std::move(it->second);
        ports_.erase(it);
      }
    }
    if (released) released->release();
    if (auto h = stream_handler_.find(id); h != stream_handler_.end()) {
      if (auto c = handler_streams_.find(h->second); c != handler_streams_.end() && c->second > 0) --c->second;
      stream_handler_.erase(h);
    }
  });
}

void HostRuntime::set_stream_handler(std::uint64_t handler_id, std::string protocol, std::size_t max_streams) {
  on_network_thread([&] {
    host_->set_stream_handler(protocol, [this, handler_id, max_streams](host::Stream s) -> asio::awaitable<void> {
      auto& open = handler_streams_[handler_id];
      if (open >= max_streams) {
        spdlog::warn("stream handler {}: {} streams already open, resetting a new one", handler_id, open);
        s.close();
        co_return;
      }
      ++open;
      StreamOpened opened{0, s.protocol(), s.remote_peer(), s.connection()->info().remote_address};
      opened.stream_id = register_stream(std::move(s));
      stream_handler_[opened.stream_id] = handler_id;
      complete({0, std::nullopt, InboundStream{handler_id, std::move(opened)}});
    });
  });
}

void HostRuntime::remove_stream_handler(std::string protocol) {
  on_network_thread([&] { host_->remove_stream_handler(protocol); });
}

void HostRuntime::disconnect(peer::PeerId peer) {
  asio::post(io_, [this, peer] { host_->disconnect(peer); });
}

std::uint64_t HostRuntime::subscribe() {
  return on_network_thread([&] {
    const auto id = next_subscription_id_++;
    subscriptions_.emplace(id, host_->events().subscribe());
    return id;
  });
}

void HostRuntime::unsubscribe(std::uint64_t subscription) {
  asio::post(io_, [this, subscription] {
    if (auto it = subscriptions_.find(subscription); it != subscriptions_.end()) {
      it->second->close();
      subscriptions_.erase(it);
    }
  });
}

Result<multiformats::Multiaddr> HostRuntime::listen(multiformats::Multiaddr address) {
  return on_network_thread([&] { return host_->listen(address); });
}

std::vector<multiformats::Multiaddr> HostRuntime::addresses() {
  return on_network_thread([&] { return host_->addresses(); });
}

std::vector<multiformats::Multiaddr> HostRuntime::listen_addresses() {
  return on_network_thread([&] { return host_->listen_addresses(); });
}

std::vector<std::string> HostRuntime::protocols() {
  return on_network_thread([&] { return host_->protocols(); });
}

std::vector<net::ConnectionInfo> HostRuntime::connections() {
  return on_network_thread([&] {
    std::vector<net::ConnectionInfo> out;
    for (const auto& c : host_->connections()) out.push_back(c->info());
    return out;
  });
}

std::vector<multiformats::Multiaddr> HostRuntime::peer_addresses(peer::PeerId peer) {
  return on_network_thread([&] { return host_->peerstore().addresses(peer); });
}

std::vector<std::string> HostRuntime::peer_protocols(peer::PeerId peer) {
  return on_network_thread([&] { return host_->peerstore().protocols(peer); });
}

std::optional<std::string> HostRuntime::peer_agent_version(peer::PeerId peer) {
  return on_network_thread([&] { return host_->peerstore().agent_version(peer); });
}

std::vector<peer::PeerId> HostRuntime::known_peers() {
  return on_network_thread([&] { return host_->peerstore().peers(); });
}

void HostRuntime::add_peer_addresses(peer::PeerId peer, std::vector<multiformats::Multiaddr> addresses) {
  on_network_thread([&] { host_->peerstore().add_addresses(peer, addresses, peer::ttl::permanent); });
}

}  // namespace libp2p::bindings
