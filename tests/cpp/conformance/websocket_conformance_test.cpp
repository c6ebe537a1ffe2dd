// WebSocket in every form: plain, TLS checked against the listener's name
// (its IP, an sni), and the /wss alias.

#include "libp2p/transport/websocket.hpp"
#include "support/self_signed.hpp"
#include "transport_conformance.hpp"

namespace libp2p::transport::conformance {
namespace {

// A transport that serves and trusts one self-signed certificate.
std::unique_ptr<RawTransport> make_secure(asio::any_io_executor executor) {
  static const auto pem = test::self_signed_certificate("localhost");
  WebSocketConfig config;
  config.certificate_pem = pem.certificate;
  config.private_key_pem = pem.private_key;
  config.extra_trusted_pem = pem.certificate;
  return std::make_unique<WebSocketTransport>(std::move(executor), std::move(config));
}

struct WsTraits {
  static std::unique_ptr<RawTransport> make(asio::any_io_executor executor) {
    return std::make_unique<WebSocketTransport>(std::move(executor));
  }
  static std::string listen_address() { return "/ip4/127.0.0.1/tcp/0/ws"; }
};

struct TlsWsTraits {
  static std::unique_ptr<RawTransport> make(asio::any_io_executor executor) { return make_secure(std::move(executor)); }
  static std::string listen_address() { return "/ip4/127.0.0.1/tcp/0/tls/ws"; }
};

struct TlsSniWsTraits {
  static std::unique_ptr<RawTransport> make(asio::any_io_executor executor) { return make_secure(std::move(executor)); }
  static std::string listen_address() { return "/ip4/127.0.0.1/tcp/0/tls/sni/localhost/ws"; }
};

struct WssTraits {
  static std::unique_ptr<RawTransport> make(asio::any_io_executor executor) { return make_secure(std::move(executor)); }
  static std::string listen_address() { return "/ip4/127.0.0.1/tcp/0/wss"; }
};

}  // namespace

INSTANTIATE_TYPED_TEST_SUITE_P(Ws, TransportConformance, ::testing::Types<WsTraits>);
INSTANTIATE_TYPED_TEST_SUITE_P(TlsWs, TransportConformance, ::testing::Types<TlsWsTraits>);
INSTANTIATE_TYPED_TEST_SUITE_P(TlsSniWs, TransportConformance, ::testing::Types<TlsSniWsTraits>);
INSTANTIATE_TYPED_TEST_SUITE_P(Wss, TransportConformance, ::testing::Types<WssTraits>);

}  // namespace libp2p::transport::conformance
