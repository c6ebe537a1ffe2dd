#include "libp2p/io/pipe.hpp"

#include "support/run.hpp"

#include <boost/asio/error.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/steady_timer.hpp>

#include <gtest/gtest.h>

#include <numeric>
#include <thread>

namespace libp2p::io {
namespace {

using namespace asio::experimental::awaitable_operators;

Bytes pattern(std::size_t n) {
  Bytes b(n);
  std::iota(b.begin(), b.end(), std::uint8_t{0});
  return b;
}

asio::awaitable<Bytes> read_to_end(ByteStream& s) {
  Bytes out;
  std::uint8_t buf[1000];
  for (;;) {
    auto n = co_await s.read_some(asio::buffer(buf));
    if (!n) {
      EXPECT_EQ(n.error().code, asio::error::eof);
      co_return out;
    }
    out.insert(out.end(), buf, buf + *n);
  }
}

TEST(Pipe, CarriesBytesBothWaysWithBackpressure) {
  asio::io_context io;
  auto [a, b] = make_pipe(io.get_executor(), /*capacity=*/4096);
  const Bytes data = pattern(100000);  // far beyond the capacity: the writer must wait
  test::run(io, [&]() -> asio::awaitable<void> {
    auto writer = [&]() -> asio::awaitable<void> {
      EXPECT_TRUE(co_await write(*a, data));
      EXPECT_TRUE(co_await a->close_write());
    };
    auto received = co_await (writer() && read_to_end(*b));
    EXPECT_EQ(received, data);
    // The other direction still works after a half-close.
    EXPECT_TRUE(co_await write(*b, as_bytes("back")));
    std::uint8_t back[4];
    EXPECT_TRUE(co_await read_exactly(*a, back));
    EXPECT_EQ(as_string(back), "back");
  }());
}

TEST(Pipe, CloseFailsPendingReadAndPeerSeesEof) {
  asio::io_context io;
  auto [a, b] = make_pipe(io.get_executor());
  test::run(io, [&]() -> asio::awaitable<void> {
    auto closer = [&]() -> asio::awaitable<void> {
      a->close();
      co_return;
    };
    std::uint8_t buf[8];
    auto r = co_await (b->read_some(asio::buffer(buf)) && closer());
    EXPECT_EQ(r.error().code, asio::error::eof);
    auto w = co_await write(*b, as_bytes("x"));
    EXPECT_EQ(w.error().code, asio::error::connection_reset);
  }());
}

TEST(Pipe, ReadIsCancellable) {
  asio::io_context io;
  auto [a, b] = make_pipe(io.get_executor());
  test::run(io, [&]() -> asio::awaitable<void> {
    asio::steady_timer timer(io, std::chrono::steady_clock::time_point::min());  // fires at once
    std::uint8_t buf[8];
    auto winner = co_await (b->read_some(asio::buffer(buf)) || timer.async_wait(asio::use_awaitable));
    EXPECT_EQ(winner.index(), 1u);
  }());
}

TEST(Pipe, EndsOnDifferentThreads) {
  asio::io_context io_a, io_b;
  auto [a, b] = make_pipe(io_a.get_executor(), io_b.get_executor(), 1000);
  const Bytes data = pattern(50000);
  Bytes received;
  std::thread reader([&] {
    test::run(io_b, [&]() -> asio::awaitable<void> { received = co_await read_to_end(*b); }());
  });
  test::run(io_a, [&]() -> asio::awaitable<void> {
    EXPECT_TRUE(co_await write(*a, data));
    EXPECT_TRUE(co_await a->close_write());
  }());
  reader.join();
  EXPECT_EQ(received, data);
}

}  // namespace
}  // namespace libp2p::io
