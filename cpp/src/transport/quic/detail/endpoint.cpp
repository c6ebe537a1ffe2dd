#include "transport/quic/detail/endpoint.hpp"

#include <boost/asio/error.hpp>
#include <spdlog/spdlog.h>

#include <boost/asio/ip/v6_only.hpp>

#include <netinet/in.h>

namespace libp2p::transport::quic::detail {

namespace {
// Receive buffer: a coalesced (GRO) run of datagrams is at most this.
constexpr std::size_t max_receive = 65536;
// Receives per wake-up before other work gets a turn.
constexpr int max_receives = 64;
constexpr std::size_t max_backlog_bytes = 2 << 20;
// A Version Negotiation answers only a datagram as large as a client's first
// (RFC 9000 §6.1, §14.1): no amplification.
constexpr std::size_t min_initial = 1200;
}  // namespace

Endpoint::Endpoint(asio::any_io_executor executor, std::shared_ptr<TlsContext> tls, const SessionConfig& config,
                   std::size_t max_pending_handshakes)
    : executor_(executor),
      tls_(std::move(tls)),
      config_(config),
      max_pending_handshakes_(max_pending_handshakes),
      socket_(executor) {}

Endpoint::~Endpoint() = default;

Result<std::shared_ptr<Endpoint>> Endpoint::open(asio::any_io_executor executor, const boost::asio::ip::udp::endpoint& bind,
                                                 std::shared_ptr<TlsContext> tls, const SessionConfig& config,
                                                 std::size_t max_pending_handshakes) {
  auto e = std::shared_ptr<Endpoint>(new Endpoint(executor, std::move(tls), config, max_pending_handshakes));
  boost::system::error_code ec;
  auto& s = e->socket_;
  if (s.open(bind.protocol(), ec); ec) return Error(ec, "opening a UDP socket: " + ec.message());
  if (bind.address().is_v6()) s.set_option(boost::asio::ip::v6_only(true), ec);
  if (s.bind(bind, ec); ec) return Error(ec, "binding UDP " + bind.address().to_string() + ":" +
                                             std::to_string(bind.port()) + ": " + ec.message());
  s.non_blocking(true, ec);
  // Room for bursts at both ends (the kernel caps these at its maximum).
  s.set_option(boost::asio::socket_base::receive_buffer_size(4 << 20), ec);
  s.set_option(boost::asio::socket_base::send_buffer_size(4 << 20), ec);
  // Don't fragment: ngtcp2's path MTU probes must fail rather than fragment.
  const int pmtud = IP_PMTUDISC_DO;
  if (bind.address().is_v4())
    ::setsockopt(s.native_handle(), IPPROTO_IP, IP_MTU_DISCOVER, &pmtud, sizeof pmtud);
  else
    ::setsockopt(s.native_handle(), IPPROTO_IPV6, IPV6_MTU_DISCOVER, &pmtud, sizeof pmtud);
  e->io_.emplace(s.native_handle());
  e->local_ = s.local_endpoint(ec);
  asio::co_spawn(executor, e->receive_loop(), [](std::exception_ptr x) {
    if (!x) return;
    try {
      std::rethrow_exception(x);
    } catch (const std::exception& what) {
      spdlog::error("QUIC endpoint receive loop failed: {}", what.what());
    }
  });
  return e;
}

void Endpoint::set_acceptor(Acceptor acceptor) {
  acceptor_ = std::move(acceptor);
  close_if_unused();
}

Result<std::shared_ptr<Session>> Endpoint::connect(const boost::asio::ip::udp::endpoint& remote,
                                                   std::optional<peer::PeerId> expected) {
  if (closed_) return Error(asio::error::bad_descriptor, "the QUIC endpoint is closed");
  auto session = std::make_shared<Session>(shared_from_this(), Path{local_, remote}, true, std::move(expected), config_);
  ++sessions_;
  if (auto r = session->start_client(tls_); !r) {
    session->close();
    return r.error();
  }
  return session;
}

void Endpoint::route(const Cid& cid, std::shared_ptr<Session> session) { routes_[cid] = std::move(session); }
void Endpoint::unroute(const Cid& cid) { routes_.erase(cid); }

void Endpoint::handshake_finished(const Session& session) {
  if (!session.outbound() && handshaking_ > 0) --handshaking_;
}

void Endpoint::session_ended(const Session&) {
  if (sessions_ > 0) --sessions_;
  close_if_unused();
}

void Endpoint::close_if_unused() {
  if (closed_ || acceptor_ || sessions_ > 0) return;
  closed_ = true;
  boost::system::error_code ec;
  socket_.close(ec);
}

void Endpoint::queue(BytesView packet, const boost::asio::ip::udp::endpoint& to) {
  if (!burst_.empty() && (to != burst_to_ || !burst_.fits(packet.size()))) send_queued();
  burst_.add(packet);
  burst_to_ = to;
}

void Endpoint::send(BytesView packet, const boost::asio::ip::udp::endpoint& to) {
  queue(packet, to);
  send_queued();
}

void Endpoint::send_queued() {
  if (burst_.empty()) return;
  const BytesView data = burst_.data();
  const std::size_t segment = burst_.segment();
  std::size_t sent = 0;
  if (!closed_ && backlog_.empty()) {
    auto r = io_->send(data, segment, burst_to_);
    sent = r.bytes;
    if (!r.error && sent == data.size()) {
      burst_.clear();
      return;
    }
  }
  if (!closed_ && backlog_bytes_ + data.size() - sent <= max_backlog_bytes) {
    const bool was_empty = backlog_.empty();
    backlog_.push_back({Bytes(data.begin() + static_cast<std::ptrdiff_t>(sent), data.end()), segment, burst_to_});
    backlog_bytes_ += data.size() - sent;
    if (was_empty)
      asio::co_spawn(executor_, drain_backlog(), [](std::exception_ptr x) {
        if (x) spdlog::error("QUIC endpoint send loop failed");
      });
  }
  burst_.clear();
}

void Endpoint::wait_writable(std::shared_ptr<Session> session) { waiting_writable_.push_back(session); }

asio::awaitable<void> Endpoint::drain_backlog() {
  auto self = shared_from_this();
  while (!backlog_.empty() && !closed_) {
    auto [ec] = co_await socket_.async_wait(boost::asio::socket_base::wait_write, use_result);
    if (ec) break;
    while (!backlog_.empty()) {
      auto& p = backlog_.front();
      auto r = io_->send(p.packets, p.segment, p.to);
      backlog_bytes_ -= r.bytes;
      if (r.bytes < p.packets.size()) {  // the socket is full again
        p.packets.erase(p.packets.begin(), p.packets.begin() + static_cast<std::ptrdiff_t>(r.bytes));
        break;
      }
      backlog_.pop_front();
    }
  }
  backlog_.clear();
  backlog_bytes_ = 0;
  auto waiting = std::move(waiting_writable_);
  waiting_writable_.clear();
  for (auto& w : waiting)
    if (auto s = w.lock()) s->schedule_flush();
}

// Everything queued is read on each wake-up (up to max_receives system
// calls) before the sessions flush: the ACKs and data they owe go out once
// for the lot, not once per datagram.
asio::awaitable<void> Endpoint::receive_loop() {
  auto self = shared_from_this();
  auto buffer = std::make_unique_for_overwrite<std::uint8_t[]>(max_receive);
  while (!closed_) {
    auto [ec] = co_await socket_.async_wait(boost::asio::socket_base::wait_read, use_result);
    if (closed_ || ec == asio::error::operation_aborted || ec == asio::error::bad_descriptor) break;
    for (int i = 0; i < max_receives && !closed_; ++i) {
      auto r = io_->receive({buffer.get(), max_receive});
      if (r.error == asio::error::would_block) break;
      if (r.error) continue;  // e.g. an ICMP error reported on the socket: not fatal
      for (std::size_t offset = 0; offset < r.size && !closed_; offset += r.segment)
        on_datagram({buffer.get() + offset, std::min(r.segment, r.size - offset)}, r.from);
    }
  }
}

void Endpoint::on_datagram(BytesView datagram, const boost::asio::ip::udp::endpoint& from) {
  const auto header = inspect(datagram);
  switch (header.kind) {
    case DatagramHeader::Kind::invalid: return;
    case DatagramHeader::Kind::unknown_version:
      if (acceptor_ && datagram.size() >= min_initial) {
        if (auto vn = version_negotiation(datagram); !vn.empty()) send(vn, from);
      }
      return;
    case DatagramHeader::Kind::routable:
    case DatagramHeader::Kind::initial: break;
  }
  if (auto it = routes_.find(header.dcid); it != routes_.end()) {
    auto session = it->second;  // may leave the table while it processes
    session->on_datagram(datagram, from);
    return;
  }
  // An unknown id: a new connection if it is a client Initial and we listen;
  // anything else (a stray, a packet of a connection gone) is dropped.
  if (header.kind == DatagramHeader::Kind::initial && acceptor_) accept_initial(datagram, from);
}

void Endpoint::accept_initial(BytesView datagram, const boost::asio::ip::udp::endpoint& from) {
  if (handshaking_ >= max_pending_handshakes_) return;  // the client retries
  auto session = std::make_shared<Session>(shared_from_this(), Path{local_, from}, false, std::nullopt, config_);
  ++sessions_;
  ++handshaking_;
  if (auto r = session->start_server(tls_, datagram); !r) {
    spdlog::debug("QUIC: refused an Initial from {}: {}", from.address().to_string(), r.error().what());
    session->close();
    return;
  }
  std::weak_ptr<Endpoint> weak = weak_from_this();
  session->on_established([weak](std::shared_ptr<Session> s) {
    auto self = weak.lock();
    if (!self) return;
    if (self->acceptor_)
      self->acceptor_(std::move(s));
    else
      s->close();
  });
  session->on_datagram(datagram, from);
}

}  // namespace libp2p::transport::quic::detail
