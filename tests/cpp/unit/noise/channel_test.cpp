// The secure channel over an in-memory pipe: framing, gather writes, reads of
// every size, and what a corrupt or truncated stream does.
#include "libp2p/security/noise/channel.hpp"

#include "libp2p/io/pipe.hpp"
#include "libp2p/security/errc.hpp"
#include "support/run.hpp"

#include <boost/asio/error.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/io_context.hpp>

#include <gtest/gtest.h>

#include <numeric>

namespace libp2p::noise {
namespace {

using namespace asio::experimental::awaitable_operators;
using security::Errc;

const Key key_ab = {1, 2, 3};  // a -> b
const Key key_ba = {4, 5, 6};  // b -> a

Bytes pattern(std::size_t size, std::uint8_t seed = 1) {
  Bytes out(size);
  std::iota(out.begin(), out.end(), seed);
  return out;
}

Bytes frame_of(CipherState& cipher, BytesView plaintext) {
  Bytes out(Channel::length_size + plaintext.size() + tag_size);
  const std::size_t length = plaintext.size() + tag_size;
  out[0] = static_cast<std::uint8_t>(length >> 8);
  out[1] = static_cast<std::uint8_t>(length);
  cipher.encrypt_with_ad({}, plaintext, out.data() + Channel::length_size).value();
  return out;
}

struct ChannelTest : ::testing::Test {
  asio::io_context io;
  std::unique_ptr<io::ByteStream> a, b;  // two channels
  ChannelTest() {
    auto [x, y] = io::make_pipe(io.get_executor());
    a = std::make_unique<Channel>(std::move(x), TransportCiphers{CipherState(key_ab), CipherState(key_ba)});
    b = std::make_unique<Channel>(std::move(y), TransportCiphers{CipherState(key_ba), CipherState(key_ab)});
  }
};

// A channel `ours` whose remote the test plays with the raw end `remote`.
struct ScriptedRemote : ::testing::Test {
  asio::io_context io;
  std::unique_ptr<io::ByteStream> ours, remote;
  CipherState remote_send{key_ba}, remote_receive{key_ab};
  ScriptedRemote() {
    auto [x, y] = io::make_pipe(io.get_executor());
    ours = std::make_unique<Channel>(std::move(x), TransportCiphers{CipherState(key_ab), CipherState(key_ba)});
    remote = std::move(y);
  }
  void send_raw(const Bytes& bytes, bool then_close = false) {
    test::run(io, [&]() -> asio::awaitable<void> {
      EXPECT_TRUE(co_await io::write(*remote, bytes));
      if (then_close) {
        EXPECT_TRUE(co_await remote->close_write());
      }
    }());
  }
  Result<std::size_t> read(std::span<std::uint8_t> buffer) {
    return test::run(io, ours->read_some(asio::buffer(buffer.data(), buffer.size())));
  }
};

TEST_F(ChannelTest, CarriesEverySizeAroundTheFrameLimit) {
  for (std::size_t size : {std::size_t{1}, std::size_t{16}, Channel::max_plaintext - 1, Channel::max_plaintext,
                           Channel::max_plaintext + 1, 5 * Channel::max_plaintext + 3}) {
    const Bytes data = pattern(size, static_cast<std::uint8_t>(size));
    test::run(io, [&]() -> asio::awaitable<void> {
      Bytes got(size);
      co_await (io::write(*a, data) && io::read_exactly(*b, got));
      EXPECT_EQ(got, data) << size;
    }());
  }
}

TEST_F(ChannelTest, GathersTheCallersBuffersIntoFrames) {
  const Bytes one = pattern(70000, 1), two = pattern(3, 2), three = pattern(65519, 3);
  const Bytes empty;
  const asio::const_buffer buffers[] = {asio::buffer(empty), asio::buffer(one), asio::buffer(empty), asio::buffer(two),
                                        asio::buffer(three)};
  Bytes expected = one;
  append(expected, two);
  append(expected, three);
  test::run(io, [&]() -> asio::awaitable<void> {
    Bytes got(expected.size());
    auto [w, r] = co_await (a->write(buffers) && io::read_exactly(*b, got));
    EXPECT_TRUE(w);
    EXPECT_TRUE(r);
    EXPECT_EQ(got, expected);
  }());
}

TEST_F(ChannelTest, ServesSmallReadsFromAFrame) {
  const Bytes data = pattern(100000);
  test::run(io, [&]() -> asio::awaitable<void> {
    EXPECT_TRUE(co_await io::write(*a, data));
    Bytes got;
    std::uint8_t buf[7];
    while (got.size() < data.size()) {
      auto n = co_await b->read_some(asio::buffer(buf));
      EXPECT_TRUE(n);
      if (!n) co_return;
      EXPECT_LE(*n, sizeof buf);
      got.insert(got.end(), buf, buf + *n);
    }
    EXPECT_EQ(got, data);
  }());
}

TEST_F(ChannelTest, ReadsSeveralFramesIntoOneBigBuffer) {
  test::run(io, [&]() -> asio::awaitable<void> {
    for (int i = 0; i < 5; ++i) EXPECT_TRUE(co_await io::write(*a, pattern(1000, static_cast<std::uint8_t>(i))));
    Bytes got(10000);
    auto n = co_await b->read_some(asio::buffer(got));
    EXPECT_EQ(n.value(), 5000u);
  }());
}

TEST_F(ChannelTest, AnEmptyWriteSendsNothing) {
  test::run(io, [&]() -> asio::awaitable<void> {
    EXPECT_TRUE(co_await a->write({}));
    EXPECT_TRUE(co_await io::write(*a, as_bytes("x")));
    std::uint8_t buf[4];
    EXPECT_EQ((co_await b->read_some(asio::buffer(buf))).value(), 1u);
  }());
}

TEST_F(ChannelTest, HalfCloseAndClose) {
  test::run(io, [&]() -> asio::awaitable<void> {
    EXPECT_TRUE(co_await io::write(*a, as_bytes("last")));
    EXPECT_TRUE(co_await a->close_write());
    std::uint8_t buf[8];
    EXPECT_EQ((co_await b->read_some(asio::buffer(buf))).value(), 4u);
    EXPECT_EQ((co_await b->read_some(asio::buffer(buf))).error().code, asio::error::eof);
    EXPECT_TRUE(co_await io::write(*b, as_bytes("back")));  // the other direction still works
    EXPECT_EQ((co_await a->read_some(asio::buffer(buf))).value(), 4u);
    b->close();
    EXPECT_FALSE(co_await a->read_some(asio::buffer(buf)));
  }());
}

TEST_F(ScriptedRemote, SendsTheSpecsFrames) {
  test::run(io, [&]() -> asio::awaitable<void> {
    EXPECT_TRUE(co_await io::write(*ours, pattern(Channel::max_plaintext + 1)));
  }());
  // One full frame (length 0xffff) and one of 1 + 16 bytes.
  Bytes raw(Channel::max_frame_size + 2 + 17);
  test::run(io, [&]() -> asio::awaitable<void> { EXPECT_TRUE(co_await io::read_exactly(*remote, raw)); }());
  EXPECT_EQ(raw[0], 0xff);
  EXPECT_EQ(raw[1], 0xff);
  Bytes plaintext(Channel::max_plaintext);
  ASSERT_TRUE(remote_receive.decrypt_with_ad({}, BytesView(raw).subspan(2, 65535), plaintext.data()));
  EXPECT_EQ(plaintext, pattern(Channel::max_plaintext));
  EXPECT_EQ(raw[Channel::max_frame_size], 0x00);
  EXPECT_EQ(raw[Channel::max_frame_size + 1], 17);
}

TEST_F(ScriptedRemote, ReadsFramesSplitAnywhere) {
  Bytes stream;
  for (std::size_t size : {0u, 1u, 300u, 65519u, 2u}) append(stream, frame_of(remote_send, pattern(size)));
  Bytes expected;
  for (std::size_t size : {0u, 1u, 300u, 65519u, 2u}) append(expected, pattern(size));
  test::run(io, [&]() -> asio::awaitable<void> {
    auto trickle = [&]() -> asio::awaitable<void> {
      for (std::size_t i = 0; i < stream.size(); i += 997)
        EXPECT_TRUE(co_await io::write(*remote, BytesView(stream).subspan(i, std::min<std::size_t>(997, stream.size() - i))));
    };
    Bytes got(expected.size());
    co_await (trickle() && io::read_exactly(*ours, got));
    EXPECT_EQ(got, expected);
  }());
}

TEST_F(ScriptedRemote, ATamperedFrameFailsTheStream) {
  Bytes good = frame_of(remote_send, as_bytes("fine"));
  Bytes bad = frame_of(remote_send, pattern(100));
  bad[50] ^= 0x80;
  append(good, bad);
  send_raw(good);
  std::uint8_t buf[4];
  EXPECT_EQ(read(buf).value(), 4u);
  Bytes big(1000, 0xee);
  auto r = read(big);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, Errc::decrypt_failed);
  EXPECT_EQ(Bytes(big.begin(), big.begin() + 100), Bytes(100, 0)) << "no unauthenticated plaintext is left";
  EXPECT_EQ(read(big).error().code, Errc::decrypt_failed) << "the failure sticks";
}

TEST_F(ScriptedRemote, FramesBeforeABadOneAreDelivered) {
  Bytes stream = frame_of(remote_send, as_bytes("good"));
  append(stream, Bytes{0x00, 0x03, 1, 2, 3});  // a length below the tag size
  send_raw(stream);
  Bytes big(1000);
  EXPECT_EQ(read(big).value(), 4u);
  EXPECT_EQ(read(big).error().code, Errc::decrypt_failed);
}

TEST_F(ScriptedRemote, ATamperedFrameFailsThroughTheInternalBuffer) {
  Bytes bad = frame_of(remote_send, pattern(100));
  bad.back() ^= 0x01;  // the tag
  send_raw(bad);
  std::uint8_t buf[10];
  EXPECT_EQ(read(buf).error().code, Errc::decrypt_failed);
}

TEST_F(ScriptedRemote, AFrameShorterThanItsTagFails) {
  send_raw({0x00, 0x0f, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15});
  std::uint8_t buf[100];
  auto r = read(buf);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, Errc::decrypt_failed);
  EXPECT_EQ(r.error().message, "noise frame of 15 bytes, shorter than its 16-byte tag");
}

TEST_F(ScriptedRemote, FramesOutOfOrderFail) {
  Bytes first = frame_of(remote_send, as_bytes("one"));
  Bytes second = frame_of(remote_send, as_bytes("two"));
  append(second, first);
  send_raw(second);
  std::uint8_t buf[100];
  EXPECT_EQ(read(buf).error().code, Errc::decrypt_failed);
}

TEST_F(ScriptedRemote, AStreamEndingInsideAFrameFails) {
  Bytes frame = frame_of(remote_send, pattern(1000));
  frame.resize(500);
  send_raw(frame, true);
  std::uint8_t buf[100];
  auto r = read(buf);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, Errc::protocol_error);
}

TEST_F(ScriptedRemote, AStreamEndingBetweenFramesIsEndOfStream) {
  send_raw(frame_of(remote_send, as_bytes("bye")), true);
  std::uint8_t buf[100];
  EXPECT_EQ(read(buf).value(), 3u);
  EXPECT_EQ(read(buf).error().code, asio::error::eof);
}

TEST(Channel, RefusesToReuseTheLastNonce) {
  asio::io_context io;
  auto [x, y] = io::make_pipe(io.get_executor());
  CipherState send(key_ab);
  send.set_nonce(CipherState::reserved_nonce - 1);
  Channel ours(std::move(x), TransportCiphers{std::move(send), CipherState(key_ba)});
  test::run(io, [&]() -> asio::awaitable<void> {
    EXPECT_TRUE(co_await io::write(ours, as_bytes("the last message")));
    auto r = co_await io::write(ours, as_bytes("one too many"));
    EXPECT_EQ(r.error().code, Errc::nonce_exhausted);
    EXPECT_EQ((co_await io::write(ours, as_bytes("again"))).error().code, Errc::nonce_exhausted);
  }());
}

}  // namespace
}  // namespace libp2p::noise
