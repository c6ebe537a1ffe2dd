#include "libp2p/host/host.hpp"

#include "libp2p/io/timeout.hpp"
#include "libp2p/multistream/errc.hpp"
#include "libp2p/multistream/negotiate.hpp"
#include "libp2p/muxer/mplex/mplex.hpp"
#include "libp2p/muxer/yamux/yamux.hpp"
#include "libp2p/net/interface_addresses.hpp"
#include "libp2p/net/upgrading_transport.hpp"
#include "libp2p/peer/peer_address.hpp"
#include "libp2p/security/noise/noise_transport.hpp"
#include "libp2p/security/plaintext/plaintext_transport.hpp"
#include "libp2p/security/tls/tls_transport.hpp"
#include "libp2p/transport/memory.hpp"
#include "libp2p/transport/quic.hpp"
#include "libp2p/transport/tcp.hpp"
#include "libp2p/transport/websocket.hpp"

#include <boost/asio/error.hpp>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <charconv>

namespace libp2p::host {

ProtocolMatcher semver_major_matcher(std::string protocol) {
  // "/name/1.2.3" matches "/name/1.x.y".
  auto slash = protocol.rfind('/');
  auto dot = protocol.find('.', slash == std::string::npos ? 0 : slash);
  std::string prefix = protocol.substr(0, dot == std::string::npos ? protocol.size() : dot);
  return [prefix](std::string_view candidate) {
    if (!candidate.starts_with(prefix)) return false;
    auto rest = candidate.substr(prefix.size());
    return rest.empty() || rest.front() == '.';
  };
}

Result<std::shared_ptr<Host>> Host::create(asio::any_io_executor executor, Config config) {
  if (auto r = config.validate(); !r) return r.error();
  crypto::KeyPair identity = config.identity ? *config.identity : crypto::KeyPair::generate().value();
  auto host = std::shared_ptr<Host>(new Host(std::move(executor), std::move(config), std::move(identity)));
  if (auto r = host->build_stack(); !r) return r.error();
  for (const auto& address : host->config_.listen) {
    if (auto r = host->listen(address); !r) {
      host->close();
      return r.error();
    }
  }
  return host;
}

Host::Host(asio::any_io_executor executor, Config config, crypto::KeyPair identity)
    : executor_(executor),
      config_(std::move(config)),
      identity_(std::move(identity)),
      peer_id_(peer::PeerId::from_public_key(identity_.public_key())),
      peerstore_(std::make_shared<peer::Peerstore>()),
      events_(executor) {}

Host::~Host() { close(); }

Result<void> Host::build_stack() {
  std::vector<std::string> muxer_ids;
  std::vector<std::shared_ptr<muxer::Muxer>> muxers;
  for (auto m : config_.muxers) {
    muxer_ids.emplace_back(protocol_id(m));
    if (m == Muxer::yamux) muxers.push_back(std::make_shared<yamux::Yamux>(config_.yamux));
    else muxers.push_back(std::make_shared<mplex::Mplex>(config_.mplex));
  }
  std::vector<std::shared_ptr<security::SecurityTransport>> security;
  try {
    for (auto s : config_.security) {
      switch (s) {
        case Security::noise: security.push_back(std::make_shared<noise::NoiseTransport>(identity_, muxer_ids)); break;
        case Security::tls: security.push_back(std::make_shared<tls::TlsTransport>(identity_, muxer_ids)); break;
        case Security::plaintext: security.push_back(std::make_shared<plaintext::PlaintextTransport>(identity_)); break;
      }
    }
  } catch (const Exception& e) {
    return e.error();
  }
  auto upgrader = std::make_shared<net::Upgrader>(peer_id_, std::move(security), std::move(muxers),
                                                  config_.handshake_timeout);
  swarm_ = net::Swarm::create(executor_, peer_id_, peerstore_, config_.swarm);
  auto add = [&](std::shared_ptr<transport::RawTransport> raw) {
    swarm_->add_transport(std::make_shared<net::UpgradingTransport>(std::move(raw), upgrader, config_.max_pending_inbound));
  };
  if (config_.tcp) add(std::make_shared<transport::TcpTransport>(executor_));
  if (config_.websocket) add(std::make_shared<transport::WebSocketTransport>(executor_, config_.websocket_options));
  if (config_.memory) add(std::make_shared<transport::MemoryTransport>(executor_));
  if (config_.quic) {
    try {
      swarm_->add_transport(std::make_shared<transport::QuicTransport>(executor_, identity_, config_.quic_options));
    } catch (const Exception& e) {
      return prefixed("QUIC transport", e.error());
    }
  }

  std::weak_ptr<Host> weak = weak_from_this();
  swarm_->set_hooks({
      .connected =
          [weak](const std::shared_ptr<net::Connection>& c) {
            auto self = weak.lock();
            if (!self) return;
            if (self->swarm_->connections_to(c->remote_peer()).size() == 1)
              self->events_.emit(PeerConnected{c->remote_peer(), c->info()});
            self->notify([&](Notifiee& n) { n.connected(c); });
          },
      .disconnected =
          [weak](const std::shared_ptr<net::Connection>& c) {
            auto self = weak.lock();
            if (!self) return;
            self->notify([&](Notifiee& n) { n.disconnected(c); });
            if (!self->swarm_->is_connected(c->remote_peer())) self->events_.emit(PeerDisconnected{c->remote_peer()});
          },
      .inbound_stream =
          [weak](const std::shared_ptr<net::Connection>& c, std::unique_ptr<muxer::MuxedStream> s) {
            auto self = weak.lock();
            if (!self) return;
            asio::co_spawn(self->executor_, serve_inbound(self, c, std::move(s)), [](std::exception_ptr e) {
              if (e) spdlog::error("serving an inbound stream failed unexpectedly");
            });
          },
  });
  return {};
}

void Host::notify(const std::function<void(Notifiee&)>& f) {
  const auto list = notifiees_;  // a notifiee may add another
  for (const auto& n : list) f(*n);
}

Result<Multiaddr> Host::listen(const Multiaddr& address) {
  if (closed_) return Error(asio::error::operation_aborted, "host closed");
  auto bound = swarm_->listen(address);
  if (!bound) return prefixed("listening on " + address.to_string(), bound.error());
  events_.emit(ListenAddressesChanged{addresses()});
  notify([](Notifiee& n) { n.listen_addresses_changed(); });
  return bound;
}

std::vector<Multiaddr> Host::listen_addresses() const { return swarm_->listen_addresses(); }

std::vector<Multiaddr> Host::addresses() const {
  const auto interfaces = net::interface_addresses();
  std::vector<Multiaddr> out;
  for (const auto& address : swarm_->listen_addresses())
    for (auto& a : net::resolve_unspecified(address, interfaces))
      if (std::find(out.begin(), out.end(), a) == out.end()) out.push_back(std::move(a));
  return out;
}

asio::awaitable<Result<peer::PeerId>> Host::connect(Multiaddr address) {
  auto split = peer::split_peer_address(address);
  if (!split) co_return split.error();
  if (!split->peer) {
    auto connection = co_await swarm_->dial_address(address, std::nullopt);
    if (!connection) co_return connection.error();
    co_return (*connection)->remote_peer();
  }
  if (!split->transport.empty()) peerstore_->add_addresses(*split->peer, {split->transport}, peer::ttl::temporary);
  auto connection = co_await swarm_->dial(*split->peer);
  if (!connection) co_return connection.error();
  co_return *split->peer;
}

asio::awaitable<Result<std::shared_ptr<net::Connection>>> Host::connect(peer::PeerId peer) {
  co_return co_await swarm_->dial(std::move(peer));
}

void Host::disconnect(const peer::PeerId& peer) { swarm_->close_peer(peer); }

std::vector<std::shared_ptr<net::Connection>> Host::connections() const { return swarm_->connections(); }

asio::awaitable<Result<Stream>> Host::new_stream(peer::PeerId peer, std::vector<std::string> protocols) {
  auto connection = co_await swarm_->dial(peer);
  if (!connection) co_return connection.error();
  co_return co_await new_stream(std::move(*connection), std::move(protocols));
}

asio::awaitable<Result<Stream>> Host::new_stream(std::shared_ptr<net::Connection> connection,
                                                 std::vector<std::string> protocols) {
  if (protocols.empty()) co_return Error(multistream::Errc::no_protocols, "new_stream needs at least one protocol");
  auto opened = co_await connection->open_stream();
  if (!opened) co_return prefixed("opening a stream to " + connection->remote_peer().to_string(), opened.error());
  std::unique_ptr<io::ByteStream> stream = std::move(*opened);
  if (peerstore_->first_supported(connection->remote_peer(), protocols) == protocols.front()) {
    auto lazy = multistream::select_lazy(std::move(stream), protocols.front());
    co_return Stream(std::move(lazy), protocols.front(), std::move(connection));
  }
  auto chosen =
      co_await io::with_timeout(multistream::select(*stream, protocols), config_.negotiation_timeout, "protocol negotiation");
  if (!chosen) {
    stream->close();
    co_return prefixed("negotiating with " + connection->remote_peer().to_string(), chosen.error());
  }
  co_return Stream(std::move(stream), std::move(*chosen), std::move(connection));
}

void Host::set_stream_handler(std::string protocol, StreamHandler handler) {
  std::string exact = protocol;
  set_stream_handler(std::move(protocol), [exact](std::string_view p) { return p == exact; }, std::move(handler));
}

void Host::set_stream_handler(std::string protocol, ProtocolMatcher match, StreamHandler handler) {
  handlers_[std::move(protocol)] = Handler{std::move(match), std::move(handler)};
  notify([](Notifiee& n) { n.local_protocols_changed(); });
}

void Host::remove_stream_handler(std::string_view protocol) {
  if (auto it = handlers_.find(protocol); it != handlers_.end()) {
    handlers_.erase(it);
    notify([](Notifiee& n) { n.local_protocols_changed(); });
  }
}

std::vector<std::string> Host::protocols() const {
  std::vector<std::string> out;
  for (const auto& [name, handler] : handlers_) out.push_back(name);
  return out;
}

const Host::Handler* Host::find_handler(std::string_view protocol) const {
  if (auto it = handlers_.find(protocol); it != handlers_.end()) return &it->second;
  for (const auto& [name, handler] : handlers_)
    if (handler.match(protocol)) return &handler;
  return nullptr;
}

asio::awaitable<void> Host::serve_inbound(std::shared_ptr<Host> self, std::shared_ptr<net::Connection> connection,
                                          std::unique_ptr<muxer::MuxedStream> stream) {
  const multistream::Supported supported{
      [self](std::string_view p) { return self->find_handler(p) != nullptr; }, [self] { return self->protocols(); }};
  auto protocol = co_await io::with_timeout(multistream::handle(*stream, supported), self->config_.negotiation_timeout,
                                            "protocol negotiation");
  if (!protocol) {
    spdlog::debug("inbound stream from {} dropped: {}", connection->remote_peer().to_string(), protocol.error().what());
    stream->close();
    co_return;
  }
  const Handler* handler = self->find_handler(*protocol);
  if (!handler) {  // removed while negotiating
    stream->close();
    co_return;
  }
  const StreamHandler handle = handler->handle;  // the handler may be replaced while it runs
  try {
    co_await handle(Stream(std::move(stream), std::move(*protocol), std::move(connection)));
  } catch (const std::exception& e) {
    spdlog::warn("stream handler failed: {}", e.what());
  }
}

void Host::close() {
  if (closed_) return;
  closed_ = true;
  if (swarm_) swarm_->close();
  events_.close();
  notifiees_.clear();
}

}  // namespace libp2p::host
