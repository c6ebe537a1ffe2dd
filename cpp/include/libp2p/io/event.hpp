#pragma once

// Event: a one-shot signal many coroutines can wait for (a dial that several
// callers share, a connection that closed). Once set it stays set. Waits are
// cancellable. Use from the owning executor only.

#include "libp2p/io/asio.hpp"

#include <boost/asio/steady_timer.hpp>

namespace libp2p::io {

class Event {
 public:
  explicit Event(asio::any_io_executor executor) : timer_(std::move(executor), asio::steady_timer::time_point::max()) {}

  void set() {
    is_set_ = true;
    timer_.cancel();
  }
  bool is_set() const { return is_set_; }

  // Returns once the event is set, or operation_aborted if the wait itself
  // was cancelled first.
  asio::awaitable<boost::system::error_code> wait() {
    while (!is_set_) {
      auto [ec] = co_await timer_.async_wait(use_result);
      if (!is_set_ && ec == asio::error::operation_aborted) {
        auto state = co_await asio::this_coro::cancellation_state;
        if (state.cancelled() != asio::cancellation_type::none) co_return ec;
      }
    }
    co_return boost::system::error_code{};
  }

 private:
  asio::steady_timer timer_;  // never expires: cancel() is the broadcast
  bool is_set_ = false;
};

}  // namespace libp2p::io
