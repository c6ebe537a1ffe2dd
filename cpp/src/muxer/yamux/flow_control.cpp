#include "libp2p/muxer/yamux/flow_control.hpp"

#include "libp2p/muxer/yamux/frame.hpp"

#include <algorithm>
#include <limits>

namespace libp2p::yamux {

std::uint64_t ConnectionWindow::grow(std::uint64_t wanted) {
  const std::uint64_t left = used_ < limit_ ? limit_ - used_ : 0;
  const std::uint64_t granted = std::min(wanted, left);
  used_ += granted;
  return granted;
}

bool SendWindow::grant(std::uint32_t delta) {
  if (delta > std::numeric_limits<std::uint32_t>::max() - available_) return false;
  available_ += delta;
  return true;
}

ReceiveWindow::ReceiveWindow(ConnectionWindow& budget, std::uint32_t max_window, Clock::time_point now)
    : budget_(budget),
      max_window_(std::max(max_window, initial_window)),
      window_(initial_window),
      credit_(initial_window),
      last_update_(now) {
  budget_.add(window_);
}

ReceiveWindow::~ReceiveWindow() { budget_.release(window_); }

std::uint32_t ReceiveWindow::open(std::uint32_t target) {
  if (target <= window_) return 0;
  const std::uint32_t extra = target - window_;
  budget_.add(extra);
  window_ = target;
  credit_ += extra;
  return extra;
}

bool ReceiveWindow::consume(std::uint32_t n) {
  if (n > credit_) return false;
  credit_ -= n;
  return true;
}

std::uint32_t ReceiveWindow::read_unreturned(std::uint64_t buffered) const {
  const std::uint32_t received = window_ - credit_;  // not yet returned to the remote
  return buffered >= received ? 0 : received - static_cast<std::uint32_t>(buffered);
}

bool ReceiveWindow::update_due(std::uint64_t buffered) const { return read_unreturned(buffered) >= window_ / 2; }

std::uint32_t ReceiveWindow::next_update(std::uint64_t buffered, Clock::time_point now,
                                         std::optional<Clock::duration> rtt) {
  if (!update_due(buffered)) return 0;
  if (rtt && now - last_update_ < 2 * *rtt && window_ < max_window_) {
    const std::uint32_t wanted = std::min(window_, max_window_ - window_);  // double, up to the maximum
    window_ += static_cast<std::uint32_t>(budget_.grow(wanted));
  }
  last_update_ = now;
  const std::uint32_t delta = read_unreturned(buffered);
  credit_ += delta;
  return delta;
}

}  // namespace libp2p::yamux
