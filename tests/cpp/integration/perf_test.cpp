// perf (/perf/1.0.0) between two hosts, over the memory transport and TCP:
// runs of every shape, a truncated header, a client that goes away mid-run.

#include "libp2p/io/event.hpp"
#include "libp2p/libp2p.hpp"
#include "libp2p/multistream/errc.hpp"
#include "libp2p/peer/peer_address.hpp"

#include "support/run.hpp"

#include <boost/asio/error.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>

#include <gtest/gtest.h>

#include <limits>
#include <optional>

namespace libp2p {
namespace {

using namespace asio::experimental::awaitable_operators;
using multiformats::Multiaddr;

constexpr auto u64_max = std::numeric_limits<std::uint64_t>::max();

struct Setup {
  std::string_view listen;
  host::Muxer muxer;
};

std::string name(const Setup& s) {
  return std::string(s.listen.starts_with("/memory") ? "Memory" : "Tcp") +
         (s.muxer == host::Muxer::yamux ? "Yamux" : "Mplex");
}
void PrintTo(const Setup& s, std::ostream* os) { *os << name(s); }

host::Config config(const Setup& s, bool perf) {
  host::Config c;
  c.listen = {Multiaddr::from_string(s.listen).value()};
  c.muxers = {s.muxer};
  c.perf = perf;
  return c;
}

// A client host and a server host, connected; the server serves perf.
struct Pair {
  asio::io_context io;
  std::shared_ptr<host::Host> client, server;
  peer::PeerId peer;

  explicit Pair(const Setup& s)
      : client(make_host(io.get_executor(), config(s, false)).value()),
        server(make_host(io.get_executor(), config(s, true)).value()),
        peer(server->peer_id()) {
    const auto address = peer::with_peer_id(server->addresses().front(), peer).value();
    test::run(io, [](std::shared_ptr<host::Host> c, Multiaddr a) -> asio::awaitable<void> {
      auto r = co_await c->connect(std::move(a));
      if (!r) throw Exception(r.error());
    }(client, address));
  }
  ~Pair() {
    client->close();
    server->close();
    io.restart();
    io.run();  // everything must wind down: a hang here is a leak
  }

  Result<perf::Measurement> perf(std::uint64_t upload, std::uint64_t download) {
    return test::run(io, perf::perf(*client, peer, upload, download));
  }

  // A perf stream on which the client sent `bytes` and closed its side.
  asio::awaitable<Result<host::Stream>> send(BytesView bytes) {
    auto s = co_await client->new_stream(peer, std::vector<std::string>(1, std::string(perf::protocol_id)));
    if (!s) co_return std::move(s);
    if (auto r = co_await io::write(*s, bytes); !r) co_return r.error();
    if (auto r = co_await s->close_write(); !r) co_return r.error();
    co_return std::move(s);
  }
};

class PerfOver : public ::testing::TestWithParam<Setup> {};

TEST_P(PerfOver, RunsOfEveryShape) {
  Pair p(GetParam());
  struct Shape {
    std::uint64_t upload, download;
  };
  for (auto [up, down] : {Shape{3'000'000, 0}, Shape{0, 3'000'000}, Shape{1'000'000, 2'000'001}, Shape{0, 0}}) {
    auto m = p.perf(up, down);
    ASSERT_TRUE(m) << m.error().what();
    EXPECT_EQ(m->upload_bytes, up);
    EXPECT_EQ(m->download_bytes, down);
    EXPECT_GE(m->total_time, m->upload_time + m->download_time);
  }
  EXPECT_EQ(p.client->connections().size(), 1u);  // every run on the one connection
}

// What the server did with the last perf stream, through a handler in place
// of perf::serve's that keeps respond()'s result.
struct ServerRun {
  std::optional<Result<std::uint64_t>> result;
  io::Event started, done;
  explicit ServerRun(asio::any_io_executor ex) : started(ex), done(ex) {}
};

std::shared_ptr<ServerRun> watch_server(host::Host& server) {
  auto run = std::make_shared<ServerRun>(server.get_executor());
  server.set_stream_handler(std::string(perf::protocol_id), [run](host::Stream s) -> asio::awaitable<void> {
    run->started.set();
    run->result = co_await perf::respond(s);
    if (!*run->result) s.close();
    run->done.set();
  });
  return run;
}

TEST_P(PerfOver, ATruncatedHeaderResetsTheStream) {
  Pair p(GetParam());
  auto server = watch_server(*p.server);
  test::run(p.io, [&]() -> asio::awaitable<void> {
    const Bytes three{0, 0, 1};
    auto s = co_await p.send(three);
    EXPECT_TRUE(s) << s.error().what();
    if (!s) co_return;
    std::uint8_t byte;
    auto r = co_await s->read_some(asio::buffer(&byte, 1));
    EXPECT_FALSE(r);
    if (!r) {
      EXPECT_EQ(r.error().code, asio::error::connection_reset) << r.error().what();
    }
    co_await server->done.wait();
  }());
  ASSERT_TRUE(server->result);
  ASSERT_FALSE(*server->result);
  EXPECT_EQ(server->result->error().message, "perf: the stream ended after 3 of the 8 header bytes");
  auto m = p.perf(10, 10);  // the connection is fine
  EXPECT_TRUE(m) << m.error().what();
}

TEST_P(PerfOver, AClientThatResetsMidDownloadStopsTheServer) {
  Pair p(GetParam());
  auto server = watch_server(*p.server);
  test::run(p.io, [&]() -> asio::awaitable<void> {
    const auto header = perf::encode_header(u64_max);  // served as read, never all at once
    auto s = co_await p.send(header);
    EXPECT_TRUE(s) << s.error().what();
    if (!s) co_return;
    Bytes some(1024 * 1024);  // below mplex's 4 MiB per stream: it has no flow control
    EXPECT_TRUE(co_await io::read_exactly(*s, some));
    s->close();
    co_await server->done.wait();
  }());
  ASSERT_TRUE(server->result);
  ASSERT_FALSE(*server->result);
  EXPECT_NE(server->result->error().message.find("perf: sending the 18446744073709551615 bytes asked for"),
            std::string::npos)
      << server->result->error().what();
  auto m = p.perf(0, 100);
  EXPECT_TRUE(m) << m.error().what();
}

// Cancelling perf() mid-run resets its stream: the server stops, the
// connection lives on.
TEST_P(PerfOver, ACancelledRunResetsItsStream) {
  Pair p(GetParam());
  auto server = watch_server(*p.server);
  test::run(p.io, [&]() -> asio::awaitable<void> {
    auto raced = co_await (perf::perf(*p.client, p.peer, 0, u64_max) || server->started.wait());
    EXPECT_EQ(raced.index(), 1u);
    co_await server->done.wait();
  }());
  ASSERT_TRUE(server->result);
  EXPECT_FALSE(*server->result);
  auto m = p.perf(100, 0);
  EXPECT_TRUE(m) << m.error().what();
}

INSTANTIATE_TEST_SUITE_P(Perf, PerfOver,
                         ::testing::Values(Setup{"/memory/0", host::Muxer::yamux},
                                           Setup{"/ip4/127.0.0.1/tcp/0", host::Muxer::yamux},
                                           Setup{"/ip4/127.0.0.1/tcp/0", host::Muxer::mplex}),
                         [](const auto& info) { return name(info.param); });

TEST(Perf, IsServedOnlyWhenTheConfigSaysSo) {
  EXPECT_FALSE(host::Config{}.perf);  // perf.md, "Security Considerations"
  asio::io_context io;
  auto off = make_host(io.get_executor(), host::Config{}).value();
  host::Config c;
  c.perf = true;
  auto on = make_host(io.get_executor(), c).value();
  const auto has_perf = [](const host::Host& h) {
    const auto list = h.protocols();
    return std::find(list.begin(), list.end(), perf::protocol_id) != list.end();
  };
  EXPECT_FALSE(has_perf(*off));
  EXPECT_TRUE(has_perf(*on));
  off->close();
  on->close();
  io.run();
}

TEST(Perf, APeerWithoutPerfRefusesTheStream) {
  asio::io_context io;
  host::Config c;
  c.listen = {Multiaddr::from_string("/memory/0").value()};
  auto a = make_host(io.get_executor(), c).value();
  auto b = make_host(io.get_executor(), c).value();
  a->peerstore().add_addresses(b->peer_id(), b->addresses(), peer::ttl::permanent);
  auto r = test::run(io, perf::perf(*a, b->peer_id(), 1, 1));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, multistream::Errc::not_supported) << r.error().what();
  a->close();
  b->close();
  io.restart();
  io.run();
}

}  // namespace
}  // namespace libp2p
