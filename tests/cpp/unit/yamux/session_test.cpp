// The session against a scripted remote: the test plays the other side of
// the pipe frame by frame.
#include "libp2p/io/pipe.hpp"
#include "libp2p/muxer/yamux/errc.hpp"
#include "libp2p/muxer/yamux/yamux.hpp"
#include "support/run.hpp"

#include <boost/asio/detached.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/io_context.hpp>

#include <gtest/gtest.h>

// GCC 12 sees Asio's awaitable frame allocation and deallocation inlined
// together in some of these tests and wrongly calls them mismatched.
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"

namespace libp2p::yamux {
namespace {

using muxer::MuxedConnection;
using muxer::MuxedStream;

struct Frame {
  Header header;
  Bytes payload;
};

// Keep-alive off: the tests drive every frame (keep-alive has its own tests).
Config quiet() { return Config{.keepalive_interval = {}}; }

class YamuxSession : public ::testing::Test {
 protected:
  asio::io_context io;
  std::shared_ptr<MuxedConnection> conn;
  std::unique_ptr<io::ByteStream> remote;

  // We are the client (odd stream ids) unless `initiator` is false.
  void start(Config config = quiet(), bool initiator = true) {
    auto [a, b] = io::make_pipe(io.get_executor());
    conn = Yamux(config).create(std::move(a), initiator);
    remote = std::move(b);
  }

  void SetUp() override { start(); }

  void TearDown() override {
    conn->close();
    io.restart();
    io.run();
  }

  // Runs `task` to its end (the session's coroutines live on: the
  // io_context never runs out of work while it is open).
  void run(asio::awaitable<void> task) { test::run(io, std::move(task), std::chrono::seconds(10)); }

  void settle() {
    io.restart();
    while (io.poll() > 0) {
    }
  }

  asio::awaitable<void> send(Header h, BytesView payload = {}) {
    auto head = encode(h);
    const asio::const_buffer parts[] = {asio::buffer(head), asio::buffer(payload.data(), payload.size())};
    EXPECT_TRUE(co_await remote->write(parts));
  }

  asio::awaitable<void> send_raw(Bytes bytes) { EXPECT_TRUE(co_await io::write(*remote, bytes)); }

  // A GoAway(normal), and a ping whose answer shows the session read it.
  asio::awaitable<void> send_go_away() {
    co_await send({FrameType::go_away, 0, 0, 0});
    co_await send({FrameType::ping, flag::syn, 0, 1});
    (void)co_await expect();  // the pong
  }

  // The next frame from the session; nullopt once it closed the connection.
  asio::awaitable<std::optional<Frame>> next() {
    EncodedHeader head;
    if (!co_await io::read_exactly(*remote, head)) co_return std::nullopt;
    auto h = decode(head);
    EXPECT_TRUE(h) << h.error().message;
    if (!h) co_return std::nullopt;
    Frame f{*h, {}};
    if (h->type == FrameType::data) {
      f.payload.resize(h->length);
      if (!co_await io::read_exactly(*remote, f.payload)) co_return std::nullopt;
    }
    co_return f;
  }

  asio::awaitable<Frame> expect() {
    auto f = co_await next();
    if (!f) throw std::runtime_error("the session closed the connection");
    co_return *f;
  }

  // Every session starts with a Ping measuring the round trip; the tests
  // leave it unanswered (no round trip: no window auto-tuning).
  asio::awaitable<void> expect_first_ping() {
    auto f = co_await expect();
    EXPECT_EQ(f.header.type, FrameType::ping);
    EXPECT_EQ(f.header.flags, flag::syn);
  }

  // Reads until the session closes the connection; returns the last frame.
  asio::awaitable<std::optional<Frame>> drain() {
    std::optional<Frame> last;
    while (auto f = co_await next()) last = f;
    co_return last;
  }
};

TEST_F(YamuxSession, AcknowledgesAnInboundStreamWhenItIsAccepted) {
  run([this]() -> asio::awaitable<void> {
    co_await expect_first_ping();
    co_await send({FrameType::window_update, flag::syn, 2, 0});
    auto s = co_await conn->accept_stream();
    EXPECT_TRUE(s) << s.error().message;
    if (!(s)) co_return;
    auto ack = co_await expect();
    EXPECT_EQ(ack.header, (Header{FrameType::window_update, flag::ack, 2, 0}));
    co_await send({FrameType::data, 0, 2, 5}, as_bytes("hello"));
    std::uint8_t buf[5];
    EXPECT_TRUE(co_await io::read_exactly(**s, buf));
    EXPECT_EQ(as_string(buf), "hello");
  }());
}

TEST_F(YamuxSession, OpensStreamsWithSynOnOddIdsAsTheClient) {
  run([this]() -> asio::awaitable<void> {
    co_await expect_first_ping();
    auto a = (co_await conn->open_stream()).value();
    auto b = (co_await conn->open_stream()).value();
    EXPECT_EQ((co_await expect()).header, (Header{FrameType::window_update, flag::syn, 1, 0}));
    EXPECT_EQ((co_await expect()).header, (Header{FrameType::window_update, flag::syn, 3, 0}));
    EXPECT_TRUE(co_await io::write(*b, as_bytes("on 3")));
    auto data = co_await expect();
    EXPECT_EQ(data.header, (Header{FrameType::data, 0, 3, 4}));
    EXPECT_EQ(as_string(data.payload), "on 3");
    EXPECT_TRUE(co_await a->close_write());
    EXPECT_EQ((co_await expect()).header, (Header{FrameType::window_update, flag::fin, 1, 0}));
    b->close();
    EXPECT_EQ((co_await expect()).header, (Header{FrameType::window_update, flag::rst, 3, 0}));
  }());
}

TEST_F(YamuxSession, UsesEvenIdsAsTheServerAndAnnouncesALargerInitialWindow) {
  conn->close();
  auto config = quiet();
  config.initial_stream_window = 1024 * 1024;
  start(config, false);
  run([this]() -> asio::awaitable<void> {
    co_await expect_first_ping();
    auto a = (co_await conn->open_stream()).value();
    EXPECT_EQ((co_await expect()).header, (Header{FrameType::window_update, flag::syn, 2, 768 * 1024}));
    co_await send({FrameType::window_update, flag::syn, 1, 0});
    auto in = (co_await conn->accept_stream()).value();
    EXPECT_EQ((co_await expect()).header, (Header{FrameType::window_update, flag::ack, 1, 768 * 1024}));
  }());
}

TEST_F(YamuxSession, NeverSendsBeyondTheWindow) {
  struct State {
    std::size_t received = 0;
    bool written = false;
    std::unique_ptr<MuxedStream> stream;
  };
  auto st = std::make_shared<State>();
  asio::co_spawn(io, [this, st]() -> asio::awaitable<void> {
    st->stream = (co_await conn->open_stream()).value();
    const Bytes big(1024 * 1024, 7);
    st->written = bool(co_await io::write(*st->stream, big));
  }, asio::detached);
  asio::co_spawn(io, [this, st]() -> asio::awaitable<void> {
    while (auto f = co_await next())
      if (f->header.type == FrameType::data) {
        EXPECT_EQ(f->header.stream_id, 1u);
        st->received += f->payload.size();
      }
  }, asio::detached);
  settle();
  EXPECT_EQ(st->received, 256u * 1024) << "the remote granted only the initial window";
  EXPECT_FALSE(st->written);
  asio::co_spawn(io, send({FrameType::window_update, flag::ack, 1, 1000}), asio::detached);
  settle();
  EXPECT_EQ(st->received, 256u * 1024 + 1000);
  asio::co_spawn(io, send({FrameType::window_update, 0, 1, 1024 * 1024}), asio::detached);
  settle();
  EXPECT_EQ(st->received, 1024u * 1024);
  EXPECT_TRUE(st->written);
}

TEST_F(YamuxSession, HonoursAWindowGrantedOnTheSyn) {
  struct State {
    std::size_t received = 0;
    std::unique_ptr<MuxedStream> stream;
  };
  auto st = std::make_shared<State>();
  asio::co_spawn(io, [this, st]() -> asio::awaitable<void> {
    co_await send({FrameType::window_update, flag::syn, 2, 1024 * 1024});
    st->stream = (co_await conn->accept_stream()).value();
    const Bytes big(2 * 1024 * 1024, 1);
    (void)co_await io::write(*st->stream, big);
  }, asio::detached);
  asio::co_spawn(io, [this, st]() -> asio::awaitable<void> {
    while (auto f = co_await next())
      if (f->header.type == FrameType::data) {
        EXPECT_LE(f->payload.size(), Config{}.max_frame_size);
        st->received += f->payload.size();
      }
  }, asio::detached);
  settle();
  EXPECT_EQ(st->received, 256u * 1024 + 1024 * 1024) << "the initial window and the SYN's delta, no more";
}

TEST_F(YamuxSession, ReturnsReadDataInAWindowUpdate) {
  run([this]() -> asio::awaitable<void> {
    co_await expect_first_ping();
    co_await send({FrameType::window_update, flag::syn, 2, 0});
    auto s = (co_await conn->accept_stream()).value();
    (void)co_await expect();  // ACK
    // One Data frame may carry the whole window.
    const Bytes data(256 * 1024, 3);
    co_await send({FrameType::data, 0, 2, static_cast<std::uint32_t>(data.size())}, data);
    Bytes got(100 * 1024);
    EXPECT_TRUE(co_await io::read_exactly(*s, got));  // less than half: no update yet
    got.resize(28 * 1024);
    EXPECT_TRUE(co_await io::read_exactly(*s, got));  // 128 KiB read
    EXPECT_EQ((co_await expect()).header, (Header{FrameType::window_update, 0, 2, 128 * 1024}));
  }());
}

TEST_F(YamuxSession, AnswersAPingWithTheSameOpaqueValue) {
  run([this]() -> asio::awaitable<void> {
    co_await expect_first_ping();
    co_await send({FrameType::ping, flag::syn, 0, 0xdeadbeef});
    EXPECT_EQ((co_await expect()).header, (Header{FrameType::ping, flag::ack, 0, 0xdeadbeef}));
    co_await send({FrameType::ping, flag::syn, 0, 7});
    EXPECT_EQ((co_await expect()).header, (Header{FrameType::ping, flag::ack, 0, 7}));
  }());
}

TEST_F(YamuxSession, AGoAwayStopsNewStreamsButNotOpenOnes) {
  run([this]() -> asio::awaitable<void> {
    co_await expect_first_ping();
    auto s = (co_await conn->open_stream()).value();
    (void)co_await expect();  // SYN
    co_await send_go_away();
    auto refused = co_await conn->open_stream();
    EXPECT_EQ(refused ? ErrorCode() : refused.error().code, Errc::go_away);
    auto accept = co_await conn->accept_stream();
    EXPECT_EQ(accept ? ErrorCode() : accept.error().code, Errc::go_away);
    EXPECT_FALSE(conn->is_closed());
    co_await send({FrameType::data, flag::ack, 1, 2}, as_bytes("ok"));
    std::uint8_t buf[2];
    EXPECT_TRUE(co_await io::read_exactly(*s, buf));
    EXPECT_TRUE(co_await io::write(*s, as_bytes("still")));
    EXPECT_EQ(as_string((co_await expect()).payload), "still");
  }());
}

// Closing after the remote's GoAway (what the swarm does) ends the session
// for the remote's reason: the open streams are reset, not aborted.
TEST_F(YamuxSession, ClosingAfterTheRemotesGoAwayResetsTheStreams) {
  run([this]() -> asio::awaitable<void> {
    co_await expect_first_ping();
    auto s = (co_await conn->open_stream()).value();
    (void)co_await expect();  // SYN
    co_await send_go_away();
    conn->close();
    std::uint8_t buf[1];
    auto r = co_await s->read_some(asio::buffer(buf));
    EXPECT_FALSE(r);
    if ((r)) co_return;
    EXPECT_EQ(r.error().code, asio::error::connection_reset) << r.error().message;
    EXPECT_NE(r.error().message.find("GoAway"), std::string::npos) << r.error().message;
  }());
}

TEST_F(YamuxSession, AConnectionLostResetsTheStreams) {
  run([this]() -> asio::awaitable<void> {
    co_await expect_first_ping();
    auto s = (co_await conn->open_stream()).value();
    (void)co_await expect();  // SYN
    remote->close();
    std::uint8_t buf[1];
    auto r = co_await s->read_some(asio::buffer(buf));
    EXPECT_FALSE(r);
    if ((r)) co_return;
    EXPECT_EQ(r.error().code, asio::error::connection_reset) << r.error().message;
  }());
}

TEST_F(YamuxSession, AGoAwayWithAnErrorEndsTheSession) {
  run([this]() -> asio::awaitable<void> {
    co_await expect_first_ping();
    co_await send({FrameType::go_away, 0, 0, 2});
    EXPECT_FALSE(co_await drain()) << "no GoAway in answer";
    auto accept = co_await conn->accept_stream();
    EXPECT_FALSE(accept);
    if ((accept)) co_return;
    EXPECT_EQ(accept.error().code, Errc::go_away);
    EXPECT_NE(accept.error().message.find("internal error"), std::string::npos) << accept.error().message;
    EXPECT_TRUE(conn->is_closed());
  }());
}

TEST_F(YamuxSession, RefusesInboundStreamsBeyondTheLimitWithRst) {
  conn->close();
  auto config = quiet();
  config.max_inbound_streams = 2;
  start(config);
  run([this]() -> asio::awaitable<void> {
    co_await expect_first_ping();
    co_await send({FrameType::window_update, flag::syn, 2, 0});
    co_await send({FrameType::window_update, flag::syn, 4, 0});
    co_await send({FrameType::data, flag::syn, 6, 3}, as_bytes("abc"));
    EXPECT_EQ((co_await expect()).header, (Header{FrameType::window_update, flag::rst, 6, 0}));
    auto a = (co_await conn->accept_stream()).value();
    auto b = (co_await conn->accept_stream()).value();
    (void)co_await expect();
    (void)co_await expect();  // the ACKs
    b->close();  // frees a place
    EXPECT_EQ((co_await expect()).header, (Header{FrameType::window_update, flag::rst, 4, 0}));
    co_await send({FrameType::window_update, flag::syn, 8, 0});
    auto c = co_await conn->accept_stream();
    EXPECT_TRUE(c);
    EXPECT_FALSE(conn->is_closed());
  }());
}

TEST_F(YamuxSession, RefusesInboundStreamsBeyondTheAcceptBacklogWithRst) {
  conn->close();
  auto config = quiet();
  config.accept_backlog = 1;
  start(config);
  run([this]() -> asio::awaitable<void> {
    co_await expect_first_ping();
    co_await send({FrameType::window_update, flag::syn, 2, 0});
    co_await send({FrameType::window_update, flag::syn, 4, 0});
    EXPECT_EQ((co_await expect()).header, (Header{FrameType::window_update, flag::rst, 4, 0}));
  }());
}

TEST_F(YamuxSession, OpenStreamWaitsWhileTheAckBacklogIsFull) {
  conn->close();
  auto config = quiet();
  config.ack_backlog = 2;
  start(config);
  auto opened = std::make_shared<std::vector<std::unique_ptr<MuxedStream>>>();
  asio::co_spawn(io, [this, opened]() -> asio::awaitable<void> {
    for (int i = 0; i < 3; ++i) opened->push_back((co_await conn->open_stream()).value());
  }, asio::detached);
  settle();
  EXPECT_EQ(opened->size(), 2u);
  asio::co_spawn(io, send({FrameType::window_update, flag::ack, 1, 0}), asio::detached);
  settle();
  EXPECT_EQ(opened->size(), 3u);
}

TEST_F(YamuxSession, DropsFramesForAStreamThatWasReset) {
  run([this]() -> asio::awaitable<void> {
    co_await expect_first_ping();
    co_await send({FrameType::window_update, flag::syn, 2, 0});
    co_await send({FrameType::window_update, flag::rst, 2, 0});
    co_await send({FrameType::data, 0, 2, 4}, as_bytes("late"));
    co_await send({FrameType::window_update, 0, 2, 100});
    co_await send({FrameType::ping, flag::syn, 0, 9});
    EXPECT_EQ((co_await expect()).header, (Header{FrameType::ping, flag::ack, 0, 9}));
    EXPECT_FALSE(conn->is_closed());
    auto s = (co_await conn->accept_stream()).value();
    std::uint8_t buf[1];
    auto r = co_await s->read_some(asio::buffer(buf));
    EXPECT_FALSE(r);
    if ((r)) co_return;
    EXPECT_EQ(r.error().code, asio::error::connection_reset);
  }());
}

TEST_F(YamuxSession, EndOfStreamOnFinAfterTheData) {
  run([this]() -> asio::awaitable<void> {
    co_await expect_first_ping();
    co_await send({FrameType::data, flag::syn | flag::fin, 2, 3}, as_bytes("end"));
    auto s = (co_await conn->accept_stream()).value();
    std::uint8_t buf[8];
    auto n = co_await s->read_some(asio::buffer(buf));
    EXPECT_TRUE(n);
    if (!(n)) co_return;
    EXPECT_EQ(as_string(BytesView(buf, *n)), "end");
    auto eof = co_await s->read_some(asio::buffer(buf));
    EXPECT_FALSE(eof);
    if ((eof)) co_return;
    EXPECT_EQ(eof.error().code, asio::error::eof);
  }());
}

// A stream dropped after close_write() (a handler that answered and left)
// ends with its FIN and no RST: js-libp2p drops unread data on a RST, so the
// answer would be lost. The remote's later frames for it are dropped.
TEST_F(YamuxSession, DroppingAStreamClosedForWritingSendsNoRst) {
  run([this]() -> asio::awaitable<void> {
    co_await expect_first_ping();
    co_await send({FrameType::window_update, flag::syn, 2, 0});
    {
      auto s = (co_await conn->accept_stream()).value();
      EXPECT_EQ((co_await expect()).header, (Header{FrameType::window_update, flag::ack, 2, 0}));
      EXPECT_TRUE(co_await io::write(*s, as_bytes("answer")));
      EXPECT_TRUE(co_await s->close_write());
    }
    auto data = co_await expect();
    EXPECT_EQ(data.header, (Header{FrameType::data, 0, 2, 6}));
    EXPECT_EQ(as_string(data.payload), "answer");
    EXPECT_EQ((co_await expect()).header, (Header{FrameType::window_update, flag::fin, 2, 0}));
    co_await send({FrameType::data, 0, 2, 4}, as_bytes("late"));
    co_await send({FrameType::window_update, flag::fin, 2, 0});
    co_await send({FrameType::ping, flag::syn, 0, 7});
    // The Pong is the next frame: no RST before it.
    EXPECT_EQ((co_await expect()).header, (Header{FrameType::ping, flag::ack, 0, 7}));
    EXPECT_FALSE(conn->is_closed());
  }());
}

TEST_F(YamuxSession, KeepAlivePingsAndClosesWhenNothingAnswers) {
  conn->close();
  auto config = quiet();
  config.keepalive_interval = std::chrono::milliseconds(1);
  start(config);
  run([this]() -> asio::awaitable<void> {
    co_await expect_first_ping();  // unanswered: the session gives up
    EXPECT_FALSE(co_await drain());
    auto accept = co_await conn->accept_stream();
    EXPECT_FALSE(accept);
    if ((accept)) co_return;
    EXPECT_EQ(accept.error().code, Errc::keepalive_timeout) << accept.error().message;
  }());
}

TEST_F(YamuxSession, KeepAlivePingsAgainOnceAnswered) {
  conn->close();
  auto config = quiet();
  // Each answer must arrive within an interval: long enough for a loaded
  // machine (the test takes three intervals).
  config.keepalive_interval = std::chrono::milliseconds(200);
  start(config);
  run([this]() -> asio::awaitable<void> {
    for (int i = 0; i < 3; ++i) {
      auto ping = co_await expect();
      EXPECT_EQ(ping.header.type, FrameType::ping);
      EXPECT_EQ(ping.header.flags, flag::syn);
      co_await send({FrameType::ping, flag::ack, 0, ping.header.length});
    }
    conn->close();
    EXPECT_EQ((co_await drain())->header, (Header{FrameType::go_away, 0, 0, 0}));
  }());
}

TEST_F(YamuxSession, CloseSendsGoAwayAndFailsEverything) {
  run([this]() -> asio::awaitable<void> {
    co_await expect_first_ping();
    auto s = (co_await conn->open_stream()).value();
    (void)co_await expect();  // SYN
    conn->close();
    EXPECT_EQ((co_await drain())->header, (Header{FrameType::go_away, 0, 0, 0}));
    auto w = co_await io::write(*s, as_bytes("x"));
    EXPECT_FALSE(w);
    if ((w)) co_return;
    EXPECT_EQ(w.error().code, asio::error::operation_aborted) << w.error().message;
    auto o = co_await conn->open_stream();
    EXPECT_FALSE(o);
    if ((o)) co_return;
    EXPECT_EQ(o.error().code, Errc::session_closed);
  }());
}

// A violation: the session answers GoAway(protocol error), closes, and says why.
struct Violation {
  const char* name;
  std::vector<Bytes> frames;  // sent in order
  const char* reason;         // part of the error message
};

Bytes frame(Header h, BytesView payload = {}) {
  Bytes out(header_size + payload.size());
  encode(h, std::span<std::uint8_t, header_size>(out.data(), header_size));
  std::copy(payload.begin(), payload.end(), out.begin() + header_size);
  return out;
}

class YamuxViolation : public YamuxSession, public ::testing::WithParamInterface<Violation> {};

TEST_P(YamuxViolation, EndsOnlyThatConnectionWithAClearError) {
  run([this]() -> asio::awaitable<void> {
    co_await expect_first_ping();
    for (const auto& f : GetParam().frames) co_await send_raw(f);
    auto last = co_await drain();
    EXPECT_TRUE(last);
    if (!(last)) co_return;
    EXPECT_EQ(last->header, (Header{FrameType::go_away, 0, 0, 1}));
    EXPECT_TRUE(conn->is_closed());
    auto accept = co_await conn->accept_stream();
    while (accept) accept = co_await conn->accept_stream();  // streams opened before the violation
    EXPECT_EQ(accept.error().code, Errc::protocol_error);
    EXPECT_NE(accept.error().message.find(GetParam().reason), std::string::npos) << accept.error().message;
  }());
}

const Bytes syn2 = frame({FrameType::window_update, flag::syn, 2, 0});

INSTANTIATE_TEST_SUITE_P(
    Yamux, YamuxViolation,
    ::testing::Values(
        Violation{"UnknownType", {Bytes{0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}}, "unknown type 4"},
        Violation{"BadVersion", {Bytes{1, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 0}}, "version 1"},
        Violation{"DataBeyondTheWindow", {syn2, frame({FrameType::data, 0, 2, 256 * 1024 + 1})}, "beyond the receive window"},
        Violation{"DataBeyondTheWindowInSmallFrames",
                  {syn2, frame({FrameType::data, 0, 2, 200 * 1024}, Bytes(200 * 1024)),
                   frame({FrameType::data, 0, 2, 57 * 1024})},
                  "beyond the receive window"},
        Violation{"FirstDataBeyondTheInitialWindow", {frame({FrameType::data, flag::syn, 2, 256 * 1024 + 1})}, "initial window"},
        Violation{"FrameLargerThanAnyWindow", {frame({FrameType::data, 0, 2, 0xffffffff})}, "larger than any window"},
        Violation{"DataOnAStreamNeverOpened", {frame({FrameType::data, 0, 4, 1}, Bytes{1})}, "never opened"},
        Violation{"WindowUpdateOnOurStreamNeverOpened", {frame({FrameType::window_update, 0, 7, 1})}, "never opened"},
        Violation{"SynReusingAnOpenId", {syn2, syn2}, "already open"},
        Violation{"SynWithOurParity", {frame({FrameType::window_update, flag::syn, 1, 0})}, "our parity"},
        Violation{"StreamFrameOnTheSessionId", {frame({FrameType::data, 0, 0, 0})}, "stream id 0"},
        Violation{"WindowOverflow", {syn2, frame({FrameType::window_update, 0, 2, 0xffffffff})}, "2^32"}),
    [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace libp2p::yamux
