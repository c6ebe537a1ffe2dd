#pragma once

// Swarm: the node's connections (go-libp2p's swarm). It listens through its
// transports, dials peers by PeerId from the peerstore's addresses (several
// addresses raced with a small stagger; concurrent dials to one peer share
// one attempt), reuses a live connection rather than dialing again, accepts
// the streams the remote opens and hands them to the host, and closes
// everything on close(). Used from its executor's thread only.

#include "libp2p/io/event.hpp"
#include "libp2p/net/transport.hpp"
#include "libp2p/peer/peerstore.hpp"

#include <chrono>
#include <functional>
#include <memory>
#include <unordered_map>
#include <vector>

namespace libp2p::net {

struct SwarmConfig {
  // One dial attempt to one address: transport connect plus upgrade.
  std::chrono::milliseconds dial_timeout{10'000};
  // Between starting attempts on successive addresses of a peer.
  std::chrono::milliseconds dial_stagger{250};
};

// The order a peer's addresses are dialed in, each attempt a dial_stagger
// after the one before (go-libp2p's dial ranker in short): QUIC v1 first, as
// it connects in one round trip, then the rest, in their given order.
std::vector<Multiaddr> rank_dial_addresses(std::vector<Multiaddr> addresses);

class Swarm : public std::enable_shared_from_this<Swarm> {
 public:
  struct Hooks {
    std::function<void(const std::shared_ptr<Connection>&)> connected;
    std::function<void(const std::shared_ptr<Connection>&)> disconnected;
    std::function<void(const std::shared_ptr<Connection>&, std::unique_ptr<muxer::MuxedStream>)> inbound_stream;
  };

  static std::shared_ptr<Swarm> create(asio::any_io_executor executor, peer::PeerId local_peer,
                                       std::shared_ptr<peer::Peerstore> peerstore, SwarmConfig config);

  void set_hooks(Hooks hooks) { hooks_ = std::move(hooks); }
  void add_transport(std::shared_ptr<Transport> transport) { transports_.push_back(std::move(transport)); }

  // Starts listening; returns the address bound (a port 0 replaced).
  Result<Multiaddr> listen(const Multiaddr& address);
  std::vector<Multiaddr> listen_addresses() const;

  // A connection to `peer`: a live one, the result of a dial in progress, or
  // a new dial to its known addresses.
  asio::awaitable<Result<std::shared_ptr<Connection>>> dial(peer::PeerId peer);
  // Dials one address (without /p2p); `expected` is the PeerId it must prove.
  asio::awaitable<Result<std::shared_ptr<Connection>>> dial_address(Multiaddr address,
                                                                    std::optional<peer::PeerId> expected);

  std::vector<std::shared_ptr<Connection>> connections() const;
  std::vector<std::shared_ptr<Connection>> connections_to(const peer::PeerId& peer) const;
  bool is_connected(const peer::PeerId& peer) const { return !connections_to(peer).empty(); }
  void close_peer(const peer::PeerId& peer);

  // Stops listening and closes every connection.
  void close();
  bool is_closed() const { return closed_; }

  asio::any_io_executor get_executor() const { return executor_; }
  const peer::PeerId& local_peer() const { return local_peer_; }

 private:
  struct PendingDial {
    explicit PendingDial(asio::any_io_executor ex) : done(ex) {}
    io::Event done;
    Result<std::shared_ptr<Connection>> result = Error(asio::error::operation_aborted);
  };

  Swarm(asio::any_io_executor executor, peer::PeerId local_peer, std::shared_ptr<peer::Peerstore> peerstore,
        SwarmConfig config);

  Transport* transport_for_dial(const Multiaddr& address) const;
  asio::awaitable<Result<std::shared_ptr<Connection>>> dial_addresses(peer::PeerId peer,
                                                                      std::vector<Multiaddr> addresses);
  void add_connection(const std::shared_ptr<Connection>& connection);
  static asio::awaitable<void> accept_connections(std::shared_ptr<Swarm> self, std::shared_ptr<Listener> listener);
  static asio::awaitable<void> serve(std::shared_ptr<Swarm> self, std::shared_ptr<Connection> connection);
  static asio::awaitable<void> run_dial(std::shared_ptr<Swarm> self, peer::PeerId peer,
                                        std::shared_ptr<PendingDial> pending);

  asio::any_io_executor executor_;
  peer::PeerId local_peer_;
  std::shared_ptr<peer::Peerstore> peerstore_;
  SwarmConfig config_;
  Hooks hooks_;
  std::vector<std::shared_ptr<Transport>> transports_;
  std::vector<std::shared_ptr<Listener>> listeners_;
  std::unordered_map<peer::PeerId, std::vector<std::shared_ptr<Connection>>> connections_;
  std::unordered_map<peer::PeerId, std::shared_ptr<PendingDial>> dials_;
  bool closed_ = false;
};

}  // namespace libp2p::net
