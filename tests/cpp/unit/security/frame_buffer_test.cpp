#include "security/detail/frame_buffer.hpp"

#include "libp2p/io/pipe.hpp"
#include "support/run.hpp"

#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/io_context.hpp>

#include <gtest/gtest.h>

namespace libp2p::security::detail {
namespace {

using namespace asio::experimental::awaitable_operators;

constexpr std::size_t initial = 1024, max = 8192;

// Fills `buffer` from `from` while `to` sends `data`, and checks what the
// buffer held while it waited.
struct FrameBufferTest : ::testing::Test {
  asio::io_context io;
  std::unique_ptr<io::ByteStream> from, to;
  FrameBuffer buffer{initial, max};

  FrameBufferTest() { std::tie(from, to) = io::make_pipe(io.get_executor()); }

  // Fills once from what is there (or arrives).
  void fill_with(std::string_view data) {
    test::run(io, [&]() -> asio::awaitable<void> {
      auto send = [&]() -> asio::awaitable<void> { EXPECT_TRUE(co_await io::write(*to, as_bytes(data))); };
      auto filled = co_await (buffer.fill(*from, 1) && send());
      EXPECT_TRUE(filled);
    }());
  }

  // A fill that has to wait: the capacity seen while it waits.
  std::size_t capacity_while_waiting() {
    std::size_t seen = SIZE_MAX;
    test::run(io, [&]() -> asio::awaitable<void> {
      auto send = [&]() -> asio::awaitable<void> {
        seen = buffer.capacity();  // the fill is waiting: nothing was sent yet
        EXPECT_TRUE(co_await io::write(*to, as_bytes("later")));
      };
      auto filled = co_await (buffer.fill(*from, 1) && send());
      EXPECT_TRUE(filled);
    }());
    return seen;
  }
};

TEST_F(FrameBufferTest, LetsGoOfItsMemoryWhileTheStreamIsQuiet) {
  buffer.release_when_quiet();
  fill_with("hello");
  EXPECT_EQ(buffer.capacity(), initial);
  EXPECT_EQ(buffer.size(), 5u);
  buffer.consume(5);
  EXPECT_EQ(capacity_while_waiting(), 0u);
  EXPECT_EQ(buffer.capacity(), initial);  // back once data came
  EXPECT_EQ(as_string(BytesView(buffer.data(), buffer.size())), "later");
}

TEST_F(FrameBufferTest, KeepsItsMemoryUntilAskedAndWhileBytesArePending) {
  fill_with("hello");
  buffer.consume(5);
  EXPECT_EQ(capacity_while_waiting(), initial);  // not asked to
  buffer.release_when_quiet();
  buffer.consume(2);  // "ter" of "later" is still pending
  EXPECT_EQ(capacity_while_waiting(), initial);
  EXPECT_EQ(as_string(BytesView(buffer.data(), buffer.size())), "terlater");
}

}  // namespace
}  // namespace libp2p::security::detail
