// The receive side of the session: parsing frames and acting on them. Every
// Errc::protocol_error returned here ends the session with GoAway(protocol
// error); the message says what the remote did.
#include "muxer/yamux/detail/session.hpp"

#include "libp2p/muxer/yamux/errc.hpp"

#include <spdlog/spdlog.h>

#include <cstring>

namespace libp2p::yamux::detail {
namespace {

Error violation(const Header& h, std::string what) {
  return Error(Errc::protocol_error, what + " (" + to_string(h) + ")");
}

}  // namespace

Result<void> Session::process_input() {
  while (!dead_) {
    const std::size_t available = input_end_ - input_begin_;
    if (payload_.remaining > 0) {
      if (available == 0) break;
      const std::size_t n = std::min<std::size_t>(payload_.remaining, available);
      if (payload_.stream) deliver(*payload_.stream, input_.get() + input_begin_, n);
      input_begin_ += n;
      payload_.remaining -= static_cast<std::uint32_t>(n);
      if (payload_.remaining == 0) {
        if (payload_.fin && payload_.stream) on_fin(*payload_.stream);
        payload_ = {};
      }
      continue;
    }
    if (available < header_size) break;
    auto h = decode(std::span<const std::uint8_t, header_size>(input_.get() + input_begin_, header_size));
    if (!h) return h.error();
    input_begin_ += header_size;
    if (auto r = on_header(*h); !r) return r;
  }
  return {};
}

Result<void> Session::on_header(const Header& h) {
  switch (h.type) {
    case FrameType::data:
    case FrameType::window_update: return on_stream_frame(h);
    case FrameType::ping: on_ping(h); return {};
    case FrameType::go_away: return on_go_away(h);
  }
  return {};
}

Result<void> Session::on_stream_frame(const Header& h) {
  const bool data = h.type == FrameType::data;
  if (h.stream_id == session_id) return violation(h, "a stream frame on stream id 0, which names the session");
  if (data && h.length > config_.max_stream_window)
    return violation(h, "a Data frame larger than any window we grant (" + std::to_string(config_.max_stream_window) +
                            ")");
  std::shared_ptr<StreamState> s;
  if (h.has(flag::syn)) {
    auto opened = on_syn(h);
    if (!opened) return opened.error();
    s = std::move(*opened);
  } else if (auto it = streams_.find(h.stream_id); it != streams_.end()) {
    s = it->second;
  } else if (!was_opened(h.stream_id)) {
    return violation(h, "a frame for a stream that was never opened");
  }
  // From here on, no stream means one that is gone (closed or reset): its
  // frames may still be on their way, and are dropped as go-yamux and
  // rust-yamux do.
  if (data) payload_ = {nullptr, h.length, false};
  if (!s) return {};

  if (h.has(flag::ack)) on_ack(*s);
  if (h.has(flag::rst)) {
    on_remote_reset(*s);
    return {};
  }
  if (!data) {
    if (!s->send_window.grant(h.length))
      return violation(h, "a window update beyond 2^32-1 bytes on stream " + std::to_string(s->id));
    if (h.length > 0) s->writable.notify();
    if (h.has(flag::fin)) on_fin(*s);
    return {};
  }
  if (s->recv != Half::open && h.length > 0) {  // after FIN: not from a correct remote
    spdlog::debug("yamux: data after FIN on stream {}: resetting it", s->id);
    send_control({FrameType::window_update, flag::rst, s->id, 0});
    on_remote_reset(*s);
    return {};
  }
  if (!s->receive_window.consume(h.length))
    return violation(h, "data beyond the receive window of stream " + std::to_string(s->id) + " (credit " +
                            std::to_string(s->receive_window.credit()) + ")");
  if (h.length == 0) {
    if (h.has(flag::fin)) on_fin(*s);
    return {};
  }
  payload_ = {std::move(s), h.length, h.has(flag::fin)};
  return {};
}

// A SYN: the remote opens a stream. Returns null when the stream is refused
// (answered with RST).
Result<std::shared_ptr<StreamState>> Session::on_syn(const Header& h) {
  const std::uint32_t id = h.stream_id;
  if (is_ours(id))
    return violation(h, std::string("the remote opened a stream with an id of our parity (both sides act as ") +
                            (initiator_ ? "client" : "server") + ")");
  if (streams_.contains(id)) return violation(h, "SYN for a stream that is already open");
  if (h.type == FrameType::data && h.length > initial_window)
    return violation(h, "the first Data frame of a stream is beyond the initial window");
  max_remote_id_ = std::max(max_remote_id_, id);
  if (h.has(flag::rst)) return nullptr;  // opened and reset at once: nothing to do
  const char* refusal = remote_go_away_                                ? "the remote sent GoAway before"
                        : inbound_streams_ >= config_.max_inbound_streams ? "too many inbound streams"
                        : accept_queue_.size() >= config_.accept_backlog  ? "the accept backlog is full"
                                                                          : nullptr;
  if (refusal) {
    spdlog::debug("yamux: refusing stream {}: {}", id, refusal);
    send_control({FrameType::window_update, flag::rst, id, 0});
    return nullptr;
  }
  auto s = make_stream(id, false);
  streams_.emplace(id, s);
  ++inbound_streams_;
  accept_queue_.push_back(s);
  accept_waiters_.notify_one();
  return s;  // the caller applies the window update or checks the data against the window
}

void Session::on_ping(const Header& h) {
  if (h.has(flag::syn) && !h.has(flag::ack)) {
    send_control({FrameType::ping, flag::ack, session_id, h.length}, OutFrame::Kind::pong);
  } else if (h.has(flag::ack) && !h.has(flag::syn) && ping_outstanding_ == h.length) {
    const auto sample = Clock::now() - ping_sent_;
    rtt_ = rtt_ ? (*rtt_ + sample) / 2 : sample;
    ping_outstanding_.reset();
  } else {
    spdlog::debug("yamux: ignoring unexpected {}", to_string(h));
  }
}

Result<void> Session::on_go_away(const Header& h) {
  if (h.length == static_cast<std::uint32_t>(GoAwayCode::normal)) {
    // No new streams from either side; the open ones finish.
    spdlog::debug("yamux: the remote sent GoAway (normal termination)");
    remote_go_away_ = true;
    open_waiters_.notify_all();
    accept_waiters_.notify_all();
    return {};
  }
  const char* what = h.length == static_cast<std::uint32_t>(GoAwayCode::protocol_error)   ? " (protocol error)"
                     : h.length == static_cast<std::uint32_t>(GoAwayCode::internal_error) ? " (internal error)"
                                                                                          : "";
  return Error(Errc::go_away, "the remote ended the session with GoAway code " + std::to_string(h.length) + what);
}

void Session::deliver(StreamState& s, const std::uint8_t* data, std::size_t n) {
  if (s.recv != Half::open) return;  // reset meanwhile
  if (s.read_into && s.read_filled < s.read_capacity) {
    const std::size_t k = std::min(n, s.read_capacity - s.read_filled);
    std::memcpy(s.read_into + s.read_filled, data, k);
    s.read_filled += k;
    data += k;
    n -= k;
  }
  s.buffer.append(data, n, s.receive_window.window());
  s.readable.notify();
}

void Session::on_fin(StreamState& s) {
  if (s.recv != Half::open) return;
  s.recv = Half::closed;
  s.readable.notify();
  if (s.send != Half::open) forget(s);
}

void Session::on_remote_reset(StreamState& s) {
  s.reset_by_remote = true;
  if (s.recv == Half::open) {
    s.recv = Half::reset;
    s.buffer.reset();
  }
  if (s.send == Half::open) s.send = Half::reset;
  purge(s);
  s.readable.notify();
  s.writable.notify();
  forget(s);
}

void Session::on_ack(StreamState& s) {
  if (!s.outbound || s.acknowledged) return;
  s.acknowledged = true;
  --unacknowledged_;
  open_waiters_.notify_one();
}

bool Session::was_opened(std::uint32_t id) const {
  return is_ours(id) ? id < next_id_ : id <= max_remote_id_;
}

}  // namespace libp2p::yamux::detail
