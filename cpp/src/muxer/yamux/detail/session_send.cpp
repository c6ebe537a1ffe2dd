// The send side of the session: queueing frames and the writer's batches.
#include "muxer/yamux/detail/session.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

namespace libp2p::yamux::detail {
namespace {

// Pongs waiting for the writer beyond this are dropped (as go-yamux does):
// a remote flooding pings gets fewer answers, never more memory.
constexpr std::size_t max_queued_pongs = 64;
// A batch takes Data frames up to about this many payload bytes, so that
// control frames queued meanwhile wait for at most one such batch.
constexpr std::size_t max_batch_payload = 1024 * 1024;

bool is_urgent(const Header& h) {
  return h.type == FrameType::ping || (h.type == FrameType::window_update && h.flags == 0);
}

}  // namespace

void Session::send_control(Header h, OutFrame::Kind kind) {
  if (kind == OutFrame::Kind::pong) {
    if (queued_pongs_ >= max_queued_pongs) {
      spdlog::debug("yamux: dropping the answer to ping {}: {} answers wait already", h.length, queued_pongs_);
      return;
    }
    ++queued_pongs_;
  }
  OutFrame f;
  f.header = encode(h);
  f.kind = kind;
  (is_urgent(h) ? urgent_ : queue_).push_back(f);
  ++queued_control_;
  writer_wake_.notify();
}

void Session::send_ping() {
  const std::uint32_t id = next_ping_id_++;
  ping_outstanding_ = id;
  ping_sent_ = Clock::now();  // restamped when the writer takes it
  received_at_ping_ = bytes_received_;
  send_control({FrameType::ping, flag::syn, session_id, id}, OutFrame::Kind::ping);
}

// Queues Data frames for up to `budget` bytes of `buffers`, from
// (index, offset) on, which it advances. Returns the bytes queued.
std::size_t Session::queue_data(StreamState& s, std::span<const asio::const_buffer> buffers, std::size_t& index,
                                std::size_t& offset, std::size_t budget) {
  std::size_t total = 0;
  while (budget > 0 && index < buffers.size()) {
    OutFrame f;
    f.kind = OutFrame::Kind::data;
    f.owner = &s;
    std::uint32_t length = 0;
    const std::size_t limit = std::min<std::size_t>(budget, config_.max_frame_size);
    while (length < limit && f.pieces < OutFrame::max_pieces && index < buffers.size()) {
      const auto& b = buffers[index];
      const std::size_t n = std::min(b.size() - offset, limit - length);
      if (n > 0) f.payload[f.pieces++] = asio::const_buffer(static_cast<const std::uint8_t*>(b.data()) + offset, n);
      length += static_cast<std::uint32_t>(n);
      offset += n;
      if (offset == b.size()) {
        ++index;
        offset = 0;
      }
    }
    if (length == 0) continue;  // only empty buffers were left
    f.header = encode(Header{FrameType::data, 0, s.id, length});
    queue_.push_back(f);
    ++s.frames_pending;
    budget -= length;
    total += length;
  }
  if (total > 0) writer_wake_.notify();
  return total;
}

// Takes the stream's frames that the writer has not taken yet out of the queue.
void Session::purge(StreamState& s) {
  auto first = queue_.begin() + static_cast<std::ptrdiff_t>(queue_head_);
  auto end = std::remove_if(first, queue_.end(), [&](const OutFrame& f) { return f.owner == &s; });
  if (end != queue_.end()) s.frames_dropped = true;
  s.frames_pending -= static_cast<std::size_t>(queue_.end() - end);
  queue_.erase(end, queue_.end());
  if (s.frames_pending == 0) s.writable.notify();
}

void Session::take_batch() {
  flight_.clear();
  gather_.clear();
  flight_.insert(flight_.end(), urgent_.begin(), urgent_.end());
  urgent_.clear();
  std::size_t payload = 0;
  while (queue_head_ < queue_.size() && payload < max_batch_payload) {
    const OutFrame& f = queue_[queue_head_++];
    for (std::uint8_t i = 0; i < f.pieces; ++i) payload += f.payload[i].size();
    flight_.push_back(f);
  }
  if (queue_head_ == queue_.size()) {
    queue_.clear();
    queue_head_ = 0;
  } else if (queue_head_ > queue_.size() / 2) {
    queue_.erase(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(queue_head_));
    queue_head_ = 0;
  }
  for (const OutFrame& f : flight_) {
    gather_.emplace_back(f.header.data(), f.header.size());
    gather_.insert(gather_.end(), f.payload.begin(), f.payload.begin() + f.pieces);
    switch (f.kind) {
      case OutFrame::Kind::data: break;
      case OutFrame::Kind::ping: ping_sent_ = Clock::now(); [[fallthrough]];
      case OutFrame::Kind::control:
      case OutFrame::Kind::go_away: --queued_control_; break;
      case OutFrame::Kind::pong: --queued_control_; --queued_pongs_; break;
    }
  }
  control_drained_.notify();
}

void Session::finish_batch(bool written) {
  for (const OutFrame& f : flight_) {
    if (!f.owner) continue;
    if (!written) f.owner->frames_dropped = true;
    if (--f.owner->frames_pending == 0) f.owner->writable.notify();
  }
  flight_.clear();
}

void Session::window_update_after_read(StreamState& s) {
  if (s.recv != Half::open || !s.registered || dead_ || !s.receive_window.update_due(s.buffer.size())) return;
  const std::uint32_t delta = s.receive_window.next_update(s.buffer.size(), Clock::now(), rtt_);
  if (delta > 0) send_control({FrameType::window_update, 0, s.id, delta});
}

}  // namespace libp2p::yamux::detail
