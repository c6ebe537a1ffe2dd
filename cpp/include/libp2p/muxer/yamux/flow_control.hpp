#pragma once

// Yamux flow control without I/O or clocks (yamux/README.md "Flow Control"):
// per-stream send and receive windows, when to send a window update, and the
// auto-tuning that grows a stream's receive window towards the
// bandwidth-delay product, within a connection-wide budget. Time is passed in.

#include <chrono>
#include <cstdint>
#include <optional>

namespace libp2p::yamux {

using Clock = std::chrono::steady_clock;

// The connection-wide bound on receive windows: the sum of all streams'
// windows grows only while it stays within `limit`, but a stream's initial
// window is always granted (it is what the remote assumes anyway).
class ConnectionWindow {
 public:
  explicit ConnectionWindow(std::uint64_t limit) : limit_(limit) {}

  void add(std::uint64_t n) { used_ += n; }
  // Takes up to `wanted` from what is left; returns what it took.
  std::uint64_t grow(std::uint64_t wanted);
  void release(std::uint64_t n) { used_ -= n; }
  std::uint64_t used() const { return used_; }
  std::uint64_t limit() const { return limit_; }

 private:
  std::uint64_t limit_;
  std::uint64_t used_ = 0;
};

// What we may still send on a stream.
class SendWindow {
 public:
  std::uint32_t available() const { return available_; }
  void consume(std::uint32_t n) { available_ -= n; }
  // A window update from the remote; false if it overflows 32 bits (a
  // protocol violation: no window is that large).
  bool grant(std::uint32_t delta);

 private:
  std::uint32_t available_ = 256 * 1024;
};

// What the remote may still send on a stream, and the window updates that
// give it more.
//
// `window` is the stream's receive window: received-but-unread bytes plus the
// remote's credit never exceed it, so it bounds the stream's buffer. Once the
// application has read half of it, a window update returns the read bytes to
// the remote. Auto-tuning, as in rust-yamux and QUIC: if that half was used
// within two round trips, the window is too small for the link's
// bandwidth-delay product and doubles (up to `max_window` and what the
// ConnectionWindow allows). It never shrinks.
class ReceiveWindow {
 public:
  ReceiveWindow(ConnectionWindow& budget, std::uint32_t max_window, Clock::time_point now);
  ~ReceiveWindow();
  ReceiveWindow(const ReceiveWindow&) = delete;
  ReceiveWindow& operator=(const ReceiveWindow&) = delete;

  std::uint32_t credit() const { return credit_; }
  std::uint32_t window() const { return window_; }

  // Raises the window to `target` (the configured initial window) at once;
  // returns the extra credit to announce on the SYN or ACK frame.
  std::uint32_t open(std::uint32_t target);

  // The remote sent `n` bytes; false if that is beyond its credit.
  bool consume(std::uint32_t n);

  // Whether a window update is due, `buffered` bytes being still unread.
  bool update_due(std::uint64_t buffered) const;

  // The credit to send in a window update now (0: none due). `rtt` is the
  // connection's measured round trip, if any.
  std::uint32_t next_update(std::uint64_t buffered, Clock::time_point now, std::optional<Clock::duration> rtt);

 private:
  std::uint32_t read_unreturned(std::uint64_t buffered) const;

  ConnectionWindow& budget_;
  std::uint32_t max_window_;
  std::uint32_t window_;
  std::uint32_t credit_;
  Clock::time_point last_update_;
};

}  // namespace libp2p::yamux
