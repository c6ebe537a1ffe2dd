// Hosts in one process, over the memory transport, TCP and WebSocket: the connection
// stack end to end (identify, ping, echo, every security x muxer pair).

#include "libp2p/io/event.hpp"
#include "libp2p/multistream/errc.hpp"
#include "libp2p/libp2p.hpp"
#include "libp2p/peer/peer_address.hpp"

#include "support/hosts.hpp"
#include "support/run.hpp"

#include <boost/asio/error.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>

#include <gtest/gtest.h>

#include <numeric>

namespace libp2p {
namespace {

using namespace asio::experimental::awaitable_operators;
using multiformats::Multiaddr;

using test::config_listening;
using test::echo_roundtrip;
using test::full_address;
using test::ma;
using test::make;
using test::Pair;

// What every transport must give the Host, natively (QUIC) or through the
// upgrader (memory here; TCP and WebSocket in EveryStack).
class OverTransport : public ::testing::TestWithParam<std::string> {};
INSTANTIATE_TEST_SUITE_P(Host, OverTransport, ::testing::Values("/memory/0", "/ip4/127.0.0.1/udp/0/quic-v1"));

TEST_P(OverTransport, ConnectsIdentifiesPingsAndEchoes) {
  Pair p;
  p.a = make(p.io, config_listening(GetParam()));
  p.b = make(p.io, config_listening(GetParam()));
  auto events = p.a->events().subscribe();
  test::run(p.io, [&]() -> asio::awaitable<void> {
    auto peer = co_await p.a->connect(full_address(*p.b));
    EXPECT_TRUE(peer) << peer.error().what();
    EXPECT_EQ(*peer, p.b->peer_id());
    bool connected = false, identified = false;
    while (!identified) {
      auto e = co_await events->next();
      if (!e) break;
      if (std::holds_alternative<host::PeerConnected>(*e)) connected = true;
      if (auto* who = std::get_if<host::PeerIdentified>(&*e)) {
        identified = true;
        EXPECT_EQ(who->peer, p.b->peer_id());
        EXPECT_EQ(who->agent_version, "libp2p-cxx/0.1.0");
        EXPECT_NE(std::find(who->protocols.begin(), who->protocols.end(), echo::protocol_id), who->protocols.end());
        EXPECT_EQ(who->listen_addresses, p.b->addresses());
      }
    }
    EXPECT_TRUE(connected);
    EXPECT_EQ(p.a->peerstore().protocols(p.b->peer_id()), p.b->protocols());
    auto rtt = co_await ping::ping(*p.a, p.b->peer_id());
    EXPECT_TRUE(rtt) << rtt.error().what();
    Bytes payload(100000);
    std::iota(payload.begin(), payload.end(), std::uint8_t{1});
    EXPECT_EQ(co_await echo_roundtrip(*p.a, p.b->peer_id(), payload), payload);
    EXPECT_EQ(p.a->connections().size(), 1u);  // the streams reused the connection
  }());
}

struct StackCase {
  host::Security security;
  host::Muxer muxer;
};

// Each security x muxer pair over each raw transport the upgrader serves.
class EveryStack : public ::testing::TestWithParam<std::tuple<StackCase, std::string>> {};

TEST_P(EveryStack, Echoes) {
  const auto& [stack, listen] = GetParam();
  Pair p;
  auto c = config_listening(listen);
  c.security = {stack.security};
  c.muxers = {stack.muxer};
  p.a = make(p.io, c);
  p.b = make(p.io, c);
  test::run(p.io, [&]() -> asio::awaitable<void> {
    auto peer = co_await p.a->connect(full_address(*p.b));
    EXPECT_TRUE(peer) << peer.error().what();
    if (!peer) co_return;
    const auto info = p.a->connections().front()->info();
    EXPECT_EQ(info.security, host::protocol_id(stack.security));
    EXPECT_EQ(info.muxer, host::protocol_id(stack.muxer));
    EXPECT_EQ(info.remote_address, p.b->addresses().front());
    Bytes payload(3 * 1024 * 1024);
    std::iota(payload.begin(), payload.end(), std::uint8_t{9});
    EXPECT_EQ(co_await echo_roundtrip(*p.a, *peer, payload), payload);
  }());
}

INSTANTIATE_TEST_SUITE_P(Host, EveryStack,
                         ::testing::Combine(::testing::Values(StackCase{host::Security::noise, host::Muxer::yamux},
                                                              StackCase{host::Security::noise, host::Muxer::mplex},
                                                              StackCase{host::Security::tls, host::Muxer::yamux},
                                                              StackCase{host::Security::tls, host::Muxer::mplex},
                                                              StackCase{host::Security::plaintext, host::Muxer::yamux},
                                                              StackCase{host::Security::plaintext, host::Muxer::mplex}),
                                            ::testing::Values("/ip4/127.0.0.1/tcp/0", "/ip4/127.0.0.1/tcp/0/ws")));

TEST(Host, NegotiatesSecurityAndMuxerItDoesNotPreferFirst) {
  Pair p;
  auto ca = config_listening("/memory/0");
  ca.security = {host::Security::tls, host::Security::noise};
  ca.muxers = {host::Muxer::mplex, host::Muxer::yamux};
  auto cb = config_listening("/memory/0");
  cb.security = {host::Security::noise};
  cb.muxers = {host::Muxer::yamux};
  p.a = make(p.io, ca);
  p.b = make(p.io, cb);
  test::run(p.io, [&]() -> asio::awaitable<void> {
    EXPECT_TRUE(co_await p.a->connect(full_address(*p.b)));
    const auto info = p.a->connections().front()->info();
    EXPECT_EQ(info.security, "/noise");
    EXPECT_EQ(info.muxer, "/yamux/1.0.0");
  }());
}

TEST_P(OverTransport, RefusesAPeerThatIsNotTheOneDialed) {
  Pair p;
  p.a = make(p.io, config_listening(GetParam()));
  p.b = make(p.io, config_listening(GetParam()));
  const auto stranger = peer::PeerId::from_public_key(crypto::KeyPair::generate().value().public_key());
  test::run(p.io, [&]() -> asio::awaitable<void> {
    // b's address, claimed to be someone else's.
    auto lie = peer::with_peer_id(p.b->addresses().front(), stranger).value();
    auto r = co_await p.a->connect(lie);
    EXPECT_FALSE(r);
    if (!r) {
      EXPECT_NE(r.error().message.find(stranger.to_string()), std::string::npos) << r.error().what();
    }
    EXPECT_TRUE(p.a->connections().empty());
  }());
}

TEST(Host, ConcurrentDialsShareOneConnection) {
  Pair p;
  p.a = make(p.io, config_listening("/memory/0"));
  p.b = make(p.io, config_listening("/memory/0"));
  p.a->peerstore().add_addresses(p.b->peer_id(), p.b->addresses(), peer::ttl::permanent);
  test::run(p.io, [&]() -> asio::awaitable<void> {
    auto both = co_await (p.a->connect(p.b->peer_id()) && p.a->connect(p.b->peer_id()));
    EXPECT_TRUE(std::get<0>(both));
    EXPECT_TRUE(std::get<1>(both));
    EXPECT_EQ(std::get<0>(both).value(), std::get<1>(both).value());
    EXPECT_EQ(p.a->connections().size(), 1u);
  }());
}

TEST(Host, TriesTheNextAddressWhenOneFails) {
  Pair p;
  p.a = make(p.io, config_listening("/memory/0"));
  p.b = make(p.io, config_listening("/memory/0"));
  std::vector<Multiaddr> addresses{ma("/memory/999999"), ma("/ip4/127.0.0.1/tcp/1")};
  addresses.push_back(p.b->addresses().front());
  p.a->peerstore().add_addresses(p.b->peer_id(), addresses, peer::ttl::permanent);
  test::run(p.io, [&]() -> asio::awaitable<void> {
    auto c = co_await p.a->connect(p.b->peer_id());
    EXPECT_TRUE(c) << c.error().what();
  }());
}

TEST(Host, ReportsEveryReasonWhenNoAddressWorks) {
  Pair p;
  p.a = make(p.io, {});
  const auto nobody = peer::PeerId::from_public_key(crypto::KeyPair::generate().value().public_key());
  p.a->peerstore().add_addresses(nobody, {ma("/memory/999998"), ma("/ip4/127.0.0.1/tcp/1")}, peer::ttl::permanent);
  test::run(p.io, [&]() -> asio::awaitable<void> {
    auto c = co_await p.a->connect(nobody);
    EXPECT_FALSE(c);
    if (c) co_return;
    EXPECT_NE(c.error().message.find("/memory/999998"), std::string::npos) << c.error().what();
    EXPECT_NE(c.error().message.find("127.0.0.1"), std::string::npos) << c.error().what();
  }());
}

TEST(Host, NewStreamFailsCleanlyForAnUnsupportedProtocol) {
  Pair p;
  p.a = make(p.io, config_listening("/memory/0"));
  p.b = make(p.io, config_listening("/memory/0"));
  const std::vector<std::string> unsupported{"/nope/1.0.0", "/nope/2.0.0"};
  test::run(p.io, [&]() -> asio::awaitable<void> {
    auto peer = (co_await p.a->connect(full_address(*p.b))).value();
    auto s = co_await p.a->new_stream(peer, unsupported);
    EXPECT_FALSE(s);
    if (!s) {
      EXPECT_EQ(s.error().code, multistream::Errc::not_supported) << s.error().what();
    }
    // The connection is fine.
    Bytes payload{1, 2, 3};
    EXPECT_EQ(co_await echo_roundtrip(*p.a, peer, payload), payload);
  }());
}

TEST_P(OverTransport, AThousandConcurrentStreams) {
  Pair p;
  p.a = make(p.io, config_listening(GetParam()));
  p.b = make(p.io, config_listening(GetParam()));
  test::run(p.io, [&]() -> asio::awaitable<void> {
    auto peer = (co_await p.a->connect(full_address(*p.b))).value();
    auto ex = co_await asio::this_coro::executor;
    constexpr int streams = 1000;
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

TEST(Host, AHandlerThatThrowsResetsOnlyItsStream) {
  Pair p;
  p.a = make(p.io, config_listening("/memory/0"));
  p.b = make(p.io, config_listening("/memory/0"));
  p.b->set_stream_handler("/boom/1.0.0", [](host::Stream) -> asio::awaitable<void> {
    throw std::runtime_error("boom");
    co_return;
  });
  const std::vector<std::string> boom{"/boom/1.0.0"};
  test::run(p.io, [&]() -> asio::awaitable<void> {
    auto peer = (co_await p.a->connect(full_address(*p.b))).value();
    auto s = (co_await p.a->new_stream(peer, boom)).value();
    std::uint8_t buf[1];
    auto r = co_await s.read_some(asio::buffer(buf));
    EXPECT_FALSE(r);
    Bytes payload{4, 5, 6};
    EXPECT_EQ(co_await echo_roundtrip(*p.a, peer, payload), payload);
  }());
}

// The remote learns of the close (QUIC: CONNECTION_CLOSE), and the peer redials.
TEST_P(OverTransport, DisconnectEmitsEventsAndAllowsRedial) {
  Pair p;
  p.a = make(p.io, config_listening(GetParam()));
  p.b = make(p.io, config_listening(GetParam()));
  auto events = p.b->events().subscribe();
  test::run(p.io, [&]() -> asio::awaitable<void> {
    auto peer = (co_await p.a->connect(full_address(*p.b))).value();
    // The remote's side may complete after ours (TLS 1.3 in QUIC): wait for it.
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
    auto again = co_await p.a->connect(peer);
    EXPECT_TRUE(again) << again.error().what();
    auto rtt = co_await ping::ping(*p.a, peer);
    EXPECT_TRUE(rtt) << rtt.error().what();
  }());
}

TEST(Host, TheAsioStreamInterfaceWorks) {
  Pair p;
  p.a = make(p.io, config_listening("/memory/0"));
  p.b = make(p.io, config_listening("/memory/0"));
  test::run(p.io, [&]() -> asio::awaitable<void> {
    auto peer = (co_await p.a->connect(full_address(*p.b))).value();
    auto s = (co_await p.a->new_stream(peer, std::vector<std::string>(1, std::string(echo::protocol_id)))).value();
    const std::string text = "through asio::async_write";
    co_await asio::async_write(s, asio::buffer(text), asio::use_awaitable);
    std::string back(text.size(), '\0');
    co_await asio::async_read(s, asio::buffer(back), asio::use_awaitable);
    EXPECT_EQ(back, text);
  }());
}


TEST_P(OverTransport, AStreamResetMidTransferFailsTheWriterAndSparesTheConnection) {
  Pair p;
  p.a = make(p.io, config_listening(GetParam()));
  p.b = make(p.io, config_listening(GetParam()));
  // Reads a little, then resets: the writer is blocked on flow control by then.
  p.b->set_stream_handler("/sink/1.0.0", [](host::Stream s) -> asio::awaitable<void> {
    Bytes some(1000);
    EXPECT_TRUE(co_await io::read_exactly(s, some));
    s.close();
  });
  const std::vector<std::string> sink{"/sink/1.0.0"};
  test::run(p.io, [&]() -> asio::awaitable<void> {
    auto peer = (co_await p.a->connect(full_address(*p.b))).value();
    auto s = (co_await p.a->new_stream(peer, sink)).value();
    const Bytes big(8 * 1024 * 1024, 0x42);  // far beyond the receive window
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

TEST(Host, ASemverMatcherTakesEveryMinorVersion) {
  Pair p;
  p.a = make(p.io, config_listening("/memory/0"));
  p.b = make(p.io, config_listening("/memory/0"));
  p.b->set_stream_handler("/app/1.0.0", host::semver_major_matcher("/app/1.0.0"),
                          [](host::Stream s) -> asio::awaitable<void> {
                            const std::string protocol(s.protocol());
                            (void)co_await io::write(s, as_bytes(protocol));
                            (void)co_await s.close_write();
                          });
  const std::vector<std::string> newer{"/app/1.4.2"}, incompatible{"/app/2.0.0"};
  test::run(p.io, [&]() -> asio::awaitable<void> {
    auto peer = (co_await p.a->connect(full_address(*p.b))).value();
    auto s = (co_await p.a->new_stream(peer, newer)).value();
    Bytes got(newer.front().size());
    EXPECT_TRUE(co_await io::read_exactly(s, got));
    EXPECT_EQ(as_string(got), "/app/1.4.2");  // the handler saw the version the dialer asked for
    auto refused = co_await p.a->new_stream(peer, incompatible);
    if (refused) {  // proposed optimistically: the refusal comes with the first read
      std::uint8_t byte[1];
      auto r = co_await refused->read_some(asio::buffer(byte));
      EXPECT_FALSE(r);
      if (!r) {
        EXPECT_EQ(r.error().code, multistream::Errc::not_supported);
      }
    } else {
      EXPECT_EQ(refused.error().code, multistream::Errc::not_supported);
    }
  }());
}

TEST(Host, TenHostsInAFullMesh) {
  asio::io_context io;
  std::vector<std::shared_ptr<host::Host>> hosts;
  for (int i = 0; i < 10; ++i) hosts.push_back(make(io, config_listening("/memory/0")));
  test::run(io, [&]() -> asio::awaitable<void> {
    for (std::size_t i = 0; i < hosts.size(); ++i)
      for (std::size_t j = i + 1; j < hosts.size(); ++j) {
        auto peer = co_await hosts[i]->connect(full_address(*hosts[j]));
        EXPECT_TRUE(peer) << peer.error().what();
      }
    for (std::size_t i = 0; i < hosts.size(); ++i)
      for (std::size_t j = 0; j < hosts.size(); ++j) {
        if (i == j) continue;
        Bytes payload{static_cast<std::uint8_t>(i), static_cast<std::uint8_t>(j)};
        EXPECT_EQ(co_await echo_roundtrip(*hosts[i], hosts[j]->peer_id(), payload), payload);
      }
  }());
  for (const auto& h : hosts) EXPECT_EQ(h->connections().size(), hosts.size() - 1);  // streams reused them
  for (const auto& h : hosts) h->close();
  test::run_until_idle(io);
}

}  // namespace
}  // namespace libp2p
