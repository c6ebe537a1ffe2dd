// The QUIC transport's parts: addresses, the datagram classifier, the send
// buffer, and peers whose certificates a libp2p node must refuse (built with
// OpenSSL directly, loaded into the engine's GnuTLS).

#include "libp2p/security/errc.hpp"
#include "libp2p/transport/errc.hpp"
#include "libp2p/transport/quic.hpp"
#include "transport/quic/detail/endpoint.hpp"

#include "support/run.hpp"
#include "unit/tls/certificate_builder.hpp"

#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/io_context.hpp>

#include <gtest/gtest.h>

#include <numeric>

namespace libp2p::transport {
namespace {

using namespace asio::experimental::awaitable_operators;
using boost::asio::ip::udp;
namespace qd = quic::detail;

Multiaddr ma(std::string_view text) { return Multiaddr::from_string(text).value(); }

Multiaddr quic_address(const udp::endpoint& e) {
  return ma("/ip4/" + e.address().to_string() + "/udp/" + std::to_string(e.port()) + "/quic-v1");
}

TEST(QuicTransport, TakesExactlyQuicV1Addresses) {
  asio::io_context io;
  QuicTransport t(io.get_executor(), crypto::KeyPair::generate().value());
  EXPECT_TRUE(t.can_dial(ma("/ip4/1.2.3.4/udp/4001/quic-v1")));
  EXPECT_TRUE(t.can_listen(ma("/ip6/::1/udp/0/quic-v1")));
  EXPECT_FALSE(t.can_dial(ma("/ip4/1.2.3.4/udp/4001/quic")));  // draft-29: not spoken
  EXPECT_FALSE(t.can_dial(ma("/ip4/1.2.3.4/tcp/4001")));
  EXPECT_TRUE(t.can_dial(ma("/dns4/example.com/udp/4001/quic-v1")));  // resolved at dial
  EXPECT_FALSE(t.can_listen(ma("/dns4/example.com/udp/4001/quic-v1")));
  EXPECT_FALSE(t.can_dial(ma("/ip4/1.2.3.4/udp/4001/quic-v1/webtransport")));
}

TEST(QuicTransport, RejectsAnInvalidConfig) {
  EXPECT_FALSE(QuicConfig{.keep_alive = std::chrono::seconds(60)}.validate());
  EXPECT_FALSE(QuicConfig{.max_streams = 0}.validate());
  EXPECT_FALSE((QuicConfig{.stream_window = 1 << 20, .max_stream_window = 1 << 10}.validate()));
  EXPECT_TRUE(QuicConfig{}.validate());
}

TEST(QuicDatagram, ClassifiesInvariantHeaders) {
  using Kind = qd::DatagramHeader::Kind;
  EXPECT_EQ(qd::inspect({}).kind, Kind::invalid);
  const Bytes one{0x40};
  EXPECT_EQ(qd::inspect(one).kind, Kind::invalid);  // shorter than a connection id
  Bytes short_header(1 + qd::cid_length + 20, 0x11);
  short_header[0] = 0x40;
  auto h = qd::inspect(short_header);
  EXPECT_EQ(h.kind, Kind::routable);
  EXPECT_EQ(h.dcid.size, qd::cid_length);
  Bytes initial(1200, 0);
  initial[0] = 0xc0;
  initial[4] = 0x01;  // version 1
  initial[5] = 8;     // DCID length, then 8 zero bytes, SCID length 0
  EXPECT_EQ(qd::inspect(initial).kind, Kind::initial);
  initial[4] = 0x7f;
  EXPECT_EQ(qd::inspect(initial).kind, Kind::unknown_version);
  EXPECT_FALSE(qd::version_negotiation(initial).empty());
}

TEST(QuicSendBuffer, KeepsBytesUntilAcknowledged) {
  qd::SendBuffer b;
  Bytes data(40000);
  std::iota(data.begin(), data.end(), std::uint8_t{0});
  b.append(data.data(), 10000);
  b.append(data.data() + 10000, 30000);
  EXPECT_EQ(b.size(), 40000u);
  std::array<BytesView, 16> views;
  bool complete = false;
  const auto n = b.unsent(views, complete);
  EXPECT_TRUE(complete);
  Bytes joined;
  for (std::size_t i = 0; i < n; ++i) append(joined, views[i]);
  EXPECT_EQ(joined, data);
  b.sent(25000);
  EXPECT_TRUE(b.has_unsent());
  const auto m = b.unsent(views, complete);
  joined.clear();
  for (std::size_t i = 0; i < m; ++i) append(joined, views[i]);
  EXPECT_EQ(joined, Bytes(data.begin() + 25000, data.end()));
  b.sent(15000);
  EXPECT_FALSE(b.has_unsent());
  b.acked(0, 20000);
  EXPECT_LE(b.size(), 40000u - 16384u);  // whole chunks go once acknowledged
  b.acked(20000, 20000);
  EXPECT_EQ(b.size(), 0u);
}

// A remote that never answers: the handshake gives up after its timeout.
TEST(QuicTransport, AHandshakeWithNoAnswerTimesOut) {
  asio::io_context io;
  udp::socket silent(io, udp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0));
  QuicTransport client(io.get_executor(), crypto::KeyPair::generate().value(),
                       QuicConfig{.handshake_timeout = std::chrono::milliseconds(200)});
  test::run(io, [&]() -> asio::awaitable<void> {
    auto r = co_await client.dial(quic_address(silent.local_endpoint()), std::nullopt);
    EXPECT_FALSE(r);
    if (!r) {
      EXPECT_EQ(r.error().code, Errc::handshake_timeout) << r.error().what();
    }
  }());
  silent.close();
  test::run_until_idle(io);
}

// Nothing sent, no keep-alive: both ends close after the shorter idle timeout
// (RFC 9000 §10.1), and say so.
TEST(QuicTransport, AnIdleConnectionCloses) {
  asio::io_context io;
  const QuicConfig quiet{.idle_timeout = std::chrono::milliseconds(200), .keep_alive = {}};
  QuicTransport server(io.get_executor(), crypto::KeyPair::generate().value());
  QuicTransport client(io.get_executor(), crypto::KeyPair::generate().value(), quiet);
  auto listener = server.listen(ma("/ip4/127.0.0.1/udp/0/quic-v1")).value();
  test::run(io, [&]() -> asio::awaitable<void> {
    auto [in, out] = co_await (listener->accept() && client.dial(listener->address(), std::nullopt));
    EXPECT_TRUE(in && out);
    if (!in || !out) co_return;
    auto [a, b] = co_await ((*in)->accept_stream() && (*out)->accept_stream());
    EXPECT_FALSE(a);
    EXPECT_FALSE(b);
    if (!b) {
      EXPECT_EQ(b.error().code, Errc::connection_lost) << b.error().what();
    }
    EXPECT_TRUE((*out)->is_closed());
  }());
  listener->close();
  test::run_until_idle(io);
}

TEST(QuicTransport, ResolvesNamesAtDial) {
  asio::io_context io;
  QuicTransport server(io.get_executor(), crypto::KeyPair::generate().value());
  QuicTransport client(io.get_executor(), crypto::KeyPair::generate().value());
  auto listener = server.listen(ma("/ip4/127.0.0.1/udp/0/quic-v1")).value();
  const auto port = *listener->address().value_for("udp");
  test::run(io, [&]() -> asio::awaitable<void> {
    auto [in, out] = co_await (listener->accept() && client.dial(ma("/dns4/localhost/udp/" + port + "/quic-v1"), std::nullopt));
    EXPECT_TRUE(in && out);
    if (!in || !out) co_return;
    EXPECT_EQ((*out)->info().remote_address, ma("/ip4/127.0.0.1/udp/" + port + "/quic-v1"));
    (*out)->close();
  }());
  listener->close();
  test::run_until_idle(io);
}

// With keep-alive pings, a connection nobody uses outlives the idle timeout
// (here by more than twice: a stall of the machine shorter than the idle
// timeout cannot fail it).
TEST(QuicTransport, KeepAliveHoldsAnIdleConnectionOpen) {
  asio::io_context io;
  const QuicConfig kept{.idle_timeout = std::chrono::milliseconds(1000), .keep_alive = std::chrono::milliseconds(100)};
  QuicTransport server(io.get_executor(), crypto::KeyPair::generate().value(), kept);
  QuicTransport client(io.get_executor(), crypto::KeyPair::generate().value(), kept);
  auto listener = server.listen(ma("/ip4/127.0.0.1/udp/0/quic-v1")).value();
  test::run(io, [&]() -> asio::awaitable<void> {
    auto [in, out] = co_await (listener->accept() && client.dial(listener->address(), std::nullopt));
    EXPECT_TRUE(in && out);
    if (!in || !out) co_return;
    asio::steady_timer idle(io, std::chrono::milliseconds(2500));
    co_await idle.async_wait(asio::use_awaitable);
    EXPECT_FALSE((*in)->is_closed());
    EXPECT_FALSE((*out)->is_closed());
    (*out)->close();
  }());
  listener->close();
  test::run_until_idle(io);
}

Bytes private_key_der(EVP_PKEY* key) {
  const int size = i2d_PrivateKey(key, nullptr);
  Bytes out(static_cast<std::size_t>(size));
  unsigned char* p = out.data();
  i2d_PrivateKey(key, &p);
  return out;
}

struct BadCertificate {
  const char* name;
  security::Errc expected;
  bool with_extension;
};

// A peer with a certificate GnuTLS takes but the libp2p rules refuse.
std::shared_ptr<qd::TlsContext> bad_credentials(const BadCertificate& c) {
  auto key = test::generate_pkey("EC", "P-256");
  test::CertificateSpec spec;
  if (c.with_extension) {  // the identity signed another key than the certificate's
    auto other = test::generate_pkey("EC", "P-256");
    spec.extensions.push_back(test::libp2p_extension(test::signed_key_for(crypto::KeyPair::generate().value(), other.get())));
  }
  const Bytes cert = test::build_certificate(key.get(), spec);
  return qd::TlsContext::load(cert, private_key_der(key.get()), false).value();
}

class QuicRefuses : public ::testing::TestWithParam<BadCertificate> {};

TEST_P(QuicRefuses, AServerWithThatCertificate) {
  asio::io_context io;
  auto server = qd::Endpoint::open(io.get_executor(), udp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0),
                                   bad_credentials(GetParam()), {}, 8)
                    .value();
  server->set_acceptor([](std::shared_ptr<qd::Session> s) { s->close(); });
  QuicTransport client(io.get_executor(), crypto::KeyPair::generate().value());
  test::run(io, [&]() -> asio::awaitable<void> {
    auto r = co_await client.dial(quic_address(server->local()), std::nullopt);
    EXPECT_FALSE(r);
    if (!r) {
      EXPECT_EQ(r.error().code, GetParam().expected) << r.error().what();
    }
  }());
  server->set_acceptor(nullptr);
  test::run_until_idle(io);  // both ends wound down
}

TEST_P(QuicRefuses, AClientWithThatCertificate) {
  asio::io_context io;
  QuicTransport server(io.get_executor(), crypto::KeyPair::generate().value());
  auto listener = server.listen(ma("/ip4/127.0.0.1/udp/0/quic-v1")).value();
  auto client = qd::Endpoint::open(io.get_executor(), udp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0),
                                   bad_credentials(GetParam()), {}, 8)
                    .value();
  const auto port = static_cast<std::uint16_t>(std::stoi(*listener->address().value_for("udp")));
  auto session = client->connect(udp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port), std::nullopt).value();
  test::run(io, [&]() -> asio::awaitable<void> {
    // TLS 1.3: the client may finish its side before the server checks its
    // certificate; the server's CONNECTION_CLOSE then ends the connection.
    (void)co_await session->handshake();
    auto s = co_await session->accept_stream();
    EXPECT_FALSE(s);
    if (!s) {
      EXPECT_NE(s.error().message.find("remote closed"), std::string::npos) << s.error().what();
    }
    // The listener lives on and accepts a good peer.
    QuicTransport good(io.get_executor(), crypto::KeyPair::generate().value());
    auto [in, out] = co_await (listener->accept() && good.dial(listener->address(), std::nullopt));
    EXPECT_TRUE(in) << in.error().what();
    EXPECT_TRUE(out) << out.error().what();
    if (in && out) {
      EXPECT_EQ((*in)->remote_peer(), (*out)->info().local_peer);
    }
  }());
  listener->close();
  session.reset();
  test::run_until_idle(io);
}

INSTANTIATE_TEST_SUITE_P(Certificates, QuicRefuses,
                         ::testing::Values(BadCertificate{"WithoutTheLibp2pExtension",
                                                          security::Errc::missing_key_extension, false},
                                           BadCertificate{"WithAWrongSignature", security::Errc::bad_signature, true}),
                         [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace libp2p::transport
