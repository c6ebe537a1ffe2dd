#pragma once

// Connection: a secured, multiplexed connection to one peer, and what is
// known about it (go-libp2p's network.Conn).

#include "libp2p/crypto/public_key.hpp"
#include "libp2p/multiformats/multiaddr.hpp"
#include "libp2p/muxer/muxer.hpp"
#include "libp2p/peer/peer_id.hpp"

#include <chrono>
#include <memory>
#include <string>

namespace libp2p::net {

using multiformats::Multiaddr;

enum class Direction { inbound, outbound };

struct ConnectionInfo {
  Multiaddr local_address;
  Multiaddr remote_address;
  peer::PeerId local_peer;
  peer::PeerId remote_peer;
  crypto::PublicKey remote_public_key;
  std::string security;  // e.g. "/noise"
  std::string muxer;     // e.g. "/yamux/1.0.0"
  Direction direction;
  std::chrono::system_clock::time_point opened = std::chrono::system_clock::now();
};

class Connection {
 public:
  Connection(std::shared_ptr<muxer::MuxedConnection> muxed, ConnectionInfo info);

  // Unique within the process.
  std::uint64_t id() const { return id_; }
  const ConnectionInfo& info() const { return info_; }
  const peer::PeerId& remote_peer() const { return info_.remote_peer; }

  asio::awaitable<Result<std::unique_ptr<muxer::MuxedStream>>> open_stream() { return muxed_->open_stream(); }
  asio::awaitable<Result<std::unique_ptr<muxer::MuxedStream>>> accept_stream() { return muxed_->accept_stream(); }
  void close() { muxed_->close(); }
  bool is_closed() const { return muxed_->is_closed(); }

 private:
  std::uint64_t id_;
  std::shared_ptr<muxer::MuxedConnection> muxed_;
  ConnectionInfo info_;
};

}  // namespace libp2p::net
