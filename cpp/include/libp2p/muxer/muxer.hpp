#pragma once

// The stream-multiplexer extension point (yamux, mplex; QUIC brings its own
// streams and implements MuxedConnection directly). Small on purpose, like
// go-libp2p's network.Multiplexer / MuxedConn / MuxedStream.

#include "libp2p/io/byte_stream.hpp"

#include <memory>
#include <string_view>

namespace libp2p::muxer {

// One stream of a multiplexed connection. As a ByteStream: close_write() is a
// half-close (yamux FIN, mplex Close), close() an abortive reset (RST/Reset).
// Destroying a stream that was not fully closed resets it.
class MuxedStream : public io::ByteStream {};

// A connection carrying many streams. Its session runs by itself once made;
// streams keep it alive while it is open.
class MuxedConnection {
 public:
  virtual ~MuxedConnection() = default;

  // Opens an outbound stream. Data may be written at once (before the
  // remote acknowledges it).
  virtual asio::awaitable<Result<std::unique_ptr<MuxedStream>>> open_stream() = 0;

  // The next inbound stream; fails once the connection is closed (by either
  // side, or by a protocol violation: the error says which).
  virtual asio::awaitable<Result<std::unique_ptr<MuxedStream>>> accept_stream() = 0;

  // Closes the connection: tells the remote (yamux GoAway) and closes the
  // underlying stream. Every pending and later operation fails.
  virtual void close() = 0;
  virtual bool is_closed() const = 0;
};

// Makes MuxedConnections over secured ByteStreams.
class Muxer {
 public:
  virtual ~Muxer() = default;
  // The multistream-select id, e.g. "/yamux/1.0.0".
  virtual std::string_view protocol_id() const = 0;
  // Starts a session over `secured`; `initiator` is the side that dialed.
  virtual std::shared_ptr<MuxedConnection> create(std::unique_ptr<io::ByteStream> secured, bool initiator) = 0;
};

}  // namespace libp2p::muxer
