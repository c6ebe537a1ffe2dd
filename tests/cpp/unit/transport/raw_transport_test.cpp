#include "libp2p/transport/errc.hpp"
#include "libp2p/transport/memory.hpp"
#include "libp2p/transport/tcp.hpp"

#include "support/run.hpp"

#include <boost/asio/error.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>

#include <gtest/gtest.h>

namespace libp2p::transport {
namespace {

using namespace asio::experimental::awaitable_operators;

Multiaddr ma(std::string_view text) { return Multiaddr::from_string(text).value(); }

// Dials the listener and swaps a message each way.
asio::awaitable<void> exchange(RawTransport& transport, RawListener& listener, Multiaddr target) {
  auto dial = [&]() -> asio::awaitable<void> {
    auto c = co_await transport.dial(target);
    EXPECT_TRUE(c) << c.error().what();
    if (!c) co_return;
    EXPECT_TRUE(co_await io::write(**c, as_bytes("hello")));
    std::uint8_t got[5];
    EXPECT_TRUE(co_await io::read_exactly(**c, got));
    EXPECT_EQ(as_string(got), "world");
    EXPECT_EQ((*c)->remote_address(), listener.address());
  };
  auto accept = [&]() -> asio::awaitable<void> {
    auto c = co_await listener.accept();
    EXPECT_TRUE(c) << c.error().what();
    if (!c) co_return;
    std::uint8_t got[5];
    EXPECT_TRUE(co_await io::read_exactly(**c, got));
    EXPECT_EQ(as_string(got), "hello");
    EXPECT_TRUE(co_await io::write(**c, as_bytes("world")));
    EXPECT_EQ((*c)->local_address(), listener.address());
  };
  co_await (dial() && accept());
}

TEST(TcpTransport, KnowsItsAddresses) {
  asio::io_context io;
  TcpTransport tcp(io.get_executor());
  EXPECT_TRUE(tcp.can_dial(ma("/ip4/1.2.3.4/tcp/80")));
  EXPECT_TRUE(tcp.can_dial(ma("/ip6/::1/tcp/80")));
  EXPECT_TRUE(tcp.can_dial(ma("/dns4/example.com/tcp/80")));
  EXPECT_TRUE(tcp.can_dial(ma("/dns/example.com/tcp/80")));
  EXPECT_FALSE(tcp.can_dial(ma("/ip4/1.2.3.4/udp/80/quic-v1")));
  EXPECT_FALSE(tcp.can_dial(ma("/ip4/1.2.3.4/tcp/80/ws")));
  EXPECT_FALSE(tcp.can_dial(ma("/ip4/1.2.3.4/tcp/80/p2p/QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N")));
  EXPECT_FALSE(tcp.can_listen(ma("/dns4/example.com/tcp/80")));
  EXPECT_TRUE(tcp.can_listen(ma("/ip4/0.0.0.0/tcp/0")));
}

TEST(TcpTransport, ListensOnPortZeroAndReportsThePort) {
  asio::io_context io;
  TcpTransport tcp(io.get_executor());
  auto listener = tcp.listen(ma("/ip4/127.0.0.1/tcp/0")).value();
  auto port = listener->address().value_for("tcp");
  ASSERT_TRUE(port);
  EXPECT_NE(*port, "0");
  test::run(io, exchange(tcp, *listener, listener->address()));
}

TEST(TcpTransport, WorksOverIp6) {
  asio::io_context io;
  TcpTransport tcp(io.get_executor());
  auto listener = tcp.listen(ma("/ip6/::1/tcp/0"));
  if (!listener) GTEST_SKIP() << "no IPv6 loopback here: " << listener.error().what();
  test::run(io, exchange(tcp, **listener, (*listener)->address()));
}

TEST(TcpTransport, ResolvesNamesAtDial) {
  asio::io_context io;
  TcpTransport tcp(io.get_executor());
  auto listener = tcp.listen(ma("/ip4/127.0.0.1/tcp/0")).value();
  auto target = ma("/dns4/localhost/tcp/" + *listener->address().value_for("tcp"));
  test::run(io, exchange(tcp, *listener, target));
}

TEST(TcpTransport, ReportsARefusedDial) {
  asio::io_context io;
  TcpTransport tcp(io.get_executor());
  Multiaddr closed;
  {
    auto listener = tcp.listen(ma("/ip4/127.0.0.1/tcp/0")).value();
    closed = listener->address();
  }
  test::run(io, [&]() -> asio::awaitable<void> {
    auto c = co_await tcp.dial(closed);
    EXPECT_FALSE(c);
    if (c) co_return;
    EXPECT_EQ(c.error().code, asio::error::connection_refused);
    EXPECT_NE(c.error().message.find(closed.to_string()), std::string::npos);
  }());
}

TEST(TcpTransport, RefusesAnAddressInUse) {
  asio::io_context io;
  TcpTransport tcp(io.get_executor());
  auto first = tcp.listen(ma("/ip4/127.0.0.1/tcp/0")).value();
  auto second = tcp.listen(first->address());
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error().code, asio::error::address_in_use);
}

TEST(TcpTransport, ClosingTheListenerEndsAccept) {
  asio::io_context io;
  TcpTransport tcp(io.get_executor());
  auto listener = tcp.listen(ma("/ip4/127.0.0.1/tcp/0")).value();
  test::run(io, [&]() -> asio::awaitable<void> {
    auto closer = [&]() -> asio::awaitable<void> {
      listener->close();
      co_return;
    };
    auto r = co_await (listener->accept() && closer());
    EXPECT_FALSE(r);
  }());
}

TEST(MemoryTransport, DialsAListenerByNumber) {
  asio::io_context io;
  auto hub = std::make_shared<MemoryHub>();
  MemoryTransport memory(io.get_executor(), hub);
  EXPECT_TRUE(memory.can_dial(ma("/memory/42")));
  EXPECT_FALSE(memory.can_dial(ma("/ip4/1.2.3.4/tcp/80")));
  auto listener = memory.listen(ma("/memory/0")).value();
  EXPECT_NE(listener->address(), ma("/memory/0"));
  test::run(io, exchange(memory, *listener, listener->address()));
}

TEST(MemoryTransport, ReportsNoListener) {
  asio::io_context io;
  MemoryTransport memory(io.get_executor(), std::make_shared<MemoryHub>());
  test::run(io, [&]() -> asio::awaitable<void> {
    auto c = co_await memory.dial(ma("/memory/7"));
    EXPECT_FALSE(c);
    if (c) co_return;
    EXPECT_EQ(c.error().code, Errc::no_listener);
  }());
}

TEST(MemoryTransport, OneListenerPerNumberUntilClosed) {
  asio::io_context io;
  MemoryTransport memory(io.get_executor(), std::make_shared<MemoryHub>());
  auto first = memory.listen(ma("/memory/5")).value();
  EXPECT_EQ(memory.listen(ma("/memory/5")).error().code, Errc::address_in_use);
  first.reset();
  EXPECT_TRUE(memory.listen(ma("/memory/5")));
}

}  // namespace
}  // namespace libp2p::transport
