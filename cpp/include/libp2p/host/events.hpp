#pragma once

// The host's event stream (connections/README.md, "Connection Lifecycle
// Events"): subscribers read events in order with `co_await next()`. Each
// subscription buffers at most `capacity` events; a subscriber that falls
// further behind loses the oldest and is told how many (never blocks the host).

#include "libp2p/io/notifier.hpp"
#include "libp2p/net/connection.hpp"

#include <deque>
#include <memory>
#include <string>
#include <variant>
#include <vector>

namespace libp2p::host {

using multiformats::Multiaddr;

struct PeerConnected {
  peer::PeerId peer;
  net::ConnectionInfo connection;
};
struct PeerDisconnected {
  peer::PeerId peer;
};
// Identify finished: what the peer told about itself.
struct PeerIdentified {
  peer::PeerId peer;
  std::string agent_version;
  std::string protocol_version;
  std::vector<std::string> protocols;
  std::vector<Multiaddr> listen_addresses;
  std::optional<Multiaddr> observed_address;  // how the peer sees us
};
struct ProtocolsUpdated {
  peer::PeerId peer;
  std::vector<std::string> added;
  std::vector<std::string> removed;
};
struct ListenAddressesChanged {
  std::vector<Multiaddr> addresses;
};

using Event = std::variant<PeerConnected, PeerDisconnected, PeerIdentified, ProtocolsUpdated, ListenAddressesChanged>;

class EventBus;

class Subscription {
 public:
  Subscription(asio::any_io_executor executor, std::size_t capacity) : arrived_(executor), capacity_(capacity) {}

  // The next event; fails once the subscription or the host is closed.
  asio::awaitable<Result<Event>> next();
  // Events lost because this subscriber fell behind.
  std::size_t dropped() const { return dropped_; }
  void close();

 private:
  friend class EventBus;
  void push(const Event& event);

  std::deque<Event> queue_;
  io::Notifier arrived_;
  std::size_t capacity_;
  std::size_t dropped_ = 0;
  bool closed_ = false;
};

class EventBus {
 public:
  explicit EventBus(asio::any_io_executor executor) : executor_(std::move(executor)) {}
  std::shared_ptr<Subscription> subscribe(std::size_t capacity = 1024);
  void emit(const Event& event);
  void close();

 private:
  asio::any_io_executor executor_;
  std::vector<std::weak_ptr<Subscription>> subscribers_;
};

}  // namespace libp2p::host
