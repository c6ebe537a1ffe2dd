#pragma once

// HandshakeQueue: the accepting side of a listener whose connections need a
// handshake before they are handed out (the WebSocket upgrade, the libp2p
// upgrade). It accepts with `accept_raw`, runs up to `max_pending` handshakes
// at once, each with `handshake`, and take() returns the connections that
// made it, in the order they finished. A slow or silent peer holds one slot,
// never the listener. Made with std::make_shared, then start()ed; the
// coroutines it spawns share it. Use from its executor only.
//
// In and Out are movable; Out is a pointer-like handle with ->close().

#include "libp2p/io/notifier.hpp"

#include <spdlog/spdlog.h>

#include <deque>
#include <functional>
#include <memory>
#include <string>

namespace libp2p::io {

template <class In, class Out>
class HandshakeQueue : public std::enable_shared_from_this<HandshakeQueue<In, Out>> {
 public:
  using AcceptRaw = std::function<asio::awaitable<Result<In>>()>;
  using Handshake = std::function<asio::awaitable<Result<Out>>(In)>;

  // `name` says which listener, in errors and logs.
  HandshakeQueue(asio::any_io_executor executor, std::string name, std::size_t max_pending, AcceptRaw accept_raw,
                 Handshake handshake)
      : executor_(executor),
        name_(std::move(name)),
        max_pending_(max_pending),
        accept_raw_(std::move(accept_raw)),
        handshake_(std::move(handshake)),
        ready_signal_(executor),
        slot_signal_(executor) {}

  void start() {
    asio::co_spawn(executor_, accept_loop(this->shared_from_this()), [name = name_](std::exception_ptr e) {
      if (e) spdlog::error("the accept loop of {} failed unexpectedly", name);
    });
  }

  // The next connection through its handshake; fails once closed, or once
  // accepting failed (with that error).
  asio::awaitable<Result<Out>> take() {
    for (;;) {
      if (!ready_.empty()) {
        auto out = std::move(ready_.front());
        ready_.pop_front();
        release_slot();
        co_return out;
      }
      if (failure_) co_return *failure_;
      if (auto [ec] = co_await ready_signal_.async_wait(use_result); ec && !failure_) co_return Error(ec);
    }
  }

  // Ends the accept loop (the caller closes what `accept_raw` reads from);
  // closes the connections not yet taken; later handshakes are dropped.
  void close() {
    if (closed_) return;
    closed_ = true;
    failure_ = Error(asio::error::operation_aborted, name_ + " closed");
    for (auto& out : ready_) out->close();
    ready_.clear();
    ready_signal_.notify();
    slot_signal_.cancel();
  }

 private:
  static asio::awaitable<void> accept_loop(std::shared_ptr<HandshakeQueue> self) {
    while (!self->closed_) {
      while (self->pending_ >= self->max_pending_ && !self->closed_) {
        if (auto [ec] = co_await self->slot_signal_.async_wait(use_result); ec) co_return;
      }
      auto raw = co_await self->accept_raw_();
      if (!raw) {
        if (!self->closed_) {
          spdlog::warn("accept on {} failed: {}", self->name_, raw.error().what());
          self->failure_ = raw.error();
          self->ready_signal_.notify();
        }
        co_return;
      }
      ++self->pending_;
      asio::co_spawn(self->executor_, run_handshake(self, std::move(*raw)), [name = self->name_](std::exception_ptr e) {
        if (e) spdlog::error("a handshake on {} failed unexpectedly", name);
      });
    }
  }

  static asio::awaitable<void> run_handshake(std::shared_ptr<HandshakeQueue> self, In raw) {
    auto out = co_await self->handshake_(std::move(raw));
    if (!out || self->closed_) {
      if (out) (*out)->close();
      else spdlog::debug("inbound connection on {} dropped: {}", self->name_, out.error().what());
      self->release_slot();
      co_return;
    }
    self->ready_.push_back(std::move(*out));
    self->ready_signal_.notify();
  }

  void release_slot() {
    --pending_;
    slot_signal_.notify();
  }

  asio::any_io_executor executor_;
  const std::string name_;
  const std::size_t max_pending_;
  AcceptRaw accept_raw_;
  Handshake handshake_;
  std::deque<Out> ready_;
  std::size_t pending_ = 0;  // in their handshake, or ready and not yet taken
  bool closed_ = false;
  std::optional<Error> failure_;  // closed, or accepting failed
  Notifier ready_signal_;
  Notifier slot_signal_;
};

}  // namespace libp2p::io
