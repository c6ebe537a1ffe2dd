#pragma once

// Many coroutines waiting for one condition, woken in order (the Notifier
// wakes one). Wait in a loop on the condition, as with Notifier. Use from the
// owning executor only.

#include "libp2p/io/notifier.hpp"

#include <algorithm>
#include <deque>

namespace libp2p::yamux::detail {

class WaitList {
 public:
  explicit WaitList(asio::any_io_executor executor) : executor_(std::move(executor)) {}
  WaitList(const WaitList&) = delete;
  WaitList& operator=(const WaitList&) = delete;

  // Completes with success when notified, operation_aborted when cancelled.
  asio::awaitable<boost::system::error_code> wait() {
    io::Notifier me(executor_);
    waiters_.push_back(&me);
    auto [ec] = co_await me.async_wait(use_result);
    if (auto it = std::find(waiters_.begin(), waiters_.end(), &me); it != waiters_.end()) waiters_.erase(it);
    co_return ec;
  }

  void notify_one() {
    while (!waiters_.empty()) {
      io::Notifier* next = waiters_.front();
      waiters_.pop_front();
      if (next->waiting()) {  // not cancelled meanwhile
        next->notify();
        return;
      }
    }
  }

  void notify_all() {
    for (io::Notifier* w : waiters_) w->notify();
    waiters_.clear();
  }

 private:
  asio::any_io_executor executor_;
  std::deque<io::Notifier*> waiters_;
};

}  // namespace libp2p::yamux::detail
