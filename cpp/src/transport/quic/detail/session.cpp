// A QUIC connection: lifecycle, engine events, packets out, the timer.
#include "transport/quic/detail/session.hpp"

#include "libp2p/security/errc.hpp"
#include "libp2p/security/tls/certificate.hpp"
#include "libp2p/transport/errc.hpp"
#include "transport/quic/detail/endpoint.hpp"

#include <boost/asio/error.hpp>
#include <spdlog/spdlog.h>

#include <cstring>

namespace libp2p::transport::quic::detail {

namespace {
// Packets per flush before other work gets a turn.
constexpr std::size_t max_burst = 64;
// A packet buffer as large as a PMTU probe ngtcp2 may write.
constexpr std::size_t packet_buffer = 1500;
}  // namespace

void SendBuffer::append(const std::uint8_t* data, std::size_t n) {
  end_ += n;
  while (n > 0) {
    if (chunks_.empty() || chunks_.back().size == chunks_.back().capacity) {
      const std::size_t capacity = std::max(chunk_size, std::min(n, std::size_t{256 * 1024}));
      chunks_.push_back({std::make_unique_for_overwrite<std::uint8_t[]>(capacity), capacity, 0});
    }
    auto& c = chunks_.back();
    const std::size_t k = std::min(n, c.capacity - c.size);
    std::memcpy(c.data.get() + c.size, data, k);
    c.size += k;
    data += k;
    n -= k;
  }
}

std::size_t SendBuffer::unsent(std::span<BytesView> out, bool& complete) const {
  std::uint64_t offset = acked_;  // of the current chunk
  std::size_t count = 0;
  complete = true;
  for (const auto& c : chunks_) {
    if (count == out.size()) {
      complete = offset + c.size <= sent_;
      if (!complete) break;
    }
    const std::uint64_t chunk_end = offset + c.size;
    if (chunk_end > sent_) {
      const auto skip = static_cast<std::size_t>(sent_ > offset ? sent_ - offset : 0);
      out[count++] = BytesView(c.data.get() + skip, c.size - skip);
    }
    offset = chunk_end;
  }
  return count;
}

// ngtcp2 acknowledges a stream's data in order, without overlap; a chunk
// goes once all of it is acknowledged.
void SendBuffer::acked(std::uint64_t offset, std::uint64_t length) {
  const std::uint64_t upto = offset + length;
  while (!chunks_.empty() && acked_ + chunks_.front().size <= upto) {
    acked_ += chunks_.front().size;
    chunks_.pop_front();
  }
}

StreamState::StreamState(Session& s, std::int64_t i, bool out)
    : session(s), id(i), outbound(out), readable(s.executor()), writable(s.executor()) {}

Session::Session(std::shared_ptr<Endpoint> endpoint, const Path& path, bool outbound,
                 std::optional<peer::PeerId> expected, const SessionConfig& config)
    : endpoint_(std::move(endpoint)),
      executor_(endpoint_->executor()),
      path_(path),
      outbound_(outbound),
      expected_(std::move(expected)),
      config_(config),
      accept_waiters_(executor_),
      open_waiters_(executor_),
      handshake_done_(executor_),
      packet_(packet_buffer),
      timer_(executor_) {}

Session::~Session() = default;

Result<void> Session::start(Result<std::unique_ptr<Engine>> engine) {
  if (!engine) return engine.error();
  engine_ = std::move(*engine);
  for (const auto& cid : engine_->local_cids()) on_cid_issued(cid);
  asio::co_spawn(executor_, timer_loop(), [](std::exception_ptr e) {
    if (e) {
      try {
        std::rethrow_exception(e);
      } catch (const std::exception& x) {
        spdlog::error("QUIC connection timer failed: {}", x.what());
      }
    }
  });
  return {};
}

Result<void> Session::start_client(std::shared_ptr<TlsContext> tls) {
  if (auto r = start(Engine::client(std::move(tls), config_.engine, path_, *this)); !r) return r;
  schedule_flush();  // the client's first Initial
  return {};
}

Result<void> Session::start_server(std::shared_ptr<TlsContext> tls, BytesView initial) {
  return start(Engine::server(std::move(tls), config_.engine, path_, initial, *this));
}

asio::awaitable<Result<void>> Session::handshake() {
  if (!established_ && !dead_) {
    if (auto ec = co_await handshake_done_.wait()) co_return Error(ec, "the QUIC handshake was cancelled");
  }
  if (dead_) co_return error_;
  co_return Result<void>();
}

void Session::on_datagram(BytesView datagram, const boost::asio::ip::udp::endpoint& from) {
  if (dead_) return;
  if (auto r = engine_->receive(datagram, Path{path_.local, from}, now()); !r) {
    end(r.error());
    return;
  }
  for (const auto id : resets_)
    if (auto* s = find(id); s && !s->finished) engine_->reset_stream(id);
  resets_.clear();
  // A MAX_DATA may have opened the connection's window, which ngtcp2 does
  // not report: the blocked streams try again.
  for (auto& blocked : blocked_) {
    blocked->blocked = false;
    enqueue(*blocked);
  }
  blocked_.clear();
  schedule_flush();
}

void Session::close() {
  if (dead_ || !engine_) {
    if (!dead_) end(Error(Errc::connection_closed, "QUIC connection closed locally"));
    return;
  }
  if (auto packet = engine_->close_locally(now()); !packet.empty()) endpoint_->send(packet, path_.remote);
  end(Error(Errc::connection_closed, "QUIC connection closed locally"));
}

void Session::end(Error why) {
  if (dead_) return;
  dead_ = true;
  error_ = std::move(why);
  if (engine_) {
    if (auto packet = engine_->close_packet(now()); !packet.empty()) endpoint_->send(packet, path_.remote);
  }
  if (!established_) {
    spdlog::debug("QUIC handshake with {} failed: {}", path_.remote.address().to_string(), error_.what());
    endpoint_->handshake_finished(*this);
  }
  for (auto& [id, s] : streams_) {
    s->readable.notify();
    s->writable.notify();
  }
  accept_waiters_.notify_all();
  open_waiters_.notify_all();
  handshake_done_.set();
  timer_.cancel();
  for (const auto& cid : cids_) endpoint_->unroute(cid);
  cids_.clear();
  endpoint_->session_ended(*this);
}

void Session::schedule_flush() {
  if (flush_posted_ || dead_) return;
  flush_posted_ = true;
  asio::post(executor_, [self = shared_from_this()] {
    self->flush_posted_ = false;
    self->flush();
  });
}

void Session::enqueue(StreamState& s) {
  if (s.queued || s.blocked || s.closed_locally) return;
  if (!s.sending.has_unsent() && !(s.fin_queued && !s.fin_sent)) return;
  s.queued = true;
  send_queue_.push_back(streams_.at(s.id));
  schedule_flush();
}

void Session::flush() {
  if (dead_ || !engine_) return;
  if (endpoint_->congested()) {
    endpoint_->wait_writable(shared_from_this());
    return;
  }
  const Timestamp ts = now();
  std::array<BytesView, 16> views;
  std::size_t packets = 0, steps = 0;
  bool done = false;  // nothing more to send now (or the socket is full)
  for (; !done && packets < max_burst && steps < 16 * max_burst; ++steps) {
    while (!send_queue_.empty()) {  // skip streams with nothing left
      auto& f = *send_queue_.front();
      if (!f.closed_locally && !f.blocked && (f.sending.has_unsent() || (f.fin_queued && !f.fin_sent))) break;
      f.queued = false;
      send_queue_.pop_front();
    }
    StreamState* s = send_queue_.empty() ? nullptr : send_queue_.front().get();
    bool complete = true;
    const std::size_t count = s ? s->sending.unsent(views, complete) : 0;
    auto w = engine_->write(packet_, s ? std::optional(s->id) : std::nullopt, {views.data(), count},
                            s && s->fin_queued && !s->fin_sent && complete, ts);
    if (!w) {
      end(w.error());
      return;
    }
    if (s) {
      s->sending.sent(w->consumed);
      if (w->fin_sent) s->fin_sent = true;
    }
    using State = Engine::Written::State;
    if (w->state == State::packet) {
      endpoint_->queue(BytesView(packet_.data(), w->size), path_.remote);
      ++packets;
      if (s && send_queue_.size() > 1) {  // round robin between the streams
        send_queue_.push_back(std::move(send_queue_.front()));
        send_queue_.pop_front();
      }
      if (endpoint_->congested()) {
        endpoint_->wait_writable(shared_from_this());
        done = true;
      }
      continue;
    }
    if (w->state == State::idle || !s) {
      done = true;
      continue;
    }
    // more, stream_blocked, stream_gone: this stream is done for this packet.
    if (w->state == State::stream_blocked || (w->state == State::more && s->sending.has_unsent())) {
      s->blocked = true;
      blocked_.push_back(send_queue_.front());
    }
    if (w->state == State::stream_gone) s->fin_sent = true;  // nothing more will go out
    s->queued = false;
    send_queue_.pop_front();
  }
  endpoint_->send_queued();
  engine_->finish_burst(ts);
  if (!done) schedule_flush();  // a burst's worth: the rest after other work had a turn
  arm_timer();
}

// Only an earlier deadline moves the timer. The engine's deadline moves with
// nearly every packet, and each move of an Asio timer is a timerfd_settime
// (22 % of a QUIC sender's CPU when it was moved each time): a later
// deadline is found when the timer fires, and the timer set again then.
void Session::arm_timer() {
  if (dead_) return;
  const Timestamp deadline = engine_->deadline();
  if (deadline >= armed_) return;
  armed_ = deadline;
  const Timestamp t = now();
  timer_.expires_after(std::chrono::nanoseconds(deadline > t ? deadline - t : 0));
}

asio::awaitable<void> Session::timer_loop() {
  auto self = shared_from_this();
  timer_.expires_at(asio::steady_timer::time_point::max());
  while (!dead_) {
    auto [ec] = co_await timer_.async_wait(use_result);
    if (dead_) break;
    if (ec) continue;  // re-armed
    armed_ = no_deadline;
    timer_.expires_at(asio::steady_timer::time_point::max());
    const Timestamp t = now();
    if (engine_->deadline() > t) {  // the deadline moved later since the timer was set
      arm_timer();
      continue;
    }
    if (auto r = engine_->on_deadline(t); !r) {
      end(r.error());
      break;
    }
    flush();
  }
}

// EngineEvents

Result<void> Session::verify_peer(std::span<const BytesView> chain) {
  auto key = tls::verify_certificate_chain(chain);
  if (!key) return prefixed("the QUIC peer's certificate", key.error());
  auto peer = peer::PeerId::from_public_key(*key);
  if (expected_ && peer != *expected_)
    return Error(security::Errc::peer_id_mismatch,
                 "dialed " + expected_->to_string() + " but the QUIC peer proved " + peer.to_string());
  remote_key_ = std::move(*key);
  return {};
}

Result<void> Session::on_handshake_completed() {
  if (!remote_key_)  // GnuTLS requires the certificate of either side; never trust that alone
    return Error(security::Errc::bad_certificate, "the QUIC handshake completed without the peer's certificate");
  established_ = true;
  endpoint_->handshake_finished(*this);
  handshake_done_.set();
  if (on_established_)
    asio::post(executor_, [self = shared_from_this()] {
      if (!self->dead_ && self->on_established_) self->on_established_(self);
    });
  return {};
}

std::shared_ptr<StreamState> Session::add_stream(std::int64_t id, bool outbound) {
  auto s = std::make_shared<StreamState>(*this, id, outbound);
  streams_.emplace(id, s);
  return s;
}

StreamState* Session::find(std::int64_t id) {
  auto it = streams_.find(id);
  return it == streams_.end() ? nullptr : it->second.get();
}

void Session::on_stream_opened(std::int64_t id) {
  accept_queue_.push_back(add_stream(id, false));
  accept_waiters_.notify_one();
}

void Session::on_stream_data(std::int64_t id, BytesView data, bool fin) {
  StreamState* s = find(id);
  if (!s || s->closed_locally || s->released || s->reset_by_remote) {
    engine_->consumed(id, data.size());  // nobody reads it: give the window back
    return;
  }
  s->received.append(data.data(), data.size(), config_.engine.max_stream_window);
  if (fin) s->fin_received = true;
  s->readable.notify();
}

void Session::on_stream_reset(std::int64_t id) {
  StreamState* s = find(id);
  if (!s) return;
  s->reset_by_remote = true;
  engine_->consumed(id, s->received.size());  // discarded, as RFC 9000 §3.2 allows
  s->received.reset();
  // A libp2p reset ends both directions (go-libp2p's Reset sends RESET_STREAM
  // and STOP_SENDING, yamux's RST does both): writes fail at once and our
  // side is reset too, whichever of the remote's two frames came first (once
  // ngtcp2 is out of this callback).
  resets_.push_back(id);
  s->readable.notify();
  s->writable.notify();
}

void Session::on_stream_stop_sending(std::int64_t id) {
  StreamState* s = find(id);
  if (!s) return;
  s->stopped_by_remote = true;
  s->writable.notify();
}

void Session::on_stream_closed(std::int64_t id) {
  auto it = streams_.find(id);
  if (it == streams_.end()) return;
  auto s = it->second;
  s->finished = true;
  streams_.erase(it);
  s->readable.notify();
  s->writable.notify();
}

void Session::on_stream_acked(std::int64_t id, std::uint64_t offset, std::uint64_t length) {
  StreamState* s = find(id);
  if (!s) return;
  s->sending.acked(offset, length);
  if (s->sending.size() < config_.send_buffer) s->writable.notify();
}

void Session::on_stream_writable(std::int64_t id) {
  StreamState* s = find(id);
  if (!s) return;
  s->blocked = false;
  enqueue(*s);
}

// One opener wakes; after it opened, it wakes the next (session_streams.cpp).
void Session::on_streams_available() { open_waiters_.notify_one(); }

void Session::on_cid_issued(const Cid& cid) {
  cids_.push_back(cid);
  endpoint_->route(cid, shared_from_this());
}

void Session::on_cid_retired(const Cid& cid) {
  std::erase(cids_, cid);
  endpoint_->unroute(cid);
}

}  // namespace libp2p::transport::quic::detail
