#include "libp2p/transport/errc.hpp"

#include <string>

namespace libp2p::transport {
namespace {

class Category : public boost::system::error_category {
 public:
  const char* name() const noexcept override { return "transport"; }
  std::string message(int code) const override {
    switch (static_cast<Errc>(code)) {
      case Errc::unsupported_address: return "address not supported by the transport";
      case Errc::resolve_failed: return "name resolution failed";
      case Errc::no_listener: return "no listener on that address";
      case Errc::address_in_use: return "address already in use";
      case Errc::websocket_handshake: return "WebSocket handshake failed";
      case Errc::websocket_protocol: return "WebSocket protocol violation";
      case Errc::message_too_big: return "WebSocket message too big";
      case Errc::missing_certificate: return "no TLS certificate configured for a secure WebSocket listener";
      case Errc::bad_certificate: return "the TLS certificate or key could not be loaded";
      case Errc::connection_closed: return "QUIC connection closed";
      case Errc::connection_lost: return "QUIC connection lost";
      case Errc::quic_protocol: return "QUIC protocol violation";
      case Errc::handshake_timeout: return "QUIC handshake timed out";
    }
    return "unknown transport error";
  }
};

}  // namespace

const boost::system::error_category& transport_category() noexcept {
  static const Category category;
  return category;
}

}  // namespace libp2p::transport
