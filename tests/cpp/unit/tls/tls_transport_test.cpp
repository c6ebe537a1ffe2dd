#include "libp2p/security/tls/tls_transport.hpp"

#include "libp2p/io/pipe.hpp"
#include "libp2p/security/errc.hpp"
#include "support/run.hpp"
#include "unit/tls/raw_peer.hpp"

#include <boost/asio/error.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <openssl/x509.h>

#include <gtest/gtest.h>

#include <numeric>

namespace libp2p::tls {
namespace {

using namespace asio::experimental::awaitable_operators;
using security::Errc;
using security::SecureChannel;

std::string message_of(const Result<SecureChannel>& r) { return r ? "ok" : r.error().what(); }

struct TlsTransportTest : ::testing::Test {
  asio::io_context io;
  crypto::KeyPair dialer_key = crypto::KeyPair::generate().value();
  crypto::KeyPair listener_key = crypto::KeyPair::generate().value();
  peer::PeerId listener_id = peer::PeerId::from_public_key(listener_key.public_key());
  std::unique_ptr<io::ByteStream> a, b;  // the raw streams: a the dialer's end

  TlsTransportTest() { std::tie(a, b) = io::make_pipe(io.get_executor()); }

  struct Pair {
    SecureChannel dialer, listener;
  };

  Pair connect(const std::vector<std::string>& dialer_muxers, const std::vector<std::string>& listener_muxers) {
    TlsTransport dialer(dialer_key, dialer_muxers), listener(listener_key, listener_muxers);
    std::optional<Pair> pair;
    test::run(io, [&]() -> asio::awaitable<void> {
      auto [d, l] = co_await (dialer.secure_outbound(std::move(a), listener_id) && listener.secure_inbound(std::move(b)));
      if (!d || !l) throw std::runtime_error(message_of(d) + " / " + message_of(l));
      pair.emplace(Pair{std::move(*d), std::move(*l)});
    }());
    return std::move(*pair);
  }

  // Our listener against a raw OpenSSL client: what each side concluded.
  std::pair<Result<SecureChannel>, std::string> inbound_from(test::RawPeer& client) {
    TlsTransport listener(listener_key, {});
    std::optional<std::pair<Result<SecureChannel>, std::string>> out;
    test::run(io, [&]() -> asio::awaitable<void> {
      auto [ours, theirs] = co_await (listener.secure_inbound(std::move(b)) && client.handshake(*a));
      out.emplace(std::move(ours), std::move(theirs));
    }());
    return std::move(*out);
  }

  // Our dialer against a raw OpenSSL server.
  std::pair<Result<SecureChannel>, std::string> outbound_to(test::RawPeer& server,
                                                            std::optional<peer::PeerId> expected = std::nullopt) {
    TlsTransport dialer(dialer_key, {});
    std::optional<std::pair<Result<SecureChannel>, std::string>> out;
    test::run(io, [&]() -> asio::awaitable<void> {
      auto [ours, theirs] = co_await (dialer.secure_outbound(std::move(a), expected) && server.handshake(*b));
      out.emplace(std::move(ours), std::move(theirs));
    }());
    return std::move(*out);
  }
};

// Built outside the coroutines (GCC 12 and braced lists of string literals).
const std::vector<std::string> none{};
const std::vector<std::string> yamux{"/yamux/1.0.0"};
const std::vector<std::string> mplex{"/mplex/6.7.0"};
const std::vector<std::string> yamux_mplex{"/yamux/1.0.0", "/mplex/6.7.0"};

TEST_F(TlsTransportTest, SelectsTheEarlyMuxer) {
  struct Case {
    const std::vector<std::string>& dialer;
    const std::vector<std::string>& listener;
    std::optional<std::string> expected;
  };
  for (const Case& c : {Case{yamux_mplex, mplex, "/mplex/6.7.0"}, Case{yamux, yamux, "/yamux/1.0.0"},
                        Case{none, yamux, std::nullopt}, Case{yamux, none, std::nullopt},
                        Case{yamux, mplex, std::nullopt}}) {
    std::tie(a, b) = io::make_pipe(io.get_executor());
    auto pair = connect(c.dialer, c.listener);
    EXPECT_EQ(pair.dialer.early_muxer, c.expected);
    EXPECT_EQ(pair.listener.early_muxer, c.expected);
  }
}

TEST_F(TlsTransportTest, HalfClosesEachWayIndependently) {
  auto pair = connect(none, none);
  test::run(io, [&]() -> asio::awaitable<void> {
    auto& d = *pair.dialer.stream;
    auto& l = *pair.listener.stream;
    EXPECT_TRUE(co_await d.close_write());
    std::uint8_t buf[16];
    EXPECT_EQ((co_await l.read_some(asio::buffer(buf))).error().code, asio::error::eof);
    EXPECT_FALSE(co_await io::write(d, as_bytes("late")));
    // The other direction still works.
    EXPECT_TRUE(co_await io::write(l, as_bytes("after")));
    std::uint8_t after[5];
    EXPECT_TRUE(co_await io::read_exactly(d, after));
    EXPECT_EQ(as_string(after), "after");
    EXPECT_TRUE(co_await l.close_write());
    EXPECT_EQ((co_await d.read_some(asio::buffer(buf))).error().code, asio::error::eof);
  }());
}

TEST_F(TlsTransportTest, GathersManyBuffersInOneWrite) {
  auto pair = connect(none, none);
  Bytes all(200000);
  std::iota(all.begin(), all.end(), std::uint8_t{1});
  // 1000 pieces of 7 bytes, one of 150000, then the rest in pieces of 3.
  std::vector<asio::const_buffer> pieces;
  std::size_t at = 0;
  for (int i = 0; i < 1000; ++i, at += 7) pieces.emplace_back(all.data() + at, 7);
  pieces.emplace_back(all.data() + at, 150000);
  for (at += 150000; at < all.size(); at += 3) pieces.emplace_back(all.data() + at, std::min<std::size_t>(3, all.size() - at));
  test::run(io, [&]() -> asio::awaitable<void> {
    auto send = [&]() -> asio::awaitable<void> { EXPECT_TRUE(co_await pair.dialer.stream->write(pieces)); };
    auto receive = [&]() -> asio::awaitable<void> {
      Bytes got(all.size());
      EXPECT_TRUE(co_await io::read_exactly(*pair.listener.stream, got));
      EXPECT_EQ(got, all);
    };
    co_await (send() && receive());
  }());
}

TEST_F(TlsTransportTest, CloseAbortsAPendingRead) {
  auto pair = connect(none, none);
  test::run(io, [&]() -> asio::awaitable<void> {
    auto read = [&]() -> asio::awaitable<void> {
      std::uint8_t buf[8];
      auto r = co_await pair.dialer.stream->read_some(asio::buffer(buf));
      EXPECT_FALSE(r);
    };
    auto close = [&]() -> asio::awaitable<void> {
      co_await asio::post(io, asio::use_awaitable);
      pair.dialer.stream->close();
    };
    co_await (read() && close());
  }());
}

TEST_F(TlsTransportTest, ACancelledReadCanBeRetried) {
  auto pair = connect(none, none);
  test::run(io, [&]() -> asio::awaitable<void> {
    std::uint8_t buf[8];
    asio::steady_timer deadline(io, std::chrono::milliseconds(10));
    auto first = co_await (pair.dialer.stream->read_some(asio::buffer(buf)) || deadline.async_wait(asio::use_awaitable));
    EXPECT_EQ(first.index(), 1u);
    EXPECT_TRUE(co_await io::write(*pair.listener.stream, as_bytes("late")));
    std::uint8_t got[4];
    EXPECT_TRUE(co_await io::read_exactly(*pair.dialer.stream, got));
    EXPECT_EQ(as_string(got), "late");
  }());
}

TEST_F(TlsTransportTest, ACancelledHandshakeClosesTheRawStream) {
  // The caller's deadline: the handshake with a silent peer loses to a timer.
  TlsTransport listener(listener_key, {});
  test::run(io, [&]() -> asio::awaitable<void> {
    asio::steady_timer deadline(io, std::chrono::milliseconds(20));
    auto winner = co_await (listener.secure_inbound(std::move(b)) || deadline.async_wait(asio::use_awaitable));
    EXPECT_EQ(winner.index(), 1u);
    // Our end is closed: the peer's reads end.
    std::uint8_t buf[1];
    EXPECT_FALSE(co_await a->read_some(asio::buffer(buf)));
  }());
}

TEST_F(TlsTransportTest, SpeaksTls13WithoutSniOrTickets) {
  static int tickets = 0;
  test::RawPeer client(true, dialer_key, [](SSL_CTX* ctx) {
    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_CLIENT);
    SSL_CTX_sess_set_new_cb(ctx, [](SSL*, SSL_SESSION*) {
      ++tickets;
      return 0;
    });
    SSL_CTX_set_alpn_protos(ctx, reinterpret_cast<const unsigned char*>("\x06libp2p"), 7);
  });
  TlsTransport listener(listener_key, yamux);
  test::run(io, [&]() -> asio::awaitable<void> {
    auto [ours, theirs] = co_await (listener.secure_inbound(std::move(b)) && client.handshake(*a));
    EXPECT_EQ(theirs, "");
    EXPECT_TRUE(ours) << message_of(ours);
    if (!ours) co_return;
    EXPECT_EQ(ours->remote_peer, peer::PeerId::from_public_key(dialer_key.public_key()));
    EXPECT_EQ(ours->early_muxer, std::nullopt);  // the client offered only "libp2p"
    EXPECT_EQ(std::string(SSL_get_version(client.ssl())), "TLSv1.3");
    // Our certificate, as the client received it, proves our identity.
    X509* cert = SSL_get0_peer_certificate(client.ssl());
    unsigned char* der = nullptr;
    const int size = i2d_X509(cert, &der);
    auto key = verify_certificate(BytesView(der, static_cast<std::size_t>(size)));
    OPENSSL_free(der);
    EXPECT_TRUE(key && *key == listener_key.public_key());
    // Data both ways; any ticket would have arrived before our data.
    EXPECT_TRUE(co_await io::write(*ours->stream, as_bytes("hello")));
    EXPECT_EQ(as_string(co_await client.read(*a, 5)), "hello");
    EXPECT_TRUE(co_await client.write(*a, as_bytes("world")));
    std::uint8_t got[5];
    EXPECT_TRUE(co_await io::read_exactly(*ours->stream, got));
    EXPECT_EQ(as_string(got), "world");
  }());
  EXPECT_EQ(tickets, 0);
}

TEST_F(TlsTransportTest, SendsNoServerName) {
  test::RawPeer server(false, listener_key);
  auto [ours, theirs] = outbound_to(server, listener_id);
  ASSERT_TRUE(ours) << message_of(ours);
  EXPECT_EQ(theirs, "");
  EXPECT_EQ(SSL_get_servername(server.ssl(), TLSEXT_NAMETYPE_host_name), nullptr);
}

TEST_F(TlsTransportTest, RefusesAChainOfTwoCertificates) {
  test::RawPeer client(true, dialer_key, [](SSL_CTX* ctx) {
    auto extra = make_certificate(crypto::KeyPair::generate().value()).value();
    const unsigned char* p = extra.der.data();
    SSL_CTX_add_extra_chain_cert(ctx, d2i_X509(nullptr, &p, static_cast<long>(extra.der.size())));
  });
  auto [ours, theirs] = inbound_from(client);
  ASSERT_FALSE(ours);
  EXPECT_EQ(ours.error().code, Errc::bad_certificate) << ours.error().what();
  EXPECT_NE(ours.error().message.find("2 certificates"), std::string::npos) << ours.error().message;
}

TEST_F(TlsTransportTest, RefusesAClientWithoutCertificate) {
  test::RawPeer client(true, dialer_key);
  SSL_certs_clear(client.ssl());  // it answers the certificate request with an empty list
  auto [ours, theirs] = inbound_from(client);
  ASSERT_FALSE(ours);
  EXPECT_EQ(ours.error().code, Errc::handshake_failed) << ours.error().what();
}

TEST_F(TlsTransportTest, RefusesTls12) {
  test::RawPeer client(true, dialer_key, [](SSL_CTX* ctx) {
    SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
    SSL_CTX_set_max_proto_version(ctx, TLS1_2_VERSION);
  });
  auto [ours, theirs] = inbound_from(client);
  ASSERT_FALSE(ours);
  EXPECT_EQ(ours.error().code, Errc::handshake_failed) << ours.error().what();
  EXPECT_NE(theirs, "");
}

TEST_F(TlsTransportTest, RefusesAClientOfferingOnlyOtherProtocols) {
  test::RawPeer client(true, dialer_key, [](SSL_CTX* ctx) {
    SSL_CTX_set_alpn_protos(ctx, reinterpret_cast<const unsigned char*>("\x02h2"), 3);
  });
  auto [ours, theirs] = inbound_from(client);
  ASSERT_FALSE(ours);
  EXPECT_EQ(ours.error().code, Errc::handshake_failed);
  EXPECT_NE(ours.error().message.find("ALPN"), std::string::npos) << ours.error().message;
}

TEST_F(TlsTransportTest, AcceptsAClientWithoutAlpn) {
  test::RawPeer client(true, dialer_key);
  auto [ours, theirs] = inbound_from(client);
  ASSERT_TRUE(ours) << message_of(ours);
  EXPECT_EQ(ours->early_muxer, std::nullopt);
}

TEST_F(TlsTransportTest, RefusesAnExpiredServerCertificate) {
  const Time now = current_time();
  auto expired = make_certificate(listener_key, {now - std::chrono::days(2), now - std::chrono::days(1)}).value();
  test::RawPeer server(false, listener_key, [&](SSL_CTX* ctx) { test::RawPeer::use_certificate(ctx, expired); });
  auto [ours, theirs] = outbound_to(server, listener_id);
  ASSERT_FALSE(ours);
  EXPECT_EQ(ours.error().code, Errc::certificate_expired) << ours.error().what();
  EXPECT_NE(theirs, "");  // the server got our alert
}

TEST_F(TlsTransportTest, AServerRefusingUsShowsOnTheFirstRead) {
  // TLS 1.3: the client is done before the server has checked its certificate.
  test::RawPeer server(false, listener_key, [](SSL_CTX* ctx) {
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, [](int, X509_STORE_CTX*) { return 0; });
  });
  auto [ours, theirs] = outbound_to(server, listener_id);
  ASSERT_TRUE(ours) << message_of(ours);
  EXPECT_NE(theirs, "");
  test::run(io, [&]() -> asio::awaitable<void> {
    std::uint8_t buf[8];
    auto r = co_await ours->stream->read_some(asio::buffer(buf));
    EXPECT_FALSE(r);
    if (r) co_return;
    EXPECT_EQ(r.error().code, Errc::protocol_error) << r.error().what();
  }());
}

TEST_F(TlsTransportTest, FollowsKeyUpdates) {
  test::RawPeer server(false, listener_key);
  auto [ours, theirs] = outbound_to(server, listener_id);
  ASSERT_TRUE(ours) << message_of(ours);
  test::run(io, [&]() -> asio::awaitable<void> {
    auto& s = *ours->stream;
    for (int round = 0; round < 3; ++round) {
      EXPECT_EQ(SSL_key_update(server.ssl(), SSL_KEY_UPDATE_REQUESTED), 1);
      EXPECT_TRUE(co_await server.write(*b, as_bytes("ping")));
      std::uint8_t got[4];
      EXPECT_TRUE(co_await io::read_exactly(s, got));
      EXPECT_EQ(as_string(got), "ping");
      // Our answer (a KeyUpdate of our own) goes before our next data.
      EXPECT_TRUE(co_await io::write(s, as_bytes("pong")));
      EXPECT_EQ(as_string(co_await server.read(*b, 4)), "pong");
    }
  }());
}

TEST_F(TlsTransportTest, ATruncatedStreamIsAnError) {
  test::RawPeer server(false, listener_key);
  auto [ours, theirs] = outbound_to(server, listener_id);
  ASSERT_TRUE(ours) << message_of(ours);
  test::run(io, [&]() -> asio::awaitable<void> {
    EXPECT_TRUE(co_await server.write(*b, as_bytes("x")));
    EXPECT_TRUE(co_await b->close_write());  // no close_notify
    std::uint8_t buf[8];
    EXPECT_EQ(*(co_await ours->stream->read_some(asio::buffer(buf))), 1u);
    auto r = co_await ours->stream->read_some(asio::buffer(buf));
    EXPECT_FALSE(r);
    if (r) co_return;
    EXPECT_EQ(r.error().code, Errc::protocol_error);
    EXPECT_NE(r.error().message.find("close_notify"), std::string::npos) << r.error().message;
  }());
}

TEST_F(TlsTransportTest, AForgedRecordFailsAuthentication) {
  test::RawPeer server(false, listener_key);
  auto [ours, theirs] = outbound_to(server, listener_id);
  ASSERT_TRUE(ours) << message_of(ours);
  test::run(io, [&]() -> asio::awaitable<void> {
    Bytes forged{0x17, 0x03, 0x03, 0x00, 0x20};  // application_data, 32 bytes
    forged.resize(forged.size() + 32, 0x42);
    EXPECT_TRUE(co_await io::write(*b, forged));
    std::uint8_t buf[8];
    auto r = co_await ours->stream->read_some(asio::buffer(buf));
    EXPECT_FALSE(r);
    if (r) co_return;
    EXPECT_EQ(r.error().code, Errc::decrypt_failed) << r.error().what();
    // The channel stays failed.
    EXPECT_FALSE(co_await ours->stream->read_some(asio::buffer(buf)));
  }());
}

// Our record layer against OpenSSL's, with each suite OpenSSL may pick.
class TlsSuiteTest : public TlsTransportTest, public ::testing::WithParamInterface<const char*> {};

TEST_P(TlsSuiteTest, CarriesDataBothWaysWithOpenSsl) {
  const std::string suite = GetParam();
  test::RawPeer server(false, listener_key, [&](SSL_CTX* ctx) { SSL_CTX_set_ciphersuites(ctx, suite.c_str()); });
  auto [ours, theirs] = outbound_to(server, listener_id);
  ASSERT_TRUE(ours) << message_of(ours) << " / " << theirs;
  EXPECT_STREQ(SSL_CIPHER_get_name(SSL_get_current_cipher(server.ssl())), suite.c_str());
  Bytes up(300 * 1024), down(200 * 1024);
  std::iota(up.begin(), up.end(), std::uint8_t{1});
  std::iota(down.begin(), down.end(), std::uint8_t{7});
  test::run(io, [&]() -> asio::awaitable<void> {
    auto& s = *ours->stream;
    auto [wrote, got] = co_await (io::write(s, up) && server.read(*b, up.size()));
    EXPECT_TRUE(wrote);
    EXPECT_EQ(got, up);
    for (std::size_t at = 0; at < down.size(); at += 16384)  // RawPeer writes a record at a time
      EXPECT_TRUE(co_await server.write(*b, BytesView(down).subspan(at, std::min<std::size_t>(16384, down.size() - at))));
    Bytes back(down.size());
    EXPECT_TRUE(co_await io::read_exactly(s, back));
    EXPECT_EQ(back, down);
  }());
}

INSTANTIATE_TEST_SUITE_P(Tls13, TlsSuiteTest,
                         ::testing::Values("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
                                           "TLS_CHACHA20_POLY1305_SHA256"));

TEST_F(TlsTransportTest, IgnoresSessionTickets) {
  // rustls and go servers may send NewSessionTicket after the handshake.
  test::RawPeer server(false, listener_key, [](SSL_CTX* ctx) {
    SSL_CTX_clear_options(ctx, SSL_OP_NO_TICKET);
    SSL_CTX_set_num_tickets(ctx, 2);
  });
  auto [ours, theirs] = outbound_to(server, listener_id);
  ASSERT_TRUE(ours) << message_of(ours);
  test::run(io, [&]() -> asio::awaitable<void> {
    EXPECT_TRUE(co_await server.write(*b, as_bytes("after the tickets")));
    std::uint8_t got[17];
    EXPECT_TRUE(co_await io::read_exactly(*ours->stream, got));
    EXPECT_EQ(as_string(got), "after the tickets");
  }());
}

// After the handshake every record must have the outer type application_data (RFC 8446 §5.2).
TEST_F(TlsTransportTest, RefusesAnUnprotectedRecordAfterTheHandshake) {
  test::RawPeer server(false, listener_key);
  auto [ours, theirs] = outbound_to(server, listener_id);
  ASSERT_TRUE(ours) << message_of(ours);
  test::run(io, [&]() -> asio::awaitable<void> {
    const Bytes handshake_record{0x16, 0x03, 0x03, 0x00, 0x01, 0x00};
    EXPECT_TRUE(co_await io::write(*b, handshake_record));
    std::uint8_t buf[8];
    auto r = co_await ours->stream->read_some(asio::buffer(buf));
    EXPECT_FALSE(r);
    if (r) co_return;
    EXPECT_EQ(r.error().code, Errc::protocol_error);
    EXPECT_NE(r.error().message.find("type 22"), std::string::npos) << r.error().message;
  }());
}

TEST_F(TlsTransportTest, RefusesARecordOverTheSizeLimit) {
  test::RawPeer server(false, listener_key);
  auto [ours, theirs] = outbound_to(server, listener_id);
  ASSERT_TRUE(ours) << message_of(ours);
  test::run(io, [&]() -> asio::awaitable<void> {
    const Bytes header{0x17, 0x03, 0x03, 0x41, 0x01};  // 2^14 + 257 bytes announced, refused before they come
    EXPECT_TRUE(co_await io::write(*b, header));
    std::uint8_t buf[8];
    auto r = co_await ours->stream->read_some(asio::buffer(buf));
    EXPECT_FALSE(r);
    if (r) co_return;
    EXPECT_EQ(r.error().code, Errc::message_too_large) << r.error().what();
  }());
}

TEST_F(TlsTransportTest, RefusesWritesAfterCloseWrite) {
  auto pair = connect(none, none);
  test::run(io, [&]() -> asio::awaitable<void> {
    EXPECT_TRUE(co_await pair.dialer.stream->close_write());
    EXPECT_FALSE(co_await io::write(*pair.dialer.stream, as_bytes("late")));
  }());
}

}  // namespace
}  // namespace libp2p::tls
