// Streams: opening, accepting, and the operations of the user's Stream.
#include "muxer/yamux/detail/session.hpp"

#include "libp2p/muxer/yamux/errc.hpp"

#include <boost/asio/error.hpp>
#include <boost/asio/this_coro.hpp>

#include <limits>

namespace libp2p::yamux::detail {

StreamState::StreamState(Session& session, std::uint32_t id, bool outbound, ConnectionWindow& budget,
                         std::uint32_t max_window)
    : session(session),
      id(id),
      outbound(outbound),
      receive_window(budget, max_window, Clock::now()),
      readable(session.executor()),
      writable(session.executor()) {}

std::shared_ptr<StreamState> Session::make_stream(std::uint32_t id, bool outbound) {
  return std::make_shared<StreamState>(*this, id, outbound, budget_, config_.max_stream_window);
}

// The stream leaves the table: later frames for it are dropped.
void Session::forget(StreamState& s) {
  if (!s.registered) return;
  s.registered = false;
  if (!s.outbound) --inbound_streams_;
  if (s.outbound && !s.acknowledged) {
    s.acknowledged = true;
    --unacknowledged_;
    open_waiters_.notify_one();
  }
  streams_.erase(s.id);
}

// The streams of a session that ended are reset, as go-yamux resets them,
// unless we closed the session ourselves: then their operations are aborted.
Error Session::stream_error(const StreamState& s, std::string_view what) const {
  const ErrorCode code = error_.code == Errc::session_closed ? ErrorCode(asio::error::operation_aborted)
                                                            : ErrorCode(asio::error::connection_reset);
  return Error(code, "yamux stream " + std::to_string(s.id) + " " + std::string(what) + ": " + error_.message);
}

asio::awaitable<Result<std::shared_ptr<StreamState>>> Session::open_stream() {
  for (;;) {
    if (dead_) co_return Error(error_.code, "cannot open a yamux stream: " + error_.message);
    if (remote_go_away_) co_return Error(Errc::go_away, "cannot open a yamux stream: the remote sent GoAway");
    if (unacknowledged_ < config_.ack_backlog) break;
    if (auto ec = co_await open_waiters_.wait()) co_return Error(ec, "opening a yamux stream was cancelled");
  }
  if (next_id_ > std::numeric_limits<std::uint32_t>::max())
    co_return Error(Errc::streams_exhausted, "cannot open a yamux stream: all stream ids are used");
  const auto id = static_cast<std::uint32_t>(next_id_);
  next_id_ += 2;
  auto s = make_stream(id, true);
  streams_.emplace(id, s);
  ++unacknowledged_;
  // The SYN rides on a window update announcing any window beyond 256 KiB.
  send_control({FrameType::window_update, flag::syn, id, s->receive_window.open(config_.initial_stream_window)});
  co_return s;
}

asio::awaitable<Result<std::shared_ptr<StreamState>>> Session::accept_stream() {
  for (;;) {
    if (!accept_queue_.empty()) {
      auto s = std::move(accept_queue_.front());
      accept_queue_.pop_front();
      // ACK now (as go-yamux does): a remote keeping to the ACK backlog
      // thereby opens no more streams than the application takes.
      if (s->registered && s->send == Half::open)
        send_control({FrameType::window_update, flag::ack, s->id, s->receive_window.open(config_.initial_stream_window)});
      co_return s;
    }
    if (dead_) co_return Error(error_.code, "no more inbound yamux streams: " + error_.message);
    if (remote_go_away_) co_return Error(Errc::go_away, "no more inbound yamux streams: the remote sent GoAway");
    if (auto ec = co_await accept_waiters_.wait()) co_return Error(ec, "accepting a yamux stream was cancelled");
  }
}

asio::awaitable<Result<std::size_t>> Session::read(StreamState& s, asio::mutable_buffer buffer) {
  if (buffer.size() == 0) co_return std::size_t{0};
  for (;;) {
    if (s.closed_locally) co_return Error(asio::error::operation_aborted, "yamux stream " + std::to_string(s.id) + " was closed");
    if (s.recv == Half::reset)
      co_return Error(asio::error::connection_reset, "yamux stream " + std::to_string(s.id) + " was reset by the remote");
    if (!s.buffer.empty()) {
      const std::size_t n = s.buffer.read(static_cast<std::uint8_t*>(buffer.data()), buffer.size());
      window_update_after_read(s);
      co_return n;
    }
    if (s.recv == Half::closed) co_return Error(asio::error::eof);
    if (dead_) co_return stream_error(s, "cannot read");
    s.read_into = static_cast<std::uint8_t*>(buffer.data());
    s.read_capacity = buffer.size();
    s.read_filled = 0;
    auto [ec] = co_await s.readable.async_wait(use_result);
    const std::size_t n = s.read_filled;
    s.read_into = nullptr;
    s.read_capacity = s.read_filled = 0;
    if (n > 0) {
      window_update_after_read(s);
      co_return n;
    }
    if (ec) co_return Error(ec, "reading yamux stream " + std::to_string(s.id) + " was cancelled");
  }
}

std::optional<Error> Session::write_error(const StreamState& s) const {
  const auto id = std::to_string(s.id);
  if (s.closed_locally) return Error(asio::error::operation_aborted, "yamux stream " + id + " was closed");
  if (s.send == Half::reset && s.reset_by_remote)
    return Error(asio::error::connection_reset, "yamux stream " + id + " was reset by the remote");
  if (s.send == Half::reset) return Error(asio::error::operation_aborted, "yamux stream " + id + " was reset");
  if (s.send == Half::closed) return Error(Errc::write_closed, "yamux stream " + id + " was closed for writing");
  if (dead_) return stream_error(s, "cannot write");
  return std::nullopt;
}

// Queues as much as the send window allows and waits until the writer has
// written it (the frames point into `buffers`), then goes on. A cancelled
// write still waits for frames already being written, and resets the stream
// if part of it was sent: the remote could not tell where it stopped.
asio::awaitable<Result<void>> Session::write(StreamState& s, std::span<const asio::const_buffer> buffers) {
  std::size_t index = 0, offset = 0;
  bool sent = false;
  s.frames_dropped = false;
  while (index < buffers.size()) {
    if (auto e = write_error(s)) co_return *e;
    if (s.send_window.available() == 0) {
      auto [ec] = co_await s.writable.async_wait(use_result);
      if (!ec) continue;
      if (sent) reset(s);
      co_return Error(ec, "writing yamux stream " + std::to_string(s.id) + " was cancelled");
    }
    const std::size_t n = queue_data(s, buffers, index, offset, s.send_window.available());
    s.send_window.consume(static_cast<std::uint32_t>(n));
    sent = sent || n > 0;
    bool cancelled = false;
    while (s.frames_pending > 0) {
      auto [ec] = co_await s.writable.async_wait(use_result);
      if (ec && s.frames_pending > 0) {
        cancelled = true;
        purge(s);
        co_await asio::this_coro::reset_cancellation_state();
      }
    }
    if (cancelled) {
      reset(s);
      co_return Error(asio::error::operation_aborted, "writing yamux stream " + std::to_string(s.id) + " was cancelled");
    }
  }
  // Written means handed to the connection: a reset or the session's end
  // after that does not undo the write (only frames dropped unwritten do).
  if (s.frames_dropped) co_return write_error(s).value_or(stream_error(s, "cannot write"));
  co_return Result<void>{};
}

Result<void> Session::close_write(StreamState& s) {
  if (s.send == Half::closed) return {};
  if (auto e = write_error(s)) return *e;
  s.send = Half::closed;
  send_control({FrameType::window_update, flag::fin, s.id, 0});
  if (s.recv != Half::open) forget(s);
  return {};
}

void Session::reset(StreamState& s) {
  if (s.closed_locally) return;
  s.closed_locally = true;
  const bool open = s.send == Half::open || s.recv == Half::open;
  if (open && s.registered && !dead_) send_control({FrameType::window_update, flag::rst, s.id, 0});
  if (s.send == Half::open) s.send = Half::reset;
  if (s.recv == Half::open) s.recv = Half::reset;
  s.buffer.reset();
  purge(s);
  s.readable.notify();
  s.writable.notify();
  forget(s);
}

void Session::release(StreamState& s) {
  const bool finished = (s.send == Half::closed && s.recv == Half::closed) || s.reset_by_remote;
  if (!finished && s.send == Half::closed) {
    // Dropped after close_write() (a handler that answered and left): the FIN
    // ends it, no RST, on which js-libp2p discards the answer it has not read
    // yet. What the remote still sends is dropped with the stream. go-yamux's
    // Close() and rust-yamux send nothing more either.
    s.closed_locally = true;
    s.buffer.reset();
  } else if (!finished) {
    reset(s);
  }
  forget(s);
}

}  // namespace libp2p::yamux::detail
