#pragma once

// Host: a libp2p node, the user's handle on everything (go-libp2p's
// host.Host). It owns the identity, the swarm of connections, the peerstore,
// the protocol handlers and the event stream. Create it on an executor and
// use it from that executor's thread; coroutines return failures as values.

#include "libp2p/host/config.hpp"
#include "libp2p/host/events.hpp"
#include "libp2p/host/stream.hpp"
#include "libp2p/net/swarm.hpp"
#include "libp2p/peer/peerstore.hpp"

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace libp2p::host {

// Serves one inbound stream; the stream is the handler's to close (dropping
// it unclosed resets it). An exception resets the stream and is logged.
using StreamHandler = std::function<asio::awaitable<void>(Stream)>;
// Decides whether a handler takes a protocol id (e.g. any semver-compatible version).
using ProtocolMatcher = std::function<bool(std::string_view)>;

// A matcher for "<base>/<major>.x.y": any version with the same major number.
ProtocolMatcher semver_major_matcher(std::string protocol);

// What protocols built on the host (identify, ...) learn as it happens.
class Notifiee {
 public:
  virtual ~Notifiee() = default;
  virtual void connected(const std::shared_ptr<net::Connection>&) {}
  virtual void disconnected(const std::shared_ptr<net::Connection>&) {}
  virtual void local_protocols_changed() {}
  virtual void listen_addresses_changed() {}
};

class Host : public std::enable_shared_from_this<Host> {
 public:
  // Builds the stack the config asks for and listens on config.listen.
  static Result<std::shared_ptr<Host>> create(asio::any_io_executor executor, Config config);
  ~Host();

  const peer::PeerId& peer_id() const { return peer_id_; }
  const crypto::KeyPair& key_pair() const { return identity_; }
  const Config& config() const { return config_; }
  asio::any_io_executor get_executor() const { return executor_; }

  // Listens on one more address; returns it as bound (port 0 replaced).
  Result<Multiaddr> listen(const Multiaddr& address);
  // As bound (an unspecified IP stays unspecified).
  std::vector<Multiaddr> listen_addresses() const;
  // What other peers can dial: unspecified IPs replaced by this machine's
  // interface addresses. Without /p2p.
  std::vector<Multiaddr> addresses() const;

  // Connects to a multiaddr. With a /p2p suffix the remote must prove that
  // PeerId; without, it is learnt from the handshake. Returns the PeerId.
  asio::awaitable<Result<peer::PeerId>> connect(Multiaddr address);
  // A connection to `peer` (reused if one is open), dialed from the peerstore.
  asio::awaitable<Result<std::shared_ptr<net::Connection>>> connect(peer::PeerId peer);
  void disconnect(const peer::PeerId& peer);
  std::vector<std::shared_ptr<net::Connection>> connections() const;

  // Opens a stream and negotiates the first of `protocols` the remote takes.
  // When the peerstore says the peer speaks the first protocol, the proposal
  // rides with the first write instead (one round trip less, as go-libp2p).
  asio::awaitable<Result<Stream>> new_stream(peer::PeerId peer, std::vector<std::string> protocols);
  asio::awaitable<Result<Stream>> new_stream(std::shared_ptr<net::Connection> connection,
                                             std::vector<std::string> protocols);

  void set_stream_handler(std::string protocol, StreamHandler handler);
  void set_stream_handler(std::string protocol, ProtocolMatcher match, StreamHandler handler);
  void remove_stream_handler(std::string_view protocol);
  // The protocols with handlers, sorted.
  std::vector<std::string> protocols() const;

  peer::Peerstore& peerstore() { return *peerstore_; }
  const peer::Peerstore& peerstore() const { return *peerstore_; }
  EventBus& events() { return events_; }
  void add_notifiee(std::shared_ptr<Notifiee> notifiee) { notifiees_.push_back(std::move(notifiee)); }

  // Closes every listener, connection and subscription. Idempotent.
  void close();
  bool is_closed() const { return closed_; }

 private:
  struct Handler {
    ProtocolMatcher match;
    StreamHandler handle;
  };

  Host(asio::any_io_executor executor, Config config, crypto::KeyPair identity);
  Result<void> build_stack();
  const Handler* find_handler(std::string_view protocol) const;
  void notify(const std::function<void(Notifiee&)>& f);
  static asio::awaitable<void> serve_inbound(std::shared_ptr<Host> self, std::shared_ptr<net::Connection> connection,
                                             std::unique_ptr<muxer::MuxedStream> stream);

  asio::any_io_executor executor_;
  Config config_;
  crypto::KeyPair identity_;
  peer::PeerId peer_id_;
  std::shared_ptr<peer::Peerstore> peerstore_;
  std::shared_ptr<net::Swarm> swarm_;
  EventBus events_;
  std::map<std::string, Handler, std::less<>> handlers_;
  std::vector<std::shared_ptr<Notifiee>> notifiees_;
  bool closed_ = false;
};

}  // namespace libp2p::host
