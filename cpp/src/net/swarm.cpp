#include "libp2p/net/swarm.hpp"

#include "libp2p/io/notifier.hpp"
#include "libp2p/io/timeout.hpp"
#include "libp2p/transport/errc.hpp"

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/steady_timer.hpp>
#include <spdlog/spdlog.h>

#include <algorithm>

namespace libp2p::net {
namespace {

// The attempts of one staggered dial: the first connection wins.
struct Race {
  explicit Race(asio::any_io_executor ex) : changed(ex) {}
  struct Attempt {
    asio::cancellation_signal cancel;
    bool done = false;
  };
  io::Notifier changed;
  std::shared_ptr<Connection> winner;
  std::vector<std::string> failures;
  std::vector<std::unique_ptr<Attempt>> attempts;
  std::size_t running = 0;
};

void log_failure(std::exception_ptr e, const char* what) {
  if (!e) return;
  try {
    std::rethrow_exception(e);
  } catch (const std::exception& ex) {
    spdlog::error("{} failed: {}", what, ex.what());
  }
}

}  // namespace

std::shared_ptr<Swarm> Swarm::create(asio::any_io_executor executor, peer::PeerId local_peer,
                                     std::shared_ptr<peer::Peerstore> peerstore, SwarmConfig config) {
  return std::shared_ptr<Swarm>(new Swarm(std::move(executor), std::move(local_peer), std::move(peerstore), config));
}

Swarm::Swarm(asio::any_io_executor executor, peer::PeerId local_peer, std::shared_ptr<peer::Peerstore> peerstore,
             SwarmConfig config)
    : executor_(std::move(executor)),
      local_peer_(std::move(local_peer)),
      peerstore_(std::move(peerstore)),
      config_(config) {}

Result<Multiaddr> Swarm::listen(const Multiaddr& address) {
  if (closed_) return Error(asio::error::operation_aborted, "swarm closed");
  for (const auto& transport : transports_) {
    if (!transport->can_listen(address)) continue;
    auto listener = transport->listen(address);
    if (!listener) return listener.error();
    std::shared_ptr<Listener> shared = std::move(*listener);
    listeners_.push_back(shared);
    asio::co_spawn(executor_, accept_connections(shared_from_this(), shared),
                   [](std::exception_ptr e) { log_failure(e, "accepting connections"); });
    return shared->address();
  }
  return Error(transport::Errc::unsupported_address, "no transport can listen on " + address.to_string());
}

std::vector<Multiaddr> Swarm::listen_addresses() const {
  std::vector<Multiaddr> out;
  for (const auto& l : listeners_) out.push_back(l->address());
  return out;
}

Transport* Swarm::transport_for_dial(const Multiaddr& address) const {
  for (const auto& t : transports_)
    if (t->can_dial(address)) return t.get();
  return nullptr;
}

std::vector<std::shared_ptr<Connection>> Swarm::connections() const {
  std::vector<std::shared_ptr<Connection>> out;
  for (const auto& [peer, list] : connections_) out.insert(out.end(), list.begin(), list.end());
  return out;
}

std::vector<std::shared_ptr<Connection>> Swarm::connections_to(const peer::PeerId& peer) const {
  auto it = connections_.find(peer);
  if (it == connections_.end()) return {};
  std::vector<std::shared_ptr<Connection>> out;
  for (const auto& c : it->second)
    if (!c->is_closed()) out.push_back(c);
  return out;
}

asio::awaitable<Result<std::shared_ptr<Connection>>> Swarm::dial(peer::PeerId peer) {
  if (closed_) co_return Error(asio::error::operation_aborted, "swarm closed");
  if (peer == local_peer_) co_return Error(asio::error::invalid_argument, "cannot dial ourselves");
  if (auto live = connections_to(peer); !live.empty()) co_return live.front();
  // A copy, not a reference into the map: co_spawn may run run_dial at once,
  // and with no dialable address it finishes and erases the entry before
  // co_spawn returns.
  auto pending = dials_[peer];
  if (!pending) {
    pending = dials_[peer] = std::make_shared<PendingDial>(executor_);
    asio::co_spawn(executor_, run_dial(shared_from_this(), peer, pending),
                   [](std::exception_ptr e) { log_failure(e, "dial"); });
  }
  if (auto ec = co_await pending->done.wait(); ec) co_return Error(ec);
  co_return pending->result;
}

std::vector<Multiaddr> rank_dial_addresses(std::vector<Multiaddr> addresses) {
  auto is_quic = [](const Multiaddr& a) {
    for (const auto& c : a)
      if (c.code() == multiformats::Protocol::Code::quic_v1) return true;
    return false;
  };
  std::stable_partition(addresses.begin(), addresses.end(), is_quic);
  return addresses;
}

asio::awaitable<void> Swarm::run_dial(std::shared_ptr<Swarm> self, peer::PeerId peer,
                                      std::shared_ptr<PendingDial> pending) {
  std::vector<Multiaddr> addresses;
  for (auto& address : self->peerstore_->addresses(peer))
    if (self->transport_for_dial(address)) addresses.push_back(std::move(address));
  if (addresses.empty())
    pending->result = Error(transport::Errc::unsupported_address, "no dialable address known for " + peer.to_string());
  else
    pending->result = co_await self->dial_addresses(peer, rank_dial_addresses(std::move(addresses)));
  self->dials_.erase(peer);
  pending->done.set();
}

asio::awaitable<Result<std::shared_ptr<Connection>>> Swarm::dial_addresses(peer::PeerId peer,
                                                                           std::vector<Multiaddr> addresses) {
  using namespace asio::experimental::awaitable_operators;
  auto race = std::make_shared<Race>(executor_);
  auto self = shared_from_this();
  std::size_t next = 0;
  auto start_next = [&] {
    auto& attempt = race->attempts.emplace_back(std::make_unique<Race::Attempt>());
    const Multiaddr address = addresses[next++];
    ++race->running;
    asio::co_spawn(executor_, self->dial_address(address, peer),
                   asio::bind_cancellation_slot(
                       attempt->cancel.slot(),
                       [race, a = attempt.get(), address](std::exception_ptr e,
                                                         Result<std::shared_ptr<Connection>> r) {
                         a->done = true;
                         --race->running;
                         if (e) race->failures.push_back(address.to_string() + ": cancelled");
                         else if (!r) race->failures.push_back(r.error().message);
                         else if (!race->winner) race->winner = *r;
                         else (*r)->close();  // a slower attempt that made it too
                         race->changed.notify();
                       }));
  };
  start_next();
  while (!race->winner && (race->running > 0 || next < addresses.size())) {
    if (race->running == 0) {  // every attempt so far failed: no need to wait
      start_next();
      continue;
    }
    if (next < addresses.size()) {
      asio::steady_timer stagger(executor_, config_.dial_stagger);
      auto first = co_await (race->changed.async_wait(asio::use_awaitable) || stagger.async_wait(asio::use_awaitable));
      if (first.index() == 1) start_next();
    } else {
      co_await race->changed.async_wait(use_result);
    }
  }
  for (auto& attempt : race->attempts)
    if (!attempt->done) attempt->cancel.emit(asio::cancellation_type::terminal);
  if (race->winner) co_return race->winner;
  std::string reasons;
  for (const auto& f : race->failures) reasons += (reasons.empty() ? "" : "; ") + f;
  co_return Error(asio::error::host_unreachable, "dialing " + peer.to_string() + " failed: " + reasons);
}

asio::awaitable<Result<std::shared_ptr<Connection>>> Swarm::dial_address(Multiaddr address,
                                                                         std::optional<peer::PeerId> expected) {
  if (closed_) co_return Error(asio::error::operation_aborted, "swarm closed");
  auto* transport = transport_for_dial(address);
  if (!transport) co_return Error(transport::Errc::unsupported_address, "no transport can dial " + address.to_string());
  auto self = shared_from_this();  // lives through the dial
  auto connection =
      co_await io::with_timeout(transport->dial(address, expected), config_.dial_timeout, "dial " + address.to_string());
  if (!connection) co_return connection.error();
  if (closed_) {
    (*connection)->close();
    co_return Error(asio::error::operation_aborted, "swarm closed");
  }
  const auto& remote = (*connection)->remote_peer();
  peerstore_->add_addresses(remote, {address}, peer::ttl::connected);
  (void)peerstore_->set_public_key(remote, (*connection)->info().remote_public_key);
  add_connection(*connection);
  co_return connection;
}

void Swarm::add_connection(const std::shared_ptr<Connection>& connection) {
  connections_[connection->remote_peer()].push_back(connection);
  asio::co_spawn(executor_, serve(shared_from_this(), connection),
                 [](std::exception_ptr e) { log_failure(e, "serving a connection"); });
  if (hooks_.connected) hooks_.connected(connection);
}

asio::awaitable<void> Swarm::accept_connections(std::shared_ptr<Swarm> self, std::shared_ptr<Listener> listener) {
  for (;;) {
    auto connection = co_await listener->accept();
    if (!connection) co_return;
    if (self->closed_) {
      (*connection)->close();
      co_return;
    }
    (void)self->peerstore_->set_public_key((*connection)->remote_peer(), (*connection)->info().remote_public_key);
    self->add_connection(*connection);
  }
}

asio::awaitable<void> Swarm::serve(std::shared_ptr<Swarm> self, std::shared_ptr<Connection> connection) {
  for (;;) {
    auto stream = co_await connection->accept_stream();
    if (!stream) {
      spdlog::debug("connection to {} ended: {}", connection->remote_peer().to_string(), stream.error().what());
      break;
    }
    if (self->hooks_.inbound_stream) self->hooks_.inbound_stream(connection, std::move(*stream));
  }
  connection->close();
  const auto& peer = connection->remote_peer();
  if (auto it = self->connections_.find(peer); it != self->connections_.end()) {
    std::erase(it->second, connection);
    if (it->second.empty()) {
      self->connections_.erase(it);
      self->peerstore_->update_ttl(peer, peer::ttl::connected, peer::ttl::recently_connected);
    }
  }
  if (self->hooks_.disconnected) self->hooks_.disconnected(connection);
}

void Swarm::close_peer(const peer::PeerId& peer) {
  for (const auto& c : connections_to(peer)) c->close();
}

void Swarm::close() {
  if (closed_) return;
  closed_ = true;
  for (const auto& l : listeners_) l->close();
  listeners_.clear();
  for (const auto& c : connections()) c->close();
}

}  // namespace libp2p::net
