#pragma once

// The suite every stream multiplexer must pass. A muxer joins it with one
// line in a file of its own:
//
//   INSTANTIATE_TYPED_TEST_SUITE_P(Yamux, MuxerConformance, ::testing::Types<yamux::Yamux>);
//
// The type must be default-constructible and derive from muxer::Muxer; a
// connection type that is no Muxer (QUIC) specialises Connector instead.

#include "libp2p/io/notifier.hpp"
#include "libp2p/io/pipe.hpp"
#include "libp2p/muxer/muxer.hpp"
#include "support/run.hpp"

#include <boost/asio/detached.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/io_context.hpp>

#include <gtest/gtest.h>

#include <numeric>

namespace libp2p::muxer::conformance {

using namespace asio::experimental::awaitable_operators;

inline Bytes pattern(std::size_t n, std::uint8_t seed = 0) {
  Bytes b(n);
  std::iota(b.begin(), b.end(), seed);
  return b;
}

inline asio::awaitable<Bytes> read_to_end(io::ByteStream& s) {
  Bytes out;
  std::vector<std::uint8_t> buf(16 * 1024);
  for (;;) {
    auto n = co_await s.read_some(asio::buffer(buf));
    if (!n) {
      EXPECT_EQ(n.error().code, asio::error::eof) << n.error().message;
      co_return out;
    }
    out.insert(out.end(), buf.begin(), buf.begin() + static_cast<std::ptrdiff_t>(*n));
  }
}

// Whether the muxer has per-stream flow control. mplex has none (its spec,
// "Implementation notes"): rather than block a writer whose reader does not
// read, the receiver resets the stream once a bounded amount is buffered. Such
// a muxer specialises this to false in its conformance file, before joining
// the suite; ASlowReaderBoundsWhatTheWriterCanSend then checks that the writer
// is stopped by that reset, after a bounded amount.
template <class M>
inline constexpr bool has_flow_control = true;

// The value of `r`; throws (failing the test) if it is an error. (GCC 12
// cannot type `(co_await x).value()` inside these templates.)
template <class T>
T must(Result<T> r) {
  return std::move(r).value();
}

// How the suite gets two connected ends. The default runs the muxer over an
// in-memory pipe of `pipe_capacity` bytes.
template <class M>
struct Connector {
  M muxer;
  std::pair<std::shared_ptr<MuxedConnection>, std::shared_ptr<MuxedConnection>> connect(asio::io_context& io,
                                                                                        std::size_t pipe_capacity) {
    auto [a, b] = io::make_pipe(io.get_executor(), pipe_capacity);
    return {muxer.create(std::move(a), true), muxer.create(std::move(b), false)};
  }
  // After both connections closed: release what else keeps the io_context busy.
  void shutdown() {}
  // Runs until the connections are quiet (every coroutine waits).
  void settle(asio::io_context& io) {
    io.restart();
    while (io.poll() > 0) {
    }
  }
};

template <class M>
class MuxerConformance : public ::testing::Test {
 protected:
  asio::io_context io;
  Connector<M> connector;
  std::shared_ptr<MuxedConnection> dialer, listener;

  MuxerConformance() { connect(io::default_pipe_capacity); }

  void connect(std::size_t pipe_capacity) { std::tie(dialer, listener) = connector.connect(io, pipe_capacity); }

  void close_all() {
    dialer->close();
    listener->close();
    connector.shutdown();
    io.restart();
    io.run();  // everything the sessions spawned must finish
  }

  // Runs `task` until it completes. A session's own coroutines run as long
  // as its connection is open, and Asio counts them as work, so the
  // io_context never runs out of work while a test holds connections: this
  // runs until the task is done instead, and calls it a deadlock when
  // nothing is left to do for a while before that.
  void run(asio::awaitable<void> task) { test::run(io, std::move(task), std::chrono::seconds(10)); }

  void TearDown() override { close_all(); }

  // Echoes every inbound stream of `conn` until it closes.
  asio::awaitable<void> echo_server(std::shared_ptr<MuxedConnection> conn, std::size_t streams) {
    auto ex = co_await asio::this_coro::executor;
    for (std::size_t i = 0; i < streams; ++i) {
      auto s = co_await conn->accept_stream();
      if (!s) co_return;
      asio::co_spawn(
          ex,
          [](std::unique_ptr<MuxedStream> stream) -> asio::awaitable<void> {
            auto data = co_await read_to_end(*stream);
            EXPECT_TRUE(co_await io::write(*stream, data));
            EXPECT_TRUE(co_await stream->close_write());
          }(std::move(*s)),
          [](std::exception_ptr e) { EXPECT_FALSE(e); });
    }
  }

  asio::awaitable<void> echo_client(std::shared_ptr<MuxedConnection> conn, Bytes data) {
    auto s = co_await conn->open_stream();
    EXPECT_TRUE(s) << s.error().message;
    if (!s) co_return;
    auto stream = std::move(*s);
    EXPECT_TRUE(co_await io::write(*stream, data));
    EXPECT_TRUE(co_await stream->close_write());
    EXPECT_EQ(co_await read_to_end(*stream), data);
  }
};

TYPED_TEST_SUITE_P(MuxerConformance);

TYPED_TEST_P(MuxerConformance, EchoesOneStream) {
  this->run(this->echo_server(this->listener, 1) && this->echo_client(this->dialer, pattern(1000)));
}

TYPED_TEST_P(MuxerConformance, BothSidesOpenStreams) {
  this->run(this->echo_server(this->listener, 1) && this->echo_client(this->dialer, pattern(100)) &&
                          this->echo_server(this->dialer, 1) && this->echo_client(this->listener, pattern(200)));
}

TYPED_TEST_P(MuxerConformance, WritesBeforeTheRemoteAccepts) {
  this->run([this]() -> asio::awaitable<void> {
    auto s = must(co_await this->dialer->open_stream());
    EXPECT_TRUE(co_await io::write(*s, as_bytes("early")));
    EXPECT_TRUE(co_await s->close_write());
    auto in = must(co_await this->listener->accept_stream());
    EXPECT_EQ(as_string(co_await read_to_end(*in)), "early");
  }());
}

TYPED_TEST_P(MuxerConformance, HalfCloseLeavesTheOtherDirectionOpen) {
  this->run([this]() -> asio::awaitable<void> {
    auto out = must(co_await this->dialer->open_stream());
    EXPECT_TRUE(co_await out->close_write());
    auto in = must(co_await this->listener->accept_stream());
    EXPECT_EQ(co_await read_to_end(*in), Bytes{});
    EXPECT_TRUE(co_await io::write(*in, as_bytes("still open")));
    EXPECT_TRUE(co_await in->close_write());
    EXPECT_EQ(as_string(co_await read_to_end(*out)), "still open");
    // Writing after close_write fails locally.
    EXPECT_FALSE(co_await io::write(*out, as_bytes("x")));
  }());
}

TYPED_TEST_P(MuxerConformance, ResetReachesTheRemote) {
  this->run([this]() -> asio::awaitable<void> {
    auto out = must(co_await this->dialer->open_stream());
    EXPECT_TRUE(co_await io::write(*out, as_bytes("partial")));
    auto in = must(co_await this->listener->accept_stream());
    std::uint8_t buf[7];
    EXPECT_TRUE(co_await io::read_exactly(*in, buf));
    out->close();  // reset in the middle of the transfer
    auto r = co_await in->read_some(asio::buffer(buf));
    EXPECT_FALSE(r);
    if (r) co_return;
    EXPECT_EQ(r.error().code, asio::error::connection_reset) << r.error().message;
    EXPECT_FALSE(co_await io::write(*in, as_bytes("x")));
    // The connection itself lives on.
    EXPECT_FALSE(this->dialer->is_closed());
    co_await (this->echo_server(this->listener, 1) && this->echo_client(this->dialer, pattern(10)));
  }());
}

TYPED_TEST_P(MuxerConformance, DestroyingAStreamResetsIt) {
  this->run([this]() -> asio::awaitable<void> {
    {
      auto out = must(co_await this->dialer->open_stream());
      EXPECT_TRUE(co_await io::write(*out, as_bytes("bye")));
    }
    auto in = must(co_await this->listener->accept_stream());
    Bytes got;
    std::uint8_t buf[16];
    for (;;) {
      auto r = co_await in->read_some(asio::buffer(buf));
      if (!r) {
        EXPECT_EQ(r.error().code, asio::error::connection_reset) << r.error().message;
        break;
      }
      got.insert(got.end(), buf, buf + *r);
    }
    EXPECT_LE(got.size(), 3u);
  }());
}

// A handler that answers, half-closes and drops its stream without reading
// what is left (as identify does): the remote still reads the whole answer
// and then end of stream, not a reset that could discard the answer.
TYPED_TEST_P(MuxerConformance, DroppingAWriteClosedStreamKeepsTheAnswer) {
  this->run([this]() -> asio::awaitable<void> {
    auto out = must(co_await this->dialer->open_stream());
    EXPECT_TRUE(co_await io::write(*out, as_bytes("who are you?")));
    {
      auto in = must(co_await this->listener->accept_stream());
      EXPECT_TRUE(co_await io::write(*in, as_bytes("the answer")));
      EXPECT_TRUE(co_await in->close_write());
    }
    EXPECT_EQ(as_string(co_await read_to_end(*out)), "the answer");
    // The connection carries on.
    co_await (this->echo_server(this->listener, 1) && this->echo_client(this->dialer, pattern(10)));
  }());
}

TYPED_TEST_P(MuxerConformance, MovesMoreThanAWindowIntact) {
  const Bytes big = pattern(8 * 1024 * 1024 + 17, 3);
  this->run(this->echo_server(this->listener, 1) && this->echo_client(this->dialer, big));
}

TYPED_TEST_P(MuxerConformance, ThousandConcurrentStreams) {
  constexpr std::size_t n = 1000;
  this->run([this]() -> asio::awaitable<void> {
    auto ex = co_await asio::this_coro::executor;
    std::size_t finished = 0;
    io::Notifier all_finished(ex);
    for (std::size_t i = 0; i < n; ++i)
      asio::co_spawn(ex, this->echo_client(this->dialer, pattern(100 + i, static_cast<std::uint8_t>(i))),
                     [&](std::exception_ptr e) {
                       EXPECT_FALSE(e);
                       if (++finished == n) all_finished.notify();
                     });
    co_await this->echo_server(this->listener, n);
    while (finished < n) co_await all_finished.async_wait(use_result);
  }());
}

TYPED_TEST_P(MuxerConformance, ASlowReaderBoundsWhatTheWriterCanSend) {
  // The reader never reads: the writer must stop after a bounded amount (the
  // muxer's receive window plus what the pipe buffers), not grow memory.
  this->close_all();
  this->connect(64 * 1024);
  struct Progress {
    std::size_t written = 0;
    bool writer_done = false;
    ErrorCode write_error;
    std::unique_ptr<MuxedStream> inbound;
  };
  auto progress = std::make_shared<Progress>();
  asio::co_spawn(
      this->io,
      [](std::shared_ptr<MuxedConnection> conn, std::shared_ptr<Progress> p) -> asio::awaitable<void> {
        auto out = co_await conn->open_stream();
        if (!out) co_return;
        const Bytes chunk(64 * 1024, 0x5a);
        for (int i = 0; i < 1024; ++i) {  // 64 MiB, far beyond any window
          if (auto r = co_await io::write(**out, chunk); !r) {
            p->write_error = r.error().code;
            break;
          }
          p->written += chunk.size();
        }
        p->writer_done = true;
      }(this->dialer, progress),
      asio::detached);
  asio::co_spawn(
      this->io,
      [](std::shared_ptr<MuxedConnection> conn, std::shared_ptr<Progress> p) -> asio::awaitable<void> {
        if (auto s = co_await conn->accept_stream()) p->inbound = std::move(*s);
      }(this->listener, progress),
      asio::detached);
  this->connector.settle(this->io);  // until every coroutine waits: the writer is blocked
  if constexpr (has_flow_control<TypeParam>) {
    EXPECT_FALSE(progress->writer_done);
  } else {  // the receiver reset the stream: the writer's next write failed
    EXPECT_TRUE(progress->writer_done);
    EXPECT_EQ(progress->write_error, asio::error::connection_reset) << progress->write_error.message();
  }
  EXPECT_LE(progress->written, 32u * 1024 * 1024) << "a reader that never reads let the writer send "
                                                  << progress->written;
  EXPECT_GT(progress->written, 0u);
}

TYPED_TEST_P(MuxerConformance, ClosingTheConnectionFailsEverything) {
  this->run([this]() -> asio::awaitable<void> {
    auto out = must(co_await this->dialer->open_stream());
    EXPECT_TRUE(co_await io::write(*out, as_bytes("x")));
    auto in = must(co_await this->listener->accept_stream());
    this->dialer->close();
    EXPECT_TRUE(this->dialer->is_closed());
    EXPECT_FALSE(co_await this->dialer->open_stream());
    EXPECT_FALSE(co_await this->listener->accept_stream());  // the remote sees the connection end
    std::uint8_t buf[8];
    for (;;) {  // the byte already sent may still arrive; then the stream fails
      auto r = co_await in->read_some(asio::buffer(buf));
      if (!r) break;
    }
    EXPECT_FALSE(co_await io::write(*out, as_bytes("y")));
  }());
}

TYPED_TEST_P(MuxerConformance, TheRemoteVanishing) {
  this->run([this]() -> asio::awaitable<void> {
    auto out = must(co_await this->dialer->open_stream());
    EXPECT_TRUE(co_await io::write(*out, as_bytes("x")));
    (void)co_await this->listener->accept_stream();
    this->listener->close();
    std::uint8_t buf[8];
    auto r = co_await out->read_some(asio::buffer(buf));
    EXPECT_FALSE(r);
    EXPECT_FALSE(co_await this->dialer->accept_stream());
  }());
}

REGISTER_TYPED_TEST_SUITE_P(MuxerConformance, EchoesOneStream, BothSidesOpenStreams, WritesBeforeTheRemoteAccepts,
                            HalfCloseLeavesTheOtherDirectionOpen, ResetReachesTheRemote, DestroyingAStreamResetsIt,
                            DroppingAWriteClosedStreamKeepsTheAnswer,
                            MovesMoreThanAWindowIntact, ThousandConcurrentStreams,
                            ASlowReaderBoundsWhatTheWriterCanSend, ClosingTheConnectionFailsEverything,
                            TheRemoteVanishing);

}  // namespace libp2p::muxer::conformance
