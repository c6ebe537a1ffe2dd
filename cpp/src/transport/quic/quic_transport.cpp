#include "libp2p/transport/quic.hpp"

#include "libp2p/transport/errc.hpp"
#include "muxer/yamux/detail/wait_list.hpp"
#include "transport/detail/ip_host.hpp"
#include "transport/detail/tcp_address.hpp"
#include "transport/quic/detail/endpoint.hpp"
#include "transport/quic/detail/muxed.hpp"

#include <boost/asio/error.hpp>
#include <boost/asio/ip/address.hpp>

#include <deque>

namespace libp2p::transport {

using multiformats::Multiaddr;

namespace {

using multiformats::Protocol;
using udp = boost::asio::ip::udp;
namespace qd = quic::detail;

struct QuicAddress {
  detail::IpHost host;
  std::uint16_t port;
};

// Exactly /<ip4|ip6|dns|dns4|dns6>/<host>/udp/<port>/quic-v1.
Result<QuicAddress> parse_quic_address(const Multiaddr& address) {
  auto unsupported = [&] { return Error(Errc::unsupported_address, address.to_string() + " is not a QUIC v1 address"); };
  auto c = address.components();
  if (c.size() != 3 || c[1].code() != Protocol::Code::udp || c[2].code() != Protocol::Code::quic_v1) return unsupported();
  auto host = detail::ip_host(c[0]);
  if (!host) return unsupported();
  auto port = c[1].value_bytes();  // 2 bytes, big-endian
  return QuicAddress{std::move(*host), static_cast<std::uint16_t>(port[0] << 8 | port[1])};
}

// Listening takes an IP address only.
Result<udp::endpoint> parse_listen_address(const Multiaddr& address) {
  auto parsed = parse_quic_address(address);
  if (!parsed) return parsed.error();
  boost::system::error_code ec;
  auto ip = boost::asio::ip::make_address(parsed->host.host, ec);
  if (!parsed->host.is_ip() || ec)
    return Error(Errc::unsupported_address, "listening on " + address.to_string() + " needs an IP address");
  return udp::endpoint(ip, parsed->port);
}

Multiaddr to_multiaddr(const udp::endpoint& endpoint) {
  return Multiaddr::from_string(detail::ip_multiaddr(endpoint.address()) + "/udp/" + std::to_string(endpoint.port()) +
                                "/quic-v1")
      .value();
}

Error invalid(std::string what) { return Error(asio::error::invalid_argument, "QUIC config: " + what); }

}  // namespace

Result<void> QuicConfig::validate() const {
  auto positive = [](std::chrono::milliseconds d) { return d.count() > 0; };
  if (!positive(handshake_timeout)) return invalid("quic.handshake_timeout must be positive");
  if (!positive(idle_timeout)) return invalid("quic.idle_timeout must be positive");
  if (keep_alive.count() < 0 || keep_alive >= idle_timeout)
    return invalid("quic.keep_alive must be zero or shorter than quic.idle_timeout");
  if (max_streams == 0) return invalid("quic.max_streams must be at least 1");
  if (stream_window == 0 || max_stream_window < stream_window)
    return invalid("quic.stream_window must be positive and at most quic.max_stream_window");
  if (connection_window < stream_window || max_connection_window < connection_window)
    return Error(Errc::unsupported_address,
                 "quic.connection_window must be at least quic.stream_window and at most quic.max_connection_window");
  if (send_buffer == 0) return invalid("quic.send_buffer must be positive");
  return {};
}

struct QuicTransport::State {
  asio::any_io_executor executor;
  peer::PeerId local_peer;
  QuicConfig config;
  qd::SessionConfig session_config;
  std::shared_ptr<qd::TlsContext> tls;
  std::vector<std::weak_ptr<qd::Endpoint>> listening;
  std::weak_ptr<qd::Endpoint> dial_v4, dial_v6;

  std::shared_ptr<net::Connection> make_connection(const std::shared_ptr<qd::Session>& session) const {
    net::ConnectionInfo info{
        .local_address = to_multiaddr(session->path().local),
        .remote_address = to_multiaddr(session->path().remote),
        .local_peer = local_peer,
        .remote_peer = peer::PeerId::from_public_key(*session->remote_key()),
        .remote_public_key = *session->remote_key(),
        .security = std::string(security_id),
        .muxer = std::string(muxer_id),
        .direction = session->outbound() ? net::Direction::outbound : net::Direction::inbound,
    };
    return std::make_shared<net::Connection>(std::make_shared<qd::Connection>(session), std::move(info));
  }

  // Dials leave from a listening socket when its address can reach the
  // remote: the same family, and unspecified or of the same scope (loopback
  // to loopback, other to other).
  Result<std::shared_ptr<qd::Endpoint>> endpoint_for(const udp::endpoint& remote) {
    for (auto& weak : listening) {
      auto e = weak.lock();
      if (!e || !e->is_open() || !e->is_listening()) continue;
      const auto local = e->local().address();
      if (local.is_v4() != remote.address().is_v4()) continue;
      if (local.is_unspecified() || local.is_loopback() == remote.address().is_loopback()) return e;
    }
    auto& slot = remote.address().is_v4() ? dial_v4 : dial_v6;
    if (auto e = slot.lock(); e && e->is_open()) return e;
    const udp::endpoint any(remote.address().is_v4() ? udp::endpoint(udp::v4(), 0) : udp::endpoint(udp::v6(), 0));
    auto e = qd::Endpoint::open(executor, any, tls, session_config, config.max_pending_inbound);
    if (!e) return e.error();
    slot = *e;
    return *e;
  }
};

namespace {

// Established inbound connections waiting for accept(), bounded.
class QuicListener final : public net::Listener {
 public:
  QuicListener(std::shared_ptr<QuicTransport::State> state, std::shared_ptr<qd::Endpoint> endpoint)
      : state_(std::move(state)),
        endpoint_(std::move(endpoint)),
        address_(to_multiaddr(endpoint_->local())),
        inbox_(std::make_shared<Inbox>(endpoint_->executor())) {
    std::weak_ptr<Inbox> weak = inbox_;
    const std::size_t bound = state_->config.max_pending_inbound;
    endpoint_->set_acceptor([weak, bound](std::shared_ptr<qd::Session> session) {
      auto inbox = weak.lock();
      if (!inbox || inbox->sessions.size() >= bound) {
        session->close();  // nobody takes it, or too many wait
        return;
      }
      inbox->sessions.push_back(std::move(session));
      inbox->waiters.notify_one();
    });
  }
  ~QuicListener() override { close(); }

  asio::awaitable<Result<std::shared_ptr<net::Connection>>> accept() override {
    auto inbox = inbox_;
    for (;;) {
      while (!inbox->sessions.empty()) {
        auto session = std::move(inbox->sessions.front());
        inbox->sessions.pop_front();
        if (!session->is_closed()) co_return state_->make_connection(session);
      }
      if (inbox->closed) co_return Error(asio::error::operation_aborted, "the QUIC listener on " + address_.to_string() + " is closed");
      if (auto ec = co_await inbox->waiters.wait()) co_return Error(ec, "accepting on " + address_.to_string() + " was cancelled");
    }
  }
  const Multiaddr& address() const override { return address_; }
  void close() override {
    if (inbox_->closed) return;
    inbox_->closed = true;
    endpoint_->set_acceptor(nullptr);
    for (auto& s : inbox_->sessions) s->close();
    inbox_->sessions.clear();
    inbox_->waiters.notify_all();
  }

 private:
  struct Inbox {
    explicit Inbox(asio::any_io_executor ex) : waiters(std::move(ex)) {}
    std::deque<std::shared_ptr<qd::Session>> sessions;
    yamux::detail::WaitList waiters;
    bool closed = false;
  };

  std::shared_ptr<QuicTransport::State> state_;
  std::shared_ptr<qd::Endpoint> endpoint_;
  Multiaddr address_;
  std::shared_ptr<Inbox> inbox_;
};

}  // namespace

QuicTransport::QuicTransport(asio::any_io_executor executor, crypto::KeyPair identity, QuicConfig config) {
  config.validate().value();
  qd::SessionConfig session_config{
      .engine =
          qd::EngineConfig{
              .handshake_timeout = config.handshake_timeout,
              .idle_timeout = config.idle_timeout,
              .keep_alive = config.keep_alive,
              .stream_window = config.stream_window,
              .max_stream_window = config.max_stream_window,
              .connection_window = config.connection_window,
              .max_connection_window = config.max_connection_window,
              .max_streams = config.max_streams,
          },
      .send_buffer = config.send_buffer,
  };
  state_ = std::make_shared<State>(State{std::move(executor), peer::PeerId::from_public_key(identity.public_key()), config,
                                         session_config, qd::TlsContext::make(identity).value(), {}, {}, {}});
}

QuicTransport::~QuicTransport() = default;

bool QuicTransport::can_dial(const Multiaddr& address) const { return parse_quic_address(address).has_value(); }
bool QuicTransport::can_listen(const Multiaddr& address) const { return parse_listen_address(address).has_value(); }

asio::awaitable<Result<std::shared_ptr<net::Connection>>> QuicTransport::dial(const Multiaddr& address,
                                                                              std::optional<peer::PeerId> expected) {
  auto state = state_;
  auto parsed = parse_quic_address(address);
  if (!parsed) co_return parsed.error();
  // A name: its first address, in the resolver's order (RFC 6724), as a
  // QUIC handshake to one that does not answer only ends by its timeout.
  auto ips = co_await detail::resolve(state->executor, parsed->host);
  if (!ips) co_return prefixed("dialing " + address.to_string(), ips.error());
  const udp::endpoint remote(ips->front(), parsed->port);
  auto endpoint = state->endpoint_for(remote);
  if (!endpoint) co_return prefixed("dialing " + address.to_string(), endpoint.error());
  auto session = (*endpoint)->connect(remote, std::move(expected));
  if (!session) co_return prefixed("dialing " + address.to_string(), session.error());
  auto done = co_await (*session)->handshake();
  if (!done) {
    (*session)->close();  // cancelled, or already ended
    co_return prefixed("dialing " + address.to_string(), done.error());
  }
  co_return state->make_connection(*session);
}

Result<std::unique_ptr<net::Listener>> QuicTransport::listen(const Multiaddr& address) {
  auto bind = parse_listen_address(address);
  if (!bind) return bind.error();
  auto endpoint = qd::Endpoint::open(state_->executor, *bind, state_->tls, state_->session_config,
                                     state_->config.max_pending_inbound);
  if (!endpoint) return prefixed("listening on " + address.to_string(), endpoint.error());
  std::erase_if(state_->listening, [](const auto& w) { return w.expired(); });
  state_->listening.push_back(*endpoint);
  return std::unique_ptr<net::Listener>(std::make_unique<QuicListener>(state_, std::move(*endpoint)));
}

}  // namespace libp2p::transport
