// A hostile or broken peer costs only its own connection: garbage at every
// stage of the upgrade, a peer that vanishes mid-handshake, a flood of
// handshakes that never finish. After each, a good peer still gets served.

#include "libp2p/libp2p.hpp"
#include "libp2p/multistream/negotiate.hpp"
#include "libp2p/peer/peer_address.hpp"
#include "libp2p/security/noise/noise_transport.hpp"
#include "libp2p/transport/tcp.hpp"

#include "support/run.hpp"

#include <gtest/gtest.h>

namespace libp2p {
namespace {

using multiformats::Multiaddr;

struct Target : ::testing::Test {
  asio::io_context io;
  std::shared_ptr<host::Host> victim, friendly;
  transport::TcpTransport tcp{io.get_executor()};

  Target() {
    host::Config c;
    c.listen = {Multiaddr::from_string("/ip4/127.0.0.1/tcp/0").value()};
    c.handshake_timeout = std::chrono::seconds(2);  // a bound, never waited for in the tests below
    victim = make_host(io.get_executor(), c).value();
    echo::serve(*victim);
    friendly = make_host(io.get_executor(), {}).value();
  }

  ~Target() override {
    victim->close();
    friendly->close();
    io.restart();
    io.run();
  }

  // The victim still serves a good peer.
  asio::awaitable<void> still_serves() {
    auto peer = co_await friendly->connect(
        peer::with_peer_id(victim->addresses().front(), victim->peer_id()).value());
    EXPECT_TRUE(peer) << peer.error().what();
    if (!peer) co_return;
    auto s = co_await friendly->new_stream(*peer, std::vector<std::string>(1, std::string(echo::protocol_id)));
    EXPECT_TRUE(s);
    if (!s) co_return;
    EXPECT_TRUE(co_await io::write(*s, as_bytes("ok?")));
    std::uint8_t back[3];
    EXPECT_TRUE(co_await io::read_exactly(*s, back));
    EXPECT_EQ(as_string(back), "ok?");
  }

  asio::awaitable<std::unique_ptr<transport::RawConnection>> raw() {
    co_return (co_await tcp.dial(victim->listen_addresses().front())).value();
  }

  // Reads until the victim closes the connection on us.
  static asio::awaitable<void> expect_closed(io::ByteStream& s) {
    std::uint8_t buf[4096];
    for (int i = 0; i < 1000; ++i)
      if (!co_await s.read_some(asio::buffer(buf))) co_return;
    ADD_FAILURE() << "the victim kept talking to a hostile peer";
  }
};

TEST_F(Target, GarbageInsteadOfMultistream) {
  test::run(io, [&]() -> asio::awaitable<void> {
    auto c = co_await raw();
    EXPECT_TRUE(co_await io::write(*c, as_bytes("GET / HTTP/1.1\r\nHost: x\r\n\r\n")));
    co_await expect_closed(*c);
    co_await still_serves();
  }());
}

TEST_F(Target, GarbageInsteadOfTheNoiseHandshake) {
  test::run(io, [&]() -> asio::awaitable<void> {
    auto c = co_await raw();
    Bytes wire = multistream::encode_message(multistream::protocol_id);
    multistream::append_message(wire, "/noise");
    wire.insert(wire.end(), {0x00, 0x20});  // a 32-byte "handshake message" of junk
    wire.insert(wire.end(), 32, 0xee);
    EXPECT_TRUE(co_await io::write(*c, wire));
    co_await expect_closed(*c);
    co_await still_serves();
  }());
}

TEST_F(Target, GarbageInsideTheSecureChannel) {
  test::run(io, [&]() -> asio::awaitable<void> {
    auto c = co_await raw();
    std::unique_ptr<io::ByteStream> stream = std::move(c);
    const std::vector<std::string> noise{"/noise"};
    EXPECT_TRUE(co_await multistream::select(*stream, noise));
    noise::NoiseTransport ours(crypto::KeyPair::generate().value(), {});
    auto channel = co_await ours.secure_outbound(std::move(stream), victim->peer_id());
    EXPECT_TRUE(channel) << channel.error().what();
    if (!channel) co_return;
    // The muxer negotiation expects multistream: send a yamux frame of lies instead.
    const Bytes junk{0x00, 0x00, 0x00, 0x01, 0xff, 0xff, 0xff, 0xff, 0x7f, 0xff, 0xff, 0xff};
    EXPECT_TRUE(co_await io::write(*channel->stream, junk));
    co_await expect_closed(*channel->stream);
    co_await still_serves();
  }());
}

TEST_F(Target, APeerThatVanishesMidHandshake) {
  test::run(io, [&]() -> asio::awaitable<void> {
    for (int i = 0; i < 20; ++i) {
      auto c = co_await raw();
      Bytes wire = multistream::encode_message(multistream::protocol_id);
      multistream::append_message(wire, "/noise");
      wire.insert(wire.end(), {0x00, 0x20});  // the start of noise message 1, then nothing
      EXPECT_TRUE(co_await io::write(*c, wire));
      c->close();
    }
    co_await still_serves();
  }());
}

TEST_F(Target, HandshakesLeftHangingDoNotBlockOthers) {
  test::run(io, [&]() -> asio::awaitable<void> {
    std::vector<std::unique_ptr<transport::RawConnection>> hanging;
    for (int i = 0; i < 50; ++i) hanging.push_back(co_await raw());  // connect and say nothing (below the 64 pending bound)
    co_await still_serves();
    for (auto& c : hanging) c->close();
  }());
}

}  // namespace
}  // namespace libp2p
