// Streams: opening, accepting, and the operations of the user's stream, with
// the semantics of the yamux streams (muxer/muxer.hpp).
#include "transport/quic/detail/session.hpp"

#include "libp2p/transport/errc.hpp"

#include <boost/asio/error.hpp>

namespace libp2p::transport::quic::detail {

// The streams of a connection that ended are reset, unless we closed it
// ourselves: then their operations are aborted (as yamux does).
Error Session::stream_error(const StreamState& s, std::string_view what) const {
  const ErrorCode code = error_.code == Errc::connection_closed ? ErrorCode(asio::error::operation_aborted)
                                                                : ErrorCode(asio::error::connection_reset);
  return Error(code, "QUIC stream " + std::to_string(s.id) + " " + std::string(what) + ": " + error_.message);
}

std::optional<Error> Session::write_error(const StreamState& s) const {
  const std::string name = "QUIC stream " + std::to_string(s.id);
  if (s.closed_locally) return Error(asio::error::operation_aborted, name + " was closed");
  if (dead_) return stream_error(s, "cannot be written");
  if (s.fin_queued) return Error(asio::error::broken_pipe, name + " was closed for writing");
  if (s.reset_by_remote) return Error(asio::error::connection_reset, name + " was reset by the remote");
  if (s.stopped_by_remote) return Error(asio::error::connection_reset, name + ": the remote stopped reading (STOP_SENDING)");
  if (s.finished) return Error(asio::error::connection_reset, name + " was reset");
  return std::nullopt;
}

asio::awaitable<Result<std::shared_ptr<StreamState>>> Session::open_stream() {
  for (;;) {
    if (dead_) co_return Error(error_.code, "cannot open a QUIC stream: " + error_.message);
    auto id = engine_->open_stream();
    if (!id) co_return id.error();
    if (*id) {
      open_waiters_.notify_one();  // the next opener may find a stream too
      co_return add_stream(**id, true);
    }
    // The remote's stream limit: wait for MAX_STREAMS.
    if (auto ec = co_await open_waiters_.wait()) co_return Error(ec, "opening a QUIC stream was cancelled");
  }
}

asio::awaitable<Result<std::shared_ptr<StreamState>>> Session::accept_stream() {
  for (;;) {
    if (!accept_queue_.empty()) {
      auto s = std::move(accept_queue_.front());
      accept_queue_.pop_front();
      co_return s;
    }
    if (dead_) co_return Error(error_.code, "no more inbound QUIC streams: " + error_.message);
    if (auto ec = co_await accept_waiters_.wait()) co_return Error(ec, "accepting a QUIC stream was cancelled");
  }
}

asio::awaitable<Result<std::size_t>> Session::read(StreamState& s, asio::mutable_buffer buffer) {
  if (buffer.size() == 0) co_return std::size_t{0};
  const std::string name = "QUIC stream " + std::to_string(s.id);
  for (;;) {
    if (s.closed_locally) co_return Error(asio::error::operation_aborted, name + " was closed");
    if (!s.received.empty()) {
      const std::size_t n = s.received.read(static_cast<std::uint8_t*>(buffer.data()), buffer.size());
      if (!dead_) {
        engine_->consumed(s.id, n);
        schedule_flush();  // MAX_STREAM_DATA / MAX_DATA when ngtcp2 wants them
      }
      co_return n;
    }
    if (s.reset_by_remote) co_return Error(asio::error::connection_reset, name + " was reset by the remote");
    if (s.fin_received) co_return Error(asio::error::eof, name + " ended");
    if (dead_) co_return stream_error(s, "cannot be read");
    if (auto [ec] = co_await s.readable.async_wait(use_result); ec)
      co_return Error(ec, "reading " + name + " was cancelled");
  }
}

asio::awaitable<Result<void>> Session::write(StreamState& s, std::span<const asio::const_buffer> buffers) {
  for (const auto& b : buffers) {
    const auto* data = static_cast<const std::uint8_t*>(b.data());
    std::size_t left = b.size();
    while (left > 0) {
      if (auto e = write_error(s)) co_return *e;
      const std::size_t used = s.sending.size();
      if (used >= config_.send_buffer) {  // backpressure: wait for acknowledgements
        if (auto [ec] = co_await s.writable.async_wait(use_result); ec)
          co_return Error(ec, "writing QUIC stream " + std::to_string(s.id) + " was cancelled");
        continue;
      }
      const std::size_t n = std::min(left, config_.send_buffer - used);
      s.sending.append(data, n);
      data += n;
      left -= n;
      enqueue(s);
    }
  }
  co_return Result<void>();
}

Result<void> Session::close_write(StreamState& s) {
  if (s.fin_queued) return {};
  if (auto e = write_error(s)) return *e;
  s.fin_queued = true;
  enqueue(s);
  return {};
}

void Session::reset(StreamState& s) {
  if (s.closed_locally) return;
  if (!dead_ && !s.finished) {
    // A stream the remote has not seen yet gets its data out first, so that
    // the remote learns of it (a reset alone may close it unseen) and then
    // reads the reset.
    if (s.sending.nothing_sent() && s.sending.has_unsent()) flush();
    s.closed_locally = true;
    engine_->reset_stream(s.id);
    engine_->consumed(s.id, s.received.size());
    schedule_flush();
  }
  s.closed_locally = true;
  s.received.reset();
  s.readable.notify();
  s.writable.notify();
}

// A stream dropped after close_write() keeps sending what it wrote (the
// remote reads it to the end) and stops reading; any other is reset.
void Session::release(StreamState& s) {
  s.released = true;
  if (s.closed_locally || s.finished || dead_) return;
  if (!s.fin_queued) {
    reset(s);
    return;
  }
  if (!s.fin_received && !s.reset_by_remote) {
    engine_->stop_reading(s.id);
    schedule_flush();
  }
  engine_->consumed(s.id, s.received.size());
  s.received.reset();
}

}  // namespace libp2p::transport::quic::detail
