#pragma once

// Raw transports carry bytes between two multiaddrs with no security and no
// multiplexing (TCP, the in-memory transport, later WebSocket); the upgrader
// (net/upgrader.hpp) makes libp2p connections of them. Transports that bring
// their own security and streams (QUIC) implement net::Transport directly.

#include "libp2p/io/byte_stream.hpp"
#include "libp2p/multiformats/multiaddr.hpp"

#include <memory>

namespace libp2p::transport {

using multiformats::Multiaddr;

class RawConnection : public io::ByteStream {
 public:
  virtual const Multiaddr& local_address() const = 0;
  virtual const Multiaddr& remote_address() const = 0;
};

class RawListener {
 public:
  virtual ~RawListener() = default;
  // The next inbound connection; fails once the listener is closed.
  virtual asio::awaitable<Result<std::unique_ptr<RawConnection>>> accept() = 0;
  // The address actually bound (a port 0 replaced by the real port).
  virtual const Multiaddr& address() const = 0;
  virtual void close() = 0;
};

class RawTransport {
 public:
  virtual ~RawTransport() = default;
  virtual asio::any_io_executor get_executor() const = 0;
  virtual bool can_dial(const Multiaddr& address) const = 0;
  virtual bool can_listen(const Multiaddr& address) const = 0;
  virtual asio::awaitable<Result<std::unique_ptr<RawConnection>>> dial(const Multiaddr& address) = 0;
  virtual Result<std::unique_ptr<RawListener>> listen(const Multiaddr& address) = 0;
};

}  // namespace libp2p::transport
