// Hosts over QUIC v1 on loopback, what is QUIC's own: the connection it
// reports, the socket dials leave from, a listener that garbage does not
// hurt, the close reaching the remote. (Identify, ping, echo, a thousand
// streams, resets and a wrong PeerId run over QUIC in host_test.cpp's
// OverTransport suite.)

#include "libp2p/transport/quic.hpp"

#include "support/hosts.hpp"
#include "support/run.hpp"

#include <boost/asio/ip/udp.hpp>

namespace libp2p {
namespace {

using test::config_listening;
using test::full_address;
using test::make;
using test::Pair;

constexpr std::string_view quic_loopback = "/ip4/127.0.0.1/udp/0/quic-v1";

std::uint16_t udp_port(const multiformats::Multiaddr& address) {
  return static_cast<std::uint16_t>(std::stoi(*address.value_for("udp")));
}

void connect_pair(Pair& p) {
  p.a = make(p.io, config_listening(quic_loopback));
  p.b = make(p.io, config_listening(quic_loopback));
}

TEST(Quic, ReportsTheConnectionAndDialsFromTheListeningSocket) {
  Pair p;
  connect_pair(p);
  test::run(p.io, [&]() -> asio::awaitable<void> {
    auto peer = co_await p.a->connect(full_address(*p.b));
    EXPECT_TRUE(peer) << peer.error().what();
    auto connections = p.a->connections();
    EXPECT_EQ(connections.size(), 1u);
    if (connections.empty()) co_return;
    const auto& info = connections.front()->info();
    EXPECT_EQ(info.security, transport::QuicTransport::security_id);
    EXPECT_EQ(info.muxer, transport::QuicTransport::muxer_id);
    EXPECT_EQ(info.remote_address, p.b->addresses().front());
    EXPECT_EQ(info.remote_peer, p.b->peer_id());
    EXPECT_EQ(info.direction, net::Direction::outbound);
    // The dial left from a's listening socket (as go-libp2p does, for hole punching).
    EXPECT_EQ(udp_port(info.local_address), udp_port(p.a->addresses().front()));
  }());
}

// Datagrams that are not QUIC, or look like a client Initial but are not
// one, reach the listener before a real dial: it drops them and accepts.
TEST(Quic, GarbageDatagramsDoNotHurtTheListener) {
  Pair p;
  connect_pair(p);
  using boost::asio::ip::udp;
  udp::socket attacker(p.io, udp::endpoint(udp::v4(), 0));
  const udp::endpoint target(boost::asio::ip::make_address("127.0.0.1"), udp_port(p.b->addresses().front()));
  std::vector<Bytes> junk{{}, {0x00}, Bytes(40, 0x41)};
  Bytes initial(1200, 0x5a);  // a long header, QUIC v1, type Initial, then nonsense
  initial[0] = 0xc3;
  initial[4] = 0x01;
  initial[1] = initial[2] = initial[3] = 0x00;
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

// A peer known by a TCP and a QUIC address is dialed over QUIC first; with
// a stagger longer than the test, TCP would only be tried if QUIC failed.
TEST(Quic, TheSwarmDialsQuicBeforeTcp) {
  Pair p;
  auto ca = config_listening(quic_loopback);
  ca.swarm.dial_stagger = std::chrono::hours(1);
  p.a = make(p.io, ca);
  auto cb = config_listening("/ip4/127.0.0.1/tcp/0");
  cb.listen.push_back(test::ma(quic_loopback));
  p.b = make(p.io, cb);
  auto addresses = p.b->addresses();
  ASSERT_EQ(addresses.size(), 2u);
  ASSERT_TRUE(addresses[0].value_for("tcp"));  // TCP listed first
  p.a->peerstore().add_addresses(p.b->peer_id(), addresses, peer::ttl::permanent);
  test::run(p.io, [&]() -> asio::awaitable<void> {
    auto c = co_await p.a->connect(p.b->peer_id());
    EXPECT_TRUE(c) << c.error().what();
    auto connections = p.a->connections();
    EXPECT_EQ(connections.size(), 1u);
    if (!connections.empty()) {
      EXPECT_EQ(connections.front()->info().muxer, transport::QuicTransport::muxer_id);
    }
  }());
}

}  // namespace
}  // namespace libp2p
