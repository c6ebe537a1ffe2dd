#pragma once

// Notifier: wakes one waiting coroutine, like a condition variable on one
// executor. Wait in a loop on the condition you need:
//
//   while (buffer.empty()) co_await readable.async_wait(use_result);
//
// notify() completes the waiter with success, cancel() (or cancellation of the
// waiting operation) with operation_aborted. Completions are posted, never
// run inside notify(). Use from the owning executor only.

#include "libp2p/io/asio.hpp"

#include <boost/asio/any_completion_handler.hpp>
#include <boost/asio/associated_cancellation_slot.hpp>
#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/error.hpp>

#include <cassert>
#include <optional>

namespace libp2p::io {

class Notifier {
 public:
  using Signature = void(boost::system::error_code);

  explicit Notifier(asio::any_io_executor executor) : executor_(std::move(executor)) {}
  Notifier(const Notifier&) = delete;
  Notifier& operator=(const Notifier&) = delete;
  ~Notifier() { cancel(); }

  template <class Token = asio::use_awaitable_t<>>
  auto async_wait(Token&& token = {}) {
    return asio::async_initiate<Token, Signature>(
        [this](auto handler) {
          assert(!waiter_ && "one waiter at a time");
          auto slot = asio::get_associated_cancellation_slot(handler);
          waiter_.emplace(std::move(handler));
          if (slot.is_connected()) {
            slot_ = slot;
            slot.assign([this](asio::cancellation_type) {
              slot_ = {};  // the signal is running this handler: leave it in place
              cancel();
            });
          }
        },
        token);
  }

  bool waiting() const { return waiter_.has_value(); }
  void notify() { complete({}); }
  void cancel() { complete(asio::error::operation_aborted); }

 private:
  void complete(boost::system::error_code ec) {
    if (!waiter_) return;
    auto handler = std::move(*waiter_);
    waiter_.reset();
    if (slot_.is_connected()) slot_.clear();
    slot_ = {};
    asio::post(executor_, [handler = std::move(handler), ec]() mutable { std::move(handler)(ec); });
  }

  asio::any_io_executor executor_;
  std::optional<asio::any_completion_handler<Signature>> waiter_;
  asio::cancellation_slot slot_;
};

}  // namespace libp2p::io
