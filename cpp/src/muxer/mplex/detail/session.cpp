#include "muxer/mplex/detail/session.hpp"

#include "libp2p/multiformats/errc.hpp"
#include "libp2p/muxer/mplex/errc.hpp"
#include "muxer/mplex/detail/stream.hpp"

#include <boost/asio/error.hpp>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <string>

namespace libp2p::mplex::detail {
namespace {

constexpr std::size_t read_buffer_size = 64 * 1024;
// A drained inbox keeps at most this much capacity.
constexpr std::size_t kept_inbox_capacity = 256 * 1024;

std::string describe(StreamKey key) {
  return "mplex stream " + std::to_string(key.id) + (key.local ? " (outbound)" : " (inbound)");
}

}  // namespace

Session::Session(std::unique_ptr<io::ByteStream> conn, const Config& config)
    : executor_(conn->get_executor()),
      conn_(std::move(conn)),
      config_(config),
      accept_ready_(executor_),
      read_buffer_(read_buffer_size),
      write_ready_(executor_) {}

Session::~Session() = default;

void Session::start() {
  auto self = shared_from_this();
  auto log_failure = [](const char* what) {
    return [what](std::exception_ptr e) {
      if (!e) return;
      try {
        std::rethrow_exception(e);
      } catch (const std::exception& x) {
        spdlog::error("mplex {} failed: {}", what, x.what());
      }
    };
  };
  asio::co_spawn(executor_, [self]() { return self->read_loop(); }, log_failure("reader"));
  asio::co_spawn(executor_, [self]() { return self->write_loop(); }, log_failure("writer"));
}

// ---- the connection's ends -------------------------------------------------

void Session::close() { shutdown(Error(asio::error::operation_aborted, "mplex connection closed locally")); }

void Session::shutdown(Error reason) {
  if (closed_) return;
  closed_ = reason;
  conn_->close();
  const Error for_streams(asio::error::connection_aborted, "mplex connection ended: " + reason.message);
  auto streams = std::move(streams_);
  streams_.clear();
  for (auto& [key, s] : streams) {
    s->in_map = false;
    fail(*s, for_streams);
  }
  inbound_count_ = outbound_count_ = 0;
  backlog_.clear();
  send_queue_.clear();
  refusals_.clear();
  payload_target_.reset();
  accept_ready_.notify();
  write_ready_.notify();
}

asio::awaitable<Result<std::unique_ptr<muxer::MuxedStream>>> Session::open_stream() {
  if (closed_) co_return *closed_;
  if (outbound_count_ >= config_.max_outbound_streams)
    co_return Error(Errc::too_many_streams,
                    "mplex: " + std::to_string(outbound_count_) + " outbound streams open, the limit");
  if (next_id_ > max_stream_id) co_return Error(Errc::stream_ids_exhausted);
  auto s = add_stream({next_id_++, true});
  s->open_pending = true;
  schedule(s);
  co_return std::make_unique<Stream>(shared_from_this(), s);
}

asio::awaitable<Result<std::unique_ptr<muxer::MuxedStream>>> Session::accept_stream() {
  for (;;) {
    if (closed_) co_return *closed_;
    if (!backlog_.empty()) {
      auto s = std::move(backlog_.front());
      backlog_.pop_front();
      s->accepted = true;
      maybe_forget(*s);
      co_return std::make_unique<Stream>(shared_from_this(), std::move(s));
    }
    if (accept_ready_.waiting())
      co_return Error(asio::error::already_started, "mplex: another accept_stream() is waiting");
    auto [ec] = co_await accept_ready_.async_wait(use_result);
    if (ec && !closed_) co_return Error(ec, "mplex: accept_stream() cancelled");
  }
}

// ---- streams ---------------------------------------------------------------

Session::StatePtr Session::add_stream(StreamKey key) {
  auto s = std::make_shared<StreamState>(executor_, key);
  s->in_map = true;
  streams_.emplace(key, s);
  ++count_of(key.local);
  return s;
}

Session::StatePtr Session::find(StreamKey key) const {
  auto it = streams_.find(key);
  return it == streams_.end() ? nullptr : it->second;
}

void Session::fail(StreamState& s, Error reason) {
  if (s.failure) return;
  s.failure = std::move(reason);
  s.inbox = Bytes();
  s.inbox_offset = 0;
  s.open_pending = false;
  s.write_lost = s.write.has_value();
  s.write.reset();  // never touch the caller's buffers again
  s.readable.notify();
  s.writable.notify();
}

// A stream leaves the map once no frame can concern it any more: reset (and
// the Reset sent), closed in both directions or dropped after close_write()
// (and the Close sent). An
// inbound stream stays until accepted, even if over: so it counts against the
// inbound limit, which bounds the accept backlog.
void Session::maybe_forget(StreamState& s) {
  if (!s.in_map || (!s.key.local && !s.accepted)) return;
  const bool over = s.failure ? !s.reset_pending : (s.close_sent && (s.remote_closed || s.abandoned));
  if (!over) return;
  s.in_map = false;
  --count_of(s.key.local);
  streams_.erase(s.key);
}

void Session::reset(const StatePtr& s, Error reason) {
  if (s->failure) return;
  // The remote learns of a reset only if it knows the stream and it is not over.
  const bool announce = s->in_map && !s->open_pending;
  fail(*s, std::move(reason));
  if (announce) {
    s->reset_pending = true;
    schedule(s);
  } else {
    maybe_forget(*s);
  }
}

void Session::release(const StatePtr& s) {
  if (s->fully_closed()) return;
  if (s->close_requested && !s->failure) {
    // Dropped after close_write() (a handler that answered and left): no
    // Reset, which would make the remote discard an answer it has not read
    // yet. The Close still follows the data; what the remote sends from now
    // on is dropped. rust-libp2p's mplex does the same.
    s->abandoned = true;
    s->inbox = Bytes();
    s->inbox_offset = 0;
    maybe_forget(*s);
    return;
  }
  reset(s, Error(asio::error::operation_aborted, describe(s->key) + " was dropped"));
}

Result<void> Session::close_write(const StatePtr& s) {
  if (s->failure) return *s->failure;
  if (s->close_requested) return {};
  s->close_requested = true;
  schedule(s);
  return {};
}

asio::awaitable<Result<std::size_t>> Session::read_some([[maybe_unused]] std::shared_ptr<Session> self, StatePtr s,
                                                       asio::mutable_buffer buffer) {
  for (;;) {
    if (s->failure) co_return *s->failure;
    if (buffer.size() == 0) co_return std::size_t{0};
    if (const std::size_t unread = s->unread(); unread > 0) {
      const std::size_t n = std::min(buffer.size(), unread);
      std::copy_n(s->inbox.data() + s->inbox_offset, n, static_cast<std::uint8_t*>(buffer.data()));
      s->inbox_offset += n;
      if (s->inbox_offset == s->inbox.size()) {
        s->inbox.clear();
        s->inbox_offset = 0;
        if (s->inbox.capacity() > kept_inbox_capacity) s->inbox.shrink_to_fit();
      } else if (s->inbox_offset * 2 >= s->inbox.size()) {  // keep the consumed prefix small
        s->inbox.erase(s->inbox.begin(), s->inbox.begin() + static_cast<std::ptrdiff_t>(s->inbox_offset));
        s->inbox_offset = 0;
      }
      co_return n;
    }
    if (s->remote_closed) co_return Error(asio::error::eof);
    if (s->readable.waiting()) co_return Error(asio::error::already_started, describe(s->key) + ": read already pending");
    auto [ec] = co_await s->readable.async_wait(use_result);
    if (ec && !s->failure) co_return Error(ec, describe(s->key) + ": read cancelled");
  }
}

asio::awaitable<Result<void>> Session::write(std::shared_ptr<Session> self, StatePtr s,
                                             std::span<const asio::const_buffer> buffers) {
  if (s->failure) co_return *s->failure;
  if (s->close_requested) co_return Error(asio::error::broken_pipe, describe(s->key) + " is closed for writing");
  if (s->write) co_return Error(asio::error::already_started, describe(s->key) + ": write already pending");
  const std::size_t total = asio::buffer_size(buffers);
  if (total == 0) co_return Result<void>{};
  s->write = PendingWrite{buffers, 0, 0, total};
  self->schedule(s);
  while (s->write && !s->failure) {
    auto [ec] = co_await s->writable.async_wait(use_result);
    if (ec && !s->failure) {
      s->write.reset();  // the part already framed is sent, the rest never
      co_return Error(ec, describe(s->key) + ": write cancelled");
    }
  }
  if (s->failure && s->write_lost) co_return *s->failure;
  co_return Result<void>{};
}

// ---- reading ---------------------------------------------------------------

asio::awaitable<void> Session::read_loop() {
  std::size_t held = 0;  // bytes of an incomplete frame header kept at the front
  while (!closed_) {
    auto n = co_await conn_->read_some(asio::buffer(read_buffer_.data() + held, read_buffer_.size() - held));
    if (closed_) break;
    if (!n) {
      if (n.error().code == asio::error::eof) shutdown(Error(asio::error::eof, "mplex: the remote closed the connection"));
      else shutdown(prefixed("mplex: reading the connection", n.error()));
      break;
    }
    const std::size_t have = held + *n;
    const std::size_t used = process(BytesView(read_buffer_.data(), have));
    held = have - used;
    std::copy_n(read_buffer_.data() + used, held, read_buffer_.data());
  }
}

// Whole frame headers are parsed in place; payloads are routed as they arrive.
std::size_t Session::process(BytesView in) {
  std::size_t used = 0;
  while (used < in.size() && !closed_) {
    if (payload_left_ > 0) {
      const std::size_t n = std::min(payload_left_, in.size() - used);
      deliver(in.subspan(used, n));
      used += n;
      payload_left_ -= n;
      if (payload_left_ == 0) payload_target_.reset();
      continue;
    }
    auto parsed = parse_header(in.subspan(used), config_.max_message_size);
    if (!parsed) {
      if (parsed.error().code != multiformats::Errc::truncated) {
        spdlog::warn("mplex: closing the connection: {}", parsed.error().message);
        shutdown(parsed.error());
      }
      break;
    }
    used += parsed->consumed;
    if (auto r = on_header(parsed->header); !r) {
      spdlog::warn("mplex: closing the connection: {}", r.error().message);
      shutdown(r.error());
      break;
    }
    payload_left_ = parsed->header.length;
  }
  return used;
}

Result<void> Session::on_header(const FrameHeader& h) {
  payload_target_.reset();
  const StreamKey key{h.stream_id, !sent_by_initiator(h.flag)};
  switch (kind_of(h.flag)) {
    case Kind::new_stream:
      // The payload is the stream's name, for debugging only (spec): skipped.
      if (find(key))
        return Error(Errc::duplicate_stream, "mplex: NewStream for " + describe(key) + ", which is open");
      on_new_stream(h.stream_id);
      if (refusals_.size() > config_.max_inbound_streams)
        return Error(Errc::too_many_refusals, "mplex: " + std::to_string(refusals_.size()) +
                                                  " refused inbound streams wait to be reset");
      return {};
    case Kind::message: on_message(h); return {};
    case Kind::close: on_close(key); return {};
    case Kind::reset: on_reset(key); return {};
  }
  return {};
}

void Session::on_new_stream(std::uint64_t id) {
  if (inbound_count_ >= config_.max_inbound_streams) {
    spdlog::debug("mplex: refusing inbound stream {}: {} open, the limit", id, inbound_count_);
    refusals_.push_back(id);
    write_ready_.notify();
    return;
  }
  backlog_.push_back(add_stream({id, false}));
  accept_ready_.notify();
}

// Data for a stream we do not know (reset, or never opened) or that the remote
// closed is dropped, as go-mplex and rust-libp2p do.
void Session::on_message(const FrameHeader& h) {
  auto s = find({h.stream_id, !sent_by_initiator(h.flag)});
  if (!s || s->failure || s->remote_closed || s->abandoned || h.length == 0) return;
  if (s->unread() + h.length > config_.max_stream_buffer) {
    // No flow control in mplex: a reader this far behind loses its stream.
    spdlog::debug("mplex: resetting {}: {} unread bytes and {} more arriving, limit {}", describe(s->key),
                  s->unread(), h.length, config_.max_stream_buffer);
    reset(s, Error(asio::error::connection_reset,
                   describe(s->key) + " reset: its reader fell more than " +
                       std::to_string(config_.max_stream_buffer) + " bytes behind"));
    return;
  }
  payload_target_ = std::move(s);
}

void Session::deliver(BytesView payload) {
  auto& s = payload_target_;
  if (!s || s->failure) return;
  s->inbox.insert(s->inbox.end(), payload.begin(), payload.end());
  s->readable.notify();
}

void Session::on_close(StreamKey key) {
  auto s = find(key);
  if (!s || s->failure || s->remote_closed) return;
  s->remote_closed = true;
  s->readable.notify();
  maybe_forget(*s);
}

void Session::on_reset(StreamKey key) {
  auto s = find(key);
  if (!s || s->failure) return;
  fail(*s, Error(asio::error::connection_reset, describe(key) + " was reset by the remote"));
  maybe_forget(*s);
}

// ---- writing ---------------------------------------------------------------

void Session::schedule(const StatePtr& s) {
  if (s->scheduled || closed_ || !has_output(*s)) return;
  s->scheduled = true;
  send_queue_.push_back(s);
  write_ready_.notify();
}

bool Session::has_output(const StreamState& s) const {
  if (s.failure) return s.reset_pending;
  return s.open_pending || s.write || (s.close_requested && !s.close_sent);
}

asio::awaitable<void> Session::write_loop() {
  for (;;) {
    while (!closed_ && send_queue_.empty() && refusals_.empty()) co_await write_ready_.async_wait(use_result);
    if (closed_) break;
    build_batch();
    if (batch_.empty()) continue;
    auto r = co_await io::write(*conn_, batch_);
    if (closed_) break;
    if (!r) {
      shutdown(prefixed("mplex: writing the connection", r.error()));
      break;
    }
  }
}

// Refusals first, then one frame per stream in turn, until the batch is full.
void Session::build_batch() {
  batch_.clear();
  while (!refusals_.empty() && batch_.size() < config_.max_write_batch) {
    append_frame(batch_, refusals_.front(), flag_for(Kind::reset, false), {});
    refusals_.pop_front();
  }
  while (!send_queue_.empty() && batch_.size() < config_.max_write_batch) {
    auto s = std::move(send_queue_.front());
    send_queue_.pop_front();
    s->scheduled = false;
    emit(*s);
    if (has_output(*s)) {
      s->scheduled = true;
      send_queue_.push_back(std::move(s));
    }
  }
}

void Session::emit(StreamState& s) {
  const bool initiator = s.key.local;
  if (s.failure) {
    if (s.reset_pending) {
      append_frame(batch_, s.key.id, flag_for(Kind::reset, initiator), {});
      s.reset_pending = false;
      maybe_forget(s);
    }
    return;
  }
  if (s.open_pending) {
    // Named by its id, as go-mplex and js-libp2p-mplex do.
    append_frame(batch_, s.key.id, Flag::new_stream, as_bytes(std::to_string(s.key.id)));
    s.open_pending = false;
  }
  if (s.write) {
    append_pending_data(s);
  } else if (s.close_requested && !s.close_sent) {
    append_frame(batch_, s.key.id, flag_for(Kind::close, initiator), {});
    s.close_sent = true;
    maybe_forget(s);
  }
}

// Frames (copies) the next piece of the pending write, at most split_send_size.
void Session::append_pending_data(StreamState& s) {
  auto& w = *s.write;
  std::size_t left = std::min(w.left, config_.split_send_size);
  append(batch_, encode_prefix(s.key.id, flag_for(Kind::message, s.key.local), left).view());
  w.left -= left;
  while (left > 0) {
    const auto& b = w.buffers[w.index];
    const std::size_t n = std::min(left, b.size() - w.offset);
    const auto* p = static_cast<const std::uint8_t*>(b.data()) + w.offset;
    batch_.insert(batch_.end(), p, p + n);
    left -= n;
    w.offset += n;
    if (w.offset == b.size()) {
      ++w.index;
      w.offset = 0;
    }
  }
  if (w.left == 0) {
    s.write.reset();
    s.writable.notify();
  }
}

}  // namespace libp2p::mplex::detail
