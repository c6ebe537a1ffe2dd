#pragma once

#include <boost/system/error_code.hpp>

namespace libp2p::transport {

// Failures of the transports (the error_code category "transport"); socket
// failures keep their system codes.
enum class Errc {
  unsupported_address = 1,  // a multiaddr this transport cannot dial or listen on
  resolve_failed,           // a DNS name with no address of the wanted family
  no_listener,              // nothing listens on that memory address
  address_in_use,           // that memory address is taken
  websocket_handshake,      // the HTTP upgrade to WebSocket failed (RFC 6455 §4)
  websocket_protocol,       // a WebSocket frame broke RFC 6455 §5, or was not binary
  message_too_big,          // a WebSocket message above the configured bound
  missing_certificate,      // a /tls/ws (/wss) listener without a certificate and key
  bad_certificate,          // the configured certificate or key does not load
  connection_closed,        // a QUIC connection this side closed
  connection_lost,          // a QUIC connection the remote closed, or that timed out
  quic_protocol,            // the remote broke QUIC (RFC 9000) or its TLS handshake
  handshake_timeout,        // no QUIC handshake within the configured time
};

const boost::system::error_category& transport_category() noexcept;

inline boost::system::error_code make_error_code(Errc e) noexcept { return {static_cast<int>(e), transport_category()}; }

}  // namespace libp2p::transport

template <>
struct boost::system::is_error_code_enum<libp2p::transport::Errc> : std::true_type {};
