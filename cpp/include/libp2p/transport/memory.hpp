#pragma once

// The in-memory transport, /memory/<n>: connections are in-process pipes.
// For fast deterministic tests and single-process networks. Listeners are
// found through a MemoryHub (the process-wide one unless given another);
// dialer and listener may run on different threads.

#include "libp2p/transport/raw_transport.hpp"

#include <memory>

namespace libp2p::transport {

class MemoryHub;

class MemoryTransport final : public RawTransport {
 public:
  explicit MemoryTransport(asio::any_io_executor executor, std::shared_ptr<MemoryHub> hub = nullptr);

  asio::any_io_executor get_executor() const override { return executor_; }
  bool can_dial(const Multiaddr& address) const override;
  bool can_listen(const Multiaddr& address) const override { return can_dial(address); }
  asio::awaitable<Result<std::unique_ptr<RawConnection>>> dial(const Multiaddr& address) override;
  // /memory/0 picks a free number.
  Result<std::unique_ptr<RawListener>> listen(const Multiaddr& address) override;

 private:
  asio::any_io_executor executor_;
  std::shared_ptr<MemoryHub> hub_;
};

// Where memory listeners are registered. Thread-safe.
class MemoryHub {
 public:
  MemoryHub();
  ~MemoryHub();
  static std::shared_ptr<MemoryHub> process_default();

  struct State;
  State& state() { return *state_; }

 private:
  std::unique_ptr<State> state_;
};

}  // namespace libp2p::transport
