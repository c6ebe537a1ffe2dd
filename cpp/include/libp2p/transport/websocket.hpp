#pragma once

// WebSocket (libp2p/specs websockets/README.md; RFC 6455): a raw transport
// the upgrader secures and multiplexes as it does TCP. Dials and listens on
//   /<ip4|ip6|dns|dns4|dns6>/<host>/tcp/<port>/ws         plain
//   .../tcp/<port>/tls/ws, .../tcp/<port>/wss             TLS (the same)
//   .../tcp/<port>/tls/sni/<name>/ws                      TLS with that server name
// (names resolved at dial time; listeners on IP addresses, port 0 picks one
// and the listen address keeps the suffix it was given).
//
// The stream: each write goes out as binary messages; a read returns bytes
// of any number of frames, across message boundaries. close_write() sends a
// Close frame (the remote reads end of stream, as go-libp2p and rust-libp2p
// turn a received Close into EOF); this side answers the remote's Close when
// it closes its own direction. close() drops the TCP connection. A frame
// that breaks RFC 6455, a text message or one above max_message_size fails
// the connection with a Close frame that says why.

#include "libp2p/transport/raw_transport.hpp"

#include <chrono>
#include <memory>
#include <string>

namespace libp2p::transport {

struct WebSocketConfig {
  // The certificate chain and private key a /tls/ws (/wss) listener
  // presents, PEM: for each, either the text or the name of a file holding
  // it. Without them, such a listen fails with Errc::missing_certificate.
  std::string certificate_pem;
  std::string private_key_pem;
  std::string certificate_file;
  std::string private_key_file;

  // Dialing /tls/ws: check the server's certificate against the system's
  // trust store and its name (the sni, the DNS name or the IP). Off only
  // for tests: a connection then proves nothing about who answers (the
  // libp2p security handshake on top still authenticates the peer).
  bool verify_certificates = true;
  // More trusted roots for that check (PEM), besides the system's.
  std::string extra_trusted_pem;

  // The TLS and HTTP upgrade handshakes of one connection, each side.
  std::chrono::milliseconds handshake_timeout{15'000};
  // A received message above this fails the connection (close code 1009).
  std::uint64_t max_message_size = 16 * 1024 * 1024;
  // Inbound connections in their handshake at once, per listener.
  std::size_t max_pending_handshakes = 64;

  // Names the first inconsistent field.
  Result<void> validate() const;
};

class WebSocketTransport final : public RawTransport {
 public:
  WebSocketTransport(asio::any_io_executor executor, WebSocketConfig config = {});
  ~WebSocketTransport() override;

  asio::any_io_executor get_executor() const override { return executor_; }
  bool can_dial(const Multiaddr& address) const override;
  bool can_listen(const Multiaddr& address) const override;
  asio::awaitable<Result<std::unique_ptr<RawConnection>>> dial(const Multiaddr& address) override;
  Result<std::unique_ptr<RawListener>> listen(const Multiaddr& address) override;

  struct Tls;  // the OpenSSL contexts, made when first needed

 private:
  asio::any_io_executor executor_;
  WebSocketConfig config_;
  std::shared_ptr<Tls> tls_;
};

}  // namespace libp2p::transport
