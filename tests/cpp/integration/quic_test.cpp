// Hosts over QUIC v1 on loopback: connect, identify, ping, echo, many
// streams, resets, a wrong PeerId, and a listener that garbage does not hurt.

#include "libp2p/io/event.hpp"
#include "libp2p/libp2p.hpp"
#include "libp2p/peer/peer_address.hpp"
#include "libp2p/security/errc.hpp"
#include "libp2p/transport/quic.hpp"

#include "support/run.hpp"

#include <boost/asio/error.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/ip/udp.hpp>

#include <gtest/gtest.h>

#include <numeric>

namespace libp2p {
namespace {

using namespace asio::experimental::awaitable_operators;
using multiformats::Multiaddr;

Multiaddr ma(std::string_view text) { return Multiaddr::from_string(text).value(); }

std::shared_ptr<host::Host> make(asio::io_context& io, std::string_view listen = "/ip4/127.0.0.1/udp/0/quic-v1") {
  host::Config c;
  c.listen = {ma(listen)};
  auto h = make_host(io.get_executor(), std::move(c)).value();
  echo::serve(*h);
  return h;
}

Multiaddr full_address(const host::Host& h) { return peer::with_peer_id(h.addresses().front(), h.peer_id()).value(); }

asio::awaitable<Bytes> echo_roundtrip(host::Host& from, peer::PeerId to, Bytes payload) {
  auto stream = co_await from.new_stream(to, std::vector<std::string>(1, std::string(echo::protocol_id)));
  EXPECT_TRUE(stream) << stream.error().what();
  if (!stream) co_return Bytes{};
  auto send = [](host::Stream& s, const Bytes& data) -> asio::awaitable<void> {
    EXPECT_TRUE(co_await io::write(s, data));
    EXPECT_TRUE(co_await s.close_write());
  };
  auto receive = [](host::Stream& s, std::size_t size) -> asio::awaitable<Bytes> {
    Bytes got(size);
    EXPECT_TRUE(co_await io::read_exactly(s, got));
    co_return got;
  };
  co_return co_await (send(*stream, payload) && receive(*stream, payload.size()));
}

struct Pair {
  asio::io_context io;
  std::shared_ptr<host::Host> a, b;
  ~Pair() {
    if (a) a->close();
    if (b) b->close();
    io.restart();
    io.run();  // everything must wind down: a hang here is a leak
  }
};

std::uint16_t udp_port(const Multiaddr& address) { return static_cast<std::uint16_t>(std::stoi(*address.value_for("udp"))); }

TEST(Quic, ConnectsIdentifiesPingsAndEchoes) {
  Pair p;
  p.a = make(p.io);
  p.b = make(p.io);
  auto events = p.a->events().subscribe();
  test::run(p.io, [&]() -> asio::awaitable<void> {
    auto peer = co_await p.a->connect(full_address(*p.b));
    EXPECT_TRUE(peer) << peer.error().what();
    if (!peer) co_return;
    EXPECT_EQ(*peer, p.b->peer_id());
    for (;;) {
      auto e = co_await events->next();
      if (!e) break;
      if (auto* who = std::get_if<host::PeerIdentified>(&*e)) {
        EXPECT_EQ(who->peer, p.b->peer_id());
        EXPECT_EQ(who->listen_addresses, p.b->addresses());
        break;
      }
    }
    EXPECT_EQ(p.a->peerstore().protocols(p.b->peer_id()), p.b->protocols());
    auto rtt = co_await ping::ping(*p.a, p.b->peer_id());
    EXPECT_TRUE(rtt) << rtt.error().what();
    Bytes payload(300000);
    std::iota(payload.begin(), payload.end(), std::uint8_t{1});
    EXPECT_EQ(co_await echo_roundtrip(*p.a, p.b->peer_id(), payload), payload);
    auto connections = p.a->connections();
    EXPECT_EQ(connections.size(), 1u);
    if (connections.empty()) co_return;
    const auto& info = connections.front()->info();
    EXPECT_EQ(info.security, transport::QuicTransport::security_id);
    EXPECT_EQ(info.muxer, transport::QuicTransport::muxer_id);
    EXPECT_EQ(info.remote_address, p.b->addresses().front());
    EXPECT_EQ(info.remote_peer, p.b->peer_id());
    // The dial left from a's listening socket (as go-libp2p does, for hole punching).
    EXPECT_EQ(udp_port(info.local_address), udp_port(p.a->addresses().front()));
  }());
}

TEST(Quic, ManyConcurrentStreams) {
  Pair p;
  p.a = make(p.io);
  p.b = make(p.io);
  test::run(p.io, [&]() -> asio::awaitable<void> {
    auto peer = (co_await p.a->connect(full_address(*p.b))).value();
    auto ex = co_await asio::this_coro::executor;
    constexpr int streams = 500;  // beyond the 256 QUIC lets be open at once
    auto done = std::make_shared<int>(0);
    auto all_done = std::make_shared<io::Event>(ex);
    for (int i = 0; i < streams; ++i) {
      asio::co_spawn(
          ex,
          [](std::shared_ptr<host::Host> a, peer::PeerId peer, int i) -> asio::awaitable<bool> {
            Bytes payload(200 + i, static_cast<std::uint8_t>(i));
            co_return co_await echo_roundtrip(*a, peer, payload) == payload;
          }(p.a, peer, i),
          [done, all_done](std::exception_ptr e, bool ok) {
            EXPECT_FALSE(e);
            EXPECT_TRUE(ok);
            if (++*done == streams) all_done->set();
          });
    }
    co_await all_done->wait();
  }());
  EXPECT_EQ(p.a->connections().size(), 1u);
}

TEST(Quic, AStreamResetMidTransferFailsTheWriterAndSparesTheConnection) {
  Pair p;
  p.a = make(p.io);
  p.b = make(p.io);
  p.b->set_stream_handler("/sink/1.0.0", [](host::Stream s) -> asio::awaitable<void> {
    Bytes some(1000);
    EXPECT_TRUE(co_await io::read_exactly(s, some));
    s.close();
  });
  const std::vector<std::string> sink{"/sink/1.0.0"};
  test::run(p.io, [&]() -> asio::awaitable<void> {
    auto peer = (co_await p.a->connect(full_address(*p.b))).value();
    auto s = (co_await p.a->new_stream(peer, sink)).value();
    const Bytes big(16 * 1024 * 1024, 0x42);  // beyond the window and the send buffer
    auto written = co_await io::write(s, big);
    EXPECT_FALSE(written);
    if (!written) {
      EXPECT_EQ(written.error().code, asio::error::connection_reset) << written.error().what();
    }
    Bytes payload{7, 8, 9};
    EXPECT_EQ(co_await echo_roundtrip(*p.a, peer, payload), payload);
    EXPECT_EQ(p.a->connections().size(), 1u);
  }());
}

TEST(Quic, RefusesAPeerThatIsNotTheOneDialed) {
  Pair p;
  p.a = make(p.io);
  p.b = make(p.io);
  const auto stranger = peer::PeerId::from_public_key(crypto::KeyPair::generate().value().public_key());
  test::run(p.io, [&]() -> asio::awaitable<void> {
    auto lie = peer::with_peer_id(p.b->addresses().front(), stranger).value();
    auto r = co_await p.a->connect(lie);
    EXPECT_FALSE(r);
    if (!r) {
      EXPECT_NE(r.error().message.find(stranger.to_string()), std::string::npos) << r.error().what();
      EXPECT_NE(r.error().message.find(p.b->peer_id().to_string()), std::string::npos) << r.error().what();
    }
    EXPECT_TRUE(p.a->connections().empty());
    // The true PeerId still connects.
    auto ok = co_await p.a->connect(full_address(*p.b));
    EXPECT_TRUE(ok) << ok.error().what();
  }());
}

// Datagrams that are not QUIC, or look like a client Initial but are not
// one, reach the listener before a real dial: it drops them and accepts.
TEST(Quic, GarbageDatagramsDoNotHurtTheListener) {
  Pair p;
  p.a = make(p.io);
  p.b = make(p.io);
  const auto port = udp_port(p.b->addresses().front());
  boost::asio::ip::udp::socket attacker(p.io, boost::asio::ip::udp::endpoint(boost::asio::ip::udp::v4(), 0));
  const boost::asio::ip::udp::endpoint target(boost::asio::ip::make_address("127.0.0.1"), port);
  std::vector<Bytes> junk;
  junk.push_back({});
  junk.push_back({0x00});
  junk.push_back(Bytes(40, 0x41));
  Bytes initial(1200, 0x5a);  // a long header, QUIC v1, type Initial, then nonsense
  initial[0] = 0xc3;
  initial[1] = 0x00, initial[2] = 0x00, initial[3] = 0x00, initial[4] = 0x01;
  initial[5] = 8;  // DCID length
  junk.push_back(initial);
  Bytes unknown_version = initial;  // answered with Version Negotiation
  unknown_version[4] = 0x7f;
  junk.push_back(unknown_version);
  Bytes short_header(1200, 0x33);  // an unknown connection id
  short_header[0] = 0x40;
  junk.push_back(short_header);
  for (int i = 0; i < 50; ++i) {
    Bytes b(static_cast<std::size_t>(1200 + i));
    for (std::size_t k = 0; k < b.size(); ++k) b[k] = static_cast<std::uint8_t>(k * 31 + i * 7);
    b[0] = static_cast<std::uint8_t>(0xc0 | (i & 0x3f));
    junk.push_back(std::move(b));
  }
  for (const auto& j : junk) attacker.send_to(asio::buffer(j), target);
  test::run(p.io, [&]() -> asio::awaitable<void> {
    auto peer = co_await p.a->connect(full_address(*p.b));
    EXPECT_TRUE(peer) << peer.error().what();
    if (!peer) co_return;
    auto rtt = co_await ping::ping(*p.a, *peer);
    EXPECT_TRUE(rtt) << rtt.error().what();
  }());
}

// The remote learns of the close (CONNECTION_CLOSE), and the peer redials.
TEST(Quic, DisconnectReachesTheRemoteAndAllowsRedial) {
  Pair p;
  p.a = make(p.io);
  p.b = make(p.io);
  auto events = p.b->events().subscribe();
  test::run(p.io, [&]() -> asio::awaitable<void> {
    auto peer = (co_await p.a->connect(full_address(*p.b))).value();
    // The server's side completes after the client's (TLS 1.3): wait for it.
    for (;;) {
      auto e = co_await events->next();
      if (!e || std::holds_alternative<host::PeerConnected>(*e)) break;
    }
    p.a->disconnect(peer);
    bool disconnected = false;
    while (!disconnected) {
      auto e = co_await events->next();
      if (!e) break;
      if (auto* d = std::get_if<host::PeerDisconnected>(&*e)) {
        disconnected = true;
        EXPECT_EQ(d->peer, p.a->peer_id());
      }
    }
    EXPECT_TRUE(disconnected);
    auto again = co_await p.a->connect(full_address(*p.b));
    EXPECT_TRUE(again) << again.error().what();
    Bytes payload{1, 2, 3};
    EXPECT_EQ(co_await echo_roundtrip(*p.a, peer, payload), payload);
  }());
}

}  // namespace
}  // namespace libp2p
