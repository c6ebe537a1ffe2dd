#include "muxer/yamux/detail/session.hpp"

#include "io/detail/spare_buffers.hpp"
#include "libp2p/muxer/yamux/errc.hpp"

#include <spdlog/spdlog.h>

#include <cstring>

namespace libp2p::yamux::detail {
namespace {

// Bytes read from the secured stream at a time.
constexpr std::size_t input_size = 256 * 1024;
// Control frames (answers to the remote) that may wait for the writer before
// the reader stops reading: a remote that does not read what it asks for
// cannot make us queue without bound.
constexpr std::size_t max_queued_control = 4096;
// How long close() waits for the GoAway to be written before it closes the
// connection anyway.
constexpr auto go_away_grace = std::chrono::seconds(1);

}  // namespace

Session::Session(std::unique_ptr<io::ByteStream> secured, bool initiator, const Config& config)
    : config_(config),
      initiator_(initiator),
      secured_(std::move(secured)),
      executor_(secured_->get_executor()),
      budget_(config.max_connection_window),
      accept_waiters_(executor_),
      open_waiters_(executor_),
      next_id_(initiator ? 1 : 2),
      writer_wake_(executor_),
      control_drained_(executor_),
      keepalive_timer_(executor_),
      close_timer_(executor_) {}

Session::~Session() = default;

void Session::start() {
  send_ping();  // the first round-trip measurement, for window auto-tuning
  spawn(read_loop(), "reader");
  spawn(write_loop(), "writer");
  if (config_.keepalive_interval.count() > 0) spawn(keepalive_loop(), "keep-alive");
}

void Session::spawn(asio::awaitable<void> task, const char* what) {
  asio::co_spawn(executor_, std::move(task), [self = shared_from_this(), what](std::exception_ptr e) {
    if (!e) return;
    try {
      std::rethrow_exception(e);
    } catch (const std::exception& x) {
      spdlog::error("yamux: session {} failed: {}", what, x.what());
      self->shutdown(Error(Errc::connection_lost, std::string("yamux session ") + what + " failed: " + x.what()),
                     GoAwayCode::internal_error);
    }
  });
}

void Session::close() {
  // After the remote's GoAway, closing is how we follow it: the remote ended the session.
  if (remote_go_away_)
    shutdown(Error(Errc::go_away, "the remote ended the yamux session with GoAway"), GoAwayCode::normal);
  else
    shutdown(Error(Errc::session_closed, "yamux session closed locally"), GoAwayCode::normal);
}

// Ends the session: every waiting operation wakes and fails with `why`. With
// a GoAway code the writer sends GoAway after the batch in flight, then
// closes the connection; without, the connection closes at once.
void Session::shutdown(Error why, std::optional<GoAwayCode> go_away) {
  if (dead_) return;
  dead_ = true;
  error_ = std::move(why);
  spdlog::debug("yamux: session ends: {}", error_.message);

  for (std::size_t i = queue_head_; i < queue_.size(); ++i)
    if (auto* owner = queue_[i].owner) {
      owner->frames_dropped = true;
      if (--owner->frames_pending == 0) owner->writable.notify();
    }
  queue_.clear();
  queue_head_ = 0;
  urgent_.clear();
  queued_control_ = queued_pongs_ = 0;
  control_drained_.notify();

  for (auto& [id, s] : streams_) {
    s->registered = false;
    s->readable.notify();
    s->writable.notify();
  }
  streams_.clear();
  accept_queue_.clear();
  payload_ = {};
  accept_waiters_.notify_all();
  open_waiters_.notify_all();
  keepalive_timer_.cancel();

  if (go_away && !transport_closed_) {
    send_control({FrameType::go_away, 0, session_id, static_cast<std::uint32_t>(*go_away)}, OutFrame::Kind::go_away);
    go_away_queued_ = true;
    close_timer_.expires_after(go_away_grace);
    close_timer_.async_wait([self = shared_from_this()](boost::system::error_code ec) {
      if (!ec) self->close_transport();
    });
  } else {
    close_transport();
  }
  writer_wake_.notify();
}

void Session::close_transport() {
  if (transport_closed_) return;
  transport_closed_ = true;
  close_timer_.cancel();
  secured_->close();
}

asio::awaitable<void> Session::read_loop() {
  auto self = shared_from_this();
  while (!dead_) {
    if (input_begin_ == input_end_) {
      input_begin_ = input_end_ = 0;
      // A quiet connection holds no input buffer. Waiting without asking
      // first: a readable stream's wait completes at once (and one that
      // cannot tell does not wait), a question would cost a system call
      // per message.
      io::detail::give_buffer(std::move(input_), input_size);
      co_await secured_->wait_readable();
      if (dead_) break;
      input_ = io::detail::take_buffer(input_size);
    } else if (input_end_ == input_size) {  // only a partial header is left: move it to the front
      std::memmove(input_.get(), input_.get() + input_begin_, input_end_ - input_begin_);
      input_end_ -= input_begin_;
      input_begin_ = 0;
    }
    auto n = co_await secured_->read_some(asio::buffer(input_.get() + input_end_, input_size - input_end_));
    if (dead_) break;
    if (!n) {
      const bool clean = n.error().code == asio::error::eof;
      shutdown(Error(Errc::connection_lost, clean ? "the remote closed the connection without GoAway"
                                                  : "reading the connection failed: " + n.error().what()),
               std::nullopt);
      break;
    }
    input_end_ += *n;
    bytes_received_ += *n;
    if (auto r = process_input(); !r) {
      if (r.error().code == Errc::protocol_error) {
        spdlog::debug("yamux: protocol violation by the remote: {}", r.error().message);
        shutdown(Error(Errc::protocol_error, "yamux protocol violation by the remote: " + r.error().message),
                 GoAwayCode::protocol_error);
      } else {
        shutdown(r.error(), std::nullopt);
      }
      break;
    }
    while (queued_control_ > max_queued_control && !dead_) co_await control_drained_.async_wait(use_result);
  }
}

asio::awaitable<void> Session::write_loop() {
  auto self = shared_from_this();
  for (;;) {
    while (urgent_.empty() && queue_head_ == queue_.size() && !transport_closed_ && !(dead_ && !go_away_queued_))
      co_await writer_wake_.async_wait(use_result);
    if (transport_closed_ || (urgent_.empty() && queue_head_ == queue_.size())) break;
    take_batch();
    auto r = co_await secured_->write(gather_);
    const bool final = !flight_.empty() && flight_.back().kind == OutFrame::Kind::go_away;
    if (!r) shutdown(Error(Errc::connection_lost, "writing the connection failed: " + r.error().what()), std::nullopt);
    finish_batch(r.has_value());
    if (!r) break;
    if (final) break;
  }
  close_transport();
}

asio::awaitable<void> Session::keepalive_loop() {
  auto self = shared_from_this();
  while (!dead_) {
    keepalive_timer_.expires_after(config_.keepalive_interval);
    auto [ec] = co_await keepalive_timer_.async_wait(use_result);
    if (ec || dead_) break;
    if (!ping_outstanding_) {
      send_ping();
    } else if (bytes_received_ == received_at_ping_) {
      shutdown(Error(Errc::keepalive_timeout, "no answer to the keep-alive ping and nothing received for " +
                                                  std::to_string(config_.keepalive_interval.count()) + " ms"),
               std::nullopt);
    } else {
      received_at_ping_ = bytes_received_;  // alive, but the answer is late: wait another interval
    }
  }
}

}  // namespace libp2p::yamux::detail
