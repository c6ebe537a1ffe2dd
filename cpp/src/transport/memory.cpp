#include "libp2p/transport/memory.hpp"

#include "libp2p/io/notifier.hpp"
#include "libp2p/io/pipe.hpp"
#include "libp2p/transport/errc.hpp"

#include <boost/asio/error.hpp>

#include <charconv>
#include <deque>
#include <map>
#include <mutex>

namespace libp2p::transport {
namespace {

using multiformats::Protocol;

Multiaddr memory_address(std::uint64_t n) { return Multiaddr::from_string("/memory/" + std::to_string(n)).value(); }

std::optional<std::uint64_t> memory_number(const Multiaddr& address) {
  auto components = address.components();
  if (components.size() != 1 || components[0].code() != Protocol::Code::memory) return std::nullopt;
  const auto text = components[0].value();
  std::uint64_t n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return n;
}

class MemoryConnection final : public RawConnection {
 public:
  MemoryConnection(std::unique_ptr<io::ByteStream> pipe, Multiaddr local, Multiaddr remote)
      : pipe_(std::move(pipe)), local_(std::move(local)), remote_(std::move(remote)) {}

  asio::any_io_executor get_executor() const override { return pipe_->get_executor(); }
  const Multiaddr& local_address() const override { return local_; }
  const Multiaddr& remote_address() const override { return remote_; }
  asio::awaitable<Result<std::size_t>> read_some(asio::mutable_buffer b) override { return pipe_->read_some(b); }
  Readiness readiness() const override { return pipe_->readiness(); }
  asio::awaitable<void> wait_readable() override { return pipe_->wait_readable(); }
  asio::awaitable<Result<void>> write(std::span<const asio::const_buffer> b) override { return pipe_->write(b); }
  asio::awaitable<Result<void>> close_write() override { return pipe_->close_write(); }
  void close() override { pipe_->close(); }

 private:
  std::unique_ptr<io::ByteStream> pipe_;
  Multiaddr local_;
  Multiaddr remote_;
};

// A listener's inbox, shared by the hub (dialers push) and the listener.
struct Inbox {
  explicit Inbox(asio::any_io_executor ex) : executor(ex), arrived(ex) {}
  asio::any_io_executor executor;
  std::mutex mutex;
  std::deque<std::unique_ptr<RawConnection>> pending;  // guarded by mutex
  bool closed = false;                                 // guarded by mutex
  io::Notifier arrived;                                // on executor only
};

}  // namespace

struct MemoryHub::State {
  std::mutex mutex;
  std::map<std::uint64_t, std::shared_ptr<Inbox>> listeners;
  std::uint64_t next_ephemeral = std::uint64_t{1} << 62;  // dialers' own addresses

  std::uint64_t free_number() {
    std::uint64_t n = 1;
    while (listeners.contains(n)) ++n;
    return n;
  }
};

MemoryHub::MemoryHub() : state_(std::make_unique<State>()) {}
MemoryHub::~MemoryHub() = default;

std::shared_ptr<MemoryHub> MemoryHub::process_default() {
  static const auto hub = std::make_shared<MemoryHub>();
  return hub;
}

namespace {

class MemoryListener final : public RawListener {
 public:
  MemoryListener(std::shared_ptr<MemoryHub> hub, std::uint64_t number, std::shared_ptr<Inbox> inbox)
      : hub_(std::move(hub)), number_(number), address_(memory_address(number)), inbox_(std::move(inbox)) {}
  ~MemoryListener() override { close(); }

  asio::awaitable<Result<std::unique_ptr<RawConnection>>> accept() override {
    for (;;) {
      {
        std::lock_guard lock(inbox_->mutex);
        if (inbox_->closed) co_return Error(asio::error::operation_aborted, "listener " + address_.to_string() + " closed");
        if (!inbox_->pending.empty()) {
          auto connection = std::move(inbox_->pending.front());
          inbox_->pending.pop_front();
          co_return connection;
        }
      }
      if (auto [ec] = co_await inbox_->arrived.async_wait(use_result); ec) co_return Error(ec);
    }
  }

  const Multiaddr& address() const override { return address_; }

  void close() override {
    {
      std::lock_guard lock(hub_->state().mutex);
      auto it = hub_->state().listeners.find(number_);
      if (it != hub_->state().listeners.end() && it->second == inbox_) hub_->state().listeners.erase(it);
    }
    std::lock_guard lock(inbox_->mutex);
    if (inbox_->closed) return;
    inbox_->closed = true;
    inbox_->pending.clear();
    inbox_->arrived.cancel();
  }

 private:
  std::shared_ptr<MemoryHub> hub_;
  std::uint64_t number_;
  Multiaddr address_;
  std::shared_ptr<Inbox> inbox_;
};

}  // namespace

MemoryTransport::MemoryTransport(asio::any_io_executor executor, std::shared_ptr<MemoryHub> hub)
    : executor_(std::move(executor)), hub_(hub ? std::move(hub) : MemoryHub::process_default()) {}

bool MemoryTransport::can_dial(const Multiaddr& address) const { return memory_number(address).has_value(); }

asio::awaitable<Result<std::unique_ptr<RawConnection>>> MemoryTransport::dial(const Multiaddr& address) {
  auto number = memory_number(address);
  if (!number) co_return Error(Errc::unsupported_address, address.to_string() + " is not a memory address");
  std::shared_ptr<Inbox> inbox;
  std::uint64_t local = 0;
  {
    auto& state = hub_->state();
    std::lock_guard lock(state.mutex);
    auto it = state.listeners.find(*number);
    if (it != state.listeners.end()) inbox = it->second;
    local = state.next_ephemeral++;
  }
  if (!inbox) co_return Error(Errc::no_listener, "nothing listens on " + address.to_string());
  auto [mine, theirs] = io::make_pipe(executor_, inbox->executor);
  {
    std::lock_guard lock(inbox->mutex);
    if (inbox->closed) co_return Error(Errc::no_listener, "nothing listens on " + address.to_string());
    inbox->pending.push_back(std::make_unique<MemoryConnection>(std::move(theirs), address, memory_address(local)));
  }
  asio::post(inbox->executor, [inbox] { inbox->arrived.notify(); });
  co_return std::unique_ptr<RawConnection>(
      std::make_unique<MemoryConnection>(std::move(mine), memory_address(local), address));
}

Result<std::unique_ptr<RawListener>> MemoryTransport::listen(const Multiaddr& address) {
  auto number = memory_number(address);
  if (!number) return Error(Errc::unsupported_address, address.to_string() + " is not a memory address");
  auto& state = hub_->state();
  std::lock_guard lock(state.mutex);
  if (*number == 0) number = state.free_number();
  if (state.listeners.contains(*number)) return Error(Errc::address_in_use, address.to_string() + " is already in use");
  auto inbox = std::make_shared<Inbox>(executor_);
  state.listeners.emplace(*number, inbox);
  return std::unique_ptr<RawListener>(std::make_unique<MemoryListener>(hub_, *number, std::move(inbox)));
}

}  // namespace libp2p::transport
