// The WebSocket transport's own behaviour; what every transport does is in
// the conformance suite (tests/cpp/conformance/transport_conformance.hpp).

#include "libp2p/transport/errc.hpp"
#include "libp2p/transport/websocket.hpp"

#include "support/run.hpp"
#include "support/self_signed.hpp"

#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/ssl/error.hpp>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <unistd.h>

namespace libp2p::transport {
namespace {

using namespace asio::experimental::awaitable_operators;

Multiaddr ma(std::string_view text) { return Multiaddr::from_string(text).value(); }

TEST(WebSocketTransport, KnowsItsAddresses) {
  asio::io_context io;
  WebSocketTransport ws(io.get_executor());
  for (auto text : {"/ip4/1.2.3.4/tcp/80/ws", "/ip6/::1/tcp/80/ws", "/dns4/example.com/tcp/443/wss",
                    "/dns/example.com/tcp/443/tls/ws", "/ip4/1.2.3.4/tcp/443/tls/sni/example.com/ws"})
    EXPECT_TRUE(ws.can_dial(ma(text))) << text;
  for (auto text : {"/ip4/1.2.3.4/tcp/80", "/ip4/1.2.3.4/udp/80/quic-v1", "/ip4/1.2.3.4/tcp/80/ws/ws",
                    "/ip4/1.2.3.4/ws", "/ip4/1.2.3.4/tcp/80/ws/p2p/QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N",
                    "/ip4/1.2.3.4/tcp/80/sni/example.com/ws", "/ip4/1.2.3.4/tcp/80/tls/wss",
                    "/ip4/1.2.3.4/tcp/80/ws/http-path/chat", "/memory/4"})
    EXPECT_FALSE(ws.can_dial(ma(text))) << text;
  EXPECT_TRUE(ws.can_listen(ma("/ip4/0.0.0.0/tcp/0/ws")));
  EXPECT_TRUE(ws.can_listen(ma("/ip6/::/tcp/0/wss")));
  EXPECT_FALSE(ws.can_listen(ma("/dns4/example.com/tcp/80/ws")));
}

TEST(WebSocketTransport, ValidatesItsConfig) {
  auto error_of = [](auto change) {
    WebSocketConfig c;
    change(c);
    auto r = c.validate();
    return r ? std::string() : r.error().message;
  };
  EXPECT_EQ(error_of([](auto&) {}), "");
  EXPECT_NE(error_of([](auto& c) { c.certificate_pem = "x"; }).find("without its private key"), std::string::npos);
  EXPECT_NE(error_of([](auto& c) { c.private_key_file = "k"; }).find("without its certificate"), std::string::npos);
  EXPECT_NE(error_of([](auto& c) {
              c.certificate_pem = c.certificate_file = "x";
              c.private_key_pem = "k";
            }).find("both set"),
            std::string::npos);
  EXPECT_NE(error_of([](auto& c) { c.handshake_timeout = {}; }).find("handshake_timeout"), std::string::npos);
  EXPECT_NE(error_of([](auto& c) { c.max_message_size = 0; }).find("max_message_size"), std::string::npos);
}

TEST(WebSocketTransport, ASecureListenerNeedsACertificate) {
  asio::io_context io;
  WebSocketTransport ws(io.get_executor());
  EXPECT_TRUE(ws.listen(ma("/ip4/127.0.0.1/tcp/0/ws")));
  for (auto text : {"/ip4/127.0.0.1/tcp/0/tls/ws", "/ip4/127.0.0.1/tcp/0/wss"}) {
    auto r = ws.listen(ma(text));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, Errc::missing_certificate);
    EXPECT_NE(r.error().message.find("certificate_pem"), std::string::npos) << r.error().message;
  }
}

TEST(WebSocketTransport, ReportsACertificateThatDoesNotLoad) {
  asio::io_context io;
  WebSocketConfig config;
  config.certificate_pem = "-----BEGIN CERTIFICATE-----\nbroken\n-----END CERTIFICATE-----\n";
  config.private_key_file = "/nonexistent/key.pem";
  WebSocketTransport ws(io.get_executor(), config);
  auto r = ws.listen(ma("/ip4/127.0.0.1/tcp/0/tls/ws"));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, Errc::bad_certificate);
  EXPECT_NE(r.error().message.find("certificate_pem"), std::string::npos) << r.error().message;
}

TEST(WebSocketTransport, LoadsTheCertificateFromFiles) {
  const auto pem = test::self_signed_certificate();
  const auto dir = std::filesystem::temp_directory_path();
  const auto cert = dir / ("ws-test-cert-" + std::to_string(::getpid()) + ".pem");
  const auto key = dir / ("ws-test-key-" + std::to_string(::getpid()) + ".pem");
  std::ofstream(cert) << pem.certificate;
  std::ofstream(key) << pem.private_key;
  asio::io_context io;
  WebSocketConfig config;
  config.certificate_file = cert.string();
  config.private_key_file = key.string();
  config.verify_certificates = false;
  WebSocketTransport ws(io.get_executor(), config);
  auto listener = ws.listen(ma("/ip4/127.0.0.1/tcp/0/wss"));
  std::filesystem::remove(cert);
  std::filesystem::remove(key);
  ASSERT_TRUE(listener) << listener.error().what();
  test::run(io, [&]() -> asio::awaitable<void> {
    auto both = co_await (ws.dial((*listener)->address()) && (*listener)->accept());
    EXPECT_TRUE(std::get<0>(both)) << std::get<0>(both).error().what();
    EXPECT_TRUE(std::get<1>(both));
  }());
}

// A secure listener with a self-signed certificate for "localhost".
struct SecureListener {
  asio::io_context io;
  test::PemPair pem = test::self_signed_certificate("localhost");
  std::unique_ptr<WebSocketTransport> server = [&] {
    WebSocketConfig c;
    c.certificate_pem = pem.certificate;
    c.private_key_pem = pem.private_key;
    return std::make_unique<WebSocketTransport>(io.get_executor(), c);
  }();
  std::unique_ptr<RawListener> listener = server->listen(ma("/ip4/127.0.0.1/tcp/0/tls/ws")).value();
  std::string port = *listener->address().value_for("tcp");

  // Dials `address` with `config`; the dial's outcome (the listener sees
  // the handshake fail or succeed on its own).
  Result<std::unique_ptr<RawConnection>> dial(WebSocketConfig config, const std::string& address) {
    WebSocketTransport client(io.get_executor(), std::move(config));
    std::optional<Result<std::unique_ptr<RawConnection>>> out;
    test::run(io, [&]() -> asio::awaitable<void> { out.emplace(co_await client.dial(ma(address))); }());
    return std::move(*out);
  }
};

TEST(WebSocketTransport, ChecksTheServersCertificateByDefault) {
  SecureListener s;
  auto untrusted = s.dial({}, "/ip4/127.0.0.1/tcp/" + s.port + "/tls/ws");
  ASSERT_FALSE(untrusted);
  EXPECT_EQ(untrusted.error().code.category(), asio::error::get_ssl_category()) << untrusted.error().what();
  EXPECT_NE(untrusted.error().message.find("WebSocket TLS handshake"), std::string::npos);

  WebSocketConfig trusting;
  trusting.extra_trusted_pem = s.pem.certificate;
  EXPECT_TRUE(s.dial(trusting, "/ip4/127.0.0.1/tcp/" + s.port + "/tls/ws"));  // its IP is in the certificate
  EXPECT_TRUE(s.dial(trusting, "/ip4/127.0.0.1/tcp/" + s.port + "/tls/sni/localhost/ws"));
  EXPECT_TRUE(s.dial(trusting, "/dns4/localhost/tcp/" + s.port + "/wss"));
  EXPECT_FALSE(s.dial(trusting, "/ip4/127.0.0.1/tcp/" + s.port + "/tls/sni/other.example/ws"));  // not its name

  WebSocketConfig blind;
  blind.verify_certificates = false;
  EXPECT_TRUE(s.dial(blind, "/ip4/127.0.0.1/tcp/" + s.port + "/tls/sni/other.example/ws"));
}

TEST(WebSocketTransport, APlainDialToATlsListenerFails) {
  SecureListener s;
  auto r = s.dial({}, "/ip4/127.0.0.1/tcp/" + s.port + "/ws");
  EXPECT_FALSE(r);
}

TEST(WebSocketTransport, BoundsTheHandshakeInTime) {
  // A server that accepts TCP and never answers the upgrade, and a client
  // that never sends one: both ends give up after handshake_timeout.
  asio::io_context io;
  WebSocketConfig config;
  config.handshake_timeout = std::chrono::milliseconds(50);
  WebSocketTransport ws(io.get_executor(), config);
  asio::ip::tcp::acceptor silent(io, {asio::ip::make_address("127.0.0.1"), 0});
  auto listener = ws.listen(ma("/ip4/127.0.0.1/tcp/0/ws")).value();
  test::run(io, [&]() -> asio::awaitable<void> {
    auto dial = co_await ws.dial(ma("/ip4/127.0.0.1/tcp/" + std::to_string(silent.local_endpoint().port()) + "/ws"));
    EXPECT_FALSE(dial);
    if (!dial) {
      EXPECT_EQ(dial.error().code, asio::error::timed_out) << dial.error().what();
    }

    asio::ip::tcp::socket mute(io);
    co_await mute.async_connect({asio::ip::make_address("127.0.0.1"),
                                 static_cast<std::uint16_t>(std::stoi(*listener->address().value_for("tcp")))},
                                asio::use_awaitable);
    std::uint8_t buf[1];
    auto [ec, n] = co_await mute.async_read_some(asio::buffer(buf), use_result);
    EXPECT_EQ(ec, asio::error::eof);  // closed on us
  }());
}

}  // namespace
}  // namespace libp2p::transport
