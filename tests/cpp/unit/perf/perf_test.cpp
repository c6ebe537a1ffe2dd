// perf (/perf/1.0.0) over an in-memory pipe: the header, both sides of a run,
// and what each side does when the other breaks the protocol.

#include "libp2p/io/pipe.hpp"
#include "libp2p/protocols/perf/perf.hpp"

#include "support/run.hpp"

#include <boost/asio/error.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>

#include <gtest/gtest.h>

#include <limits>

namespace libp2p::perf {
namespace {

using namespace asio::experimental::awaitable_operators;

constexpr auto u64_max = std::numeric_limits<std::uint64_t>::max();

// perf.md, client step 2: one big-endian uint64; zero and the maximum are valid.
TEST(PerfHeader, IsABigEndianU64) {
  EXPECT_EQ(encode_header(0), (Header{0, 0, 0, 0, 0, 0, 0, 0}));
  EXPECT_EQ(encode_header(0x0102030405060708), (Header{1, 2, 3, 4, 5, 6, 7, 8}));
  EXPECT_EQ(encode_header(u64_max), (Header{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}));
  EXPECT_EQ(encode_header(1 << 20), (Header{0, 0, 0, 0, 0, 0x10, 0, 0}));
  for (std::uint64_t v : {std::uint64_t{0}, std::uint64_t{1}, std::uint64_t{0x0102030405060708}, u64_max})
    EXPECT_EQ(decode_header(encode_header(v)), v);
}

struct Run {
  Result<Measurement> client;
  Result<std::uint64_t> server;
};

Run run_over_pipe(std::uint64_t upload, std::uint64_t download) {
  asio::io_context io;
  auto [client, server] = io::make_pipe(io.get_executor(), /*capacity=*/4096);  // many writes per chunk
  auto both = test::run(io, run(*client, upload, download) && respond(*server));
  return {std::get<0>(both), std::get<1>(both)};
}

TEST(Perf, UploadsAndDownloadsWhatWasAsked) {
  const auto r = run_over_pipe(200'000, 300'001);
  ASSERT_TRUE(r.client) << r.client.error().what();
  ASSERT_TRUE(r.server) << r.server.error().what();
  EXPECT_EQ(r.client->upload_bytes, 200'000u);
  EXPECT_EQ(r.client->download_bytes, 300'001u);
  EXPECT_EQ(*r.server, 200'000u);
  EXPECT_EQ(r.client->total_time, r.client->upload_time + r.client->download_time);
}

TEST(Perf, ZeroBytesBothWays) {
  const auto r = run_over_pipe(0, 0);
  ASSERT_TRUE(r.client) << r.client.error().what();
  ASSERT_TRUE(r.server) << r.server.error().what();
  EXPECT_EQ(r.client->upload_bytes, 0u);
  EXPECT_EQ(r.client->download_bytes, 0u);
  EXPECT_EQ(*r.server, 0u);
}

TEST(Perf, ExactlyOneChunkAndOneByteMore) {
  for (std::uint64_t n : {std::uint64_t{chunk_size}, std::uint64_t{chunk_size + 1}}) {
    const auto r = run_over_pipe(n, n);
    ASSERT_TRUE(r.client) << r.client.error().what();
    EXPECT_EQ(r.client->download_bytes, n);
    EXPECT_EQ(*r.server, n);
  }
}

// The client writes `bytes`, closes its side, and returns what the server did.
Result<std::uint64_t> respond_to(BytesView bytes) {
  asio::io_context io;
  auto [client, server] = io::make_pipe(io.get_executor());
  return test::run(io, [&, &client = client, &server = server]() -> asio::awaitable<Result<std::uint64_t>> {
    EXPECT_TRUE(co_await io::write(*client, bytes));
    EXPECT_TRUE(co_await client->close_write());
    co_return co_await respond(*server);
  }());
}

TEST(Perf, AStreamThatEndsInsideTheHeaderIsAnError) {
  const Bytes three{0, 0, 0};
  auto r = respond_to(three);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, asio::error::eof);
  EXPECT_EQ(r.error().message, "perf: the stream ended after 3 of the 8 header bytes");
  r = respond_to({});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message, "perf: the stream ended after 0 of the 8 header bytes");
}

TEST(Perf, AHeaderAloneAsksForNothingAndUploadsNothing) {
  const auto header = encode_header(0);
  auto r = respond_to(header);
  ASSERT_TRUE(r) << r.error().what();
  EXPECT_EQ(*r, 0u);
}

// A server that answers a run with `reply` bytes whatever was asked.
asio::awaitable<void> reply_with(io::ByteStream& server, std::size_t reply) {
  Header header;
  EXPECT_TRUE(co_await io::read_exactly(server, header));
  std::uint8_t byte;
  auto end = co_await server.read_some(asio::buffer(&byte, 1));
  EXPECT_FALSE(end);
  EXPECT_TRUE(co_await io::write(server, Bytes(reply, 0)));
  EXPECT_TRUE(co_await server.close_write());
}

Result<Measurement> run_against(std::size_t reply, std::uint64_t download) {
  asio::io_context io;
  auto [client, server] = io::make_pipe(io.get_executor());
  return test::run(io, run(*client, 0, download) && reply_with(*server, reply));
}

TEST(Perf, TheClientRejectsAShortDownload) {
  auto r = run_against(10, 100);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, asio::error::eof);
  EXPECT_EQ(r.error().message, "perf: the server ended the stream after 10 of the 100 bytes asked for");
}

TEST(Perf, TheClientRejectsALongDownload) {
  auto r = run_against(101, 100);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, asio::error::message_size);
  EXPECT_EQ(r.error().message, "perf: the server sent more than the 100 bytes asked for");
}

// The largest request is served as the client reads; when the client goes
// away the server stops with an error, having held one chunk at most.
TEST(Perf, TheServerStopsWhenTheClientGoesAwayMidDownload) {
  asio::io_context io;
  auto [client, server] = io::make_pipe(io.get_executor(), /*capacity=*/4096);
  auto client_side = [&client = client]() -> asio::awaitable<void> {
    const auto header = encode_header(u64_max);
    EXPECT_TRUE(co_await io::write(*client, header));
    EXPECT_TRUE(co_await client->close_write());
    Bytes some(3 * chunk_size);
    EXPECT_TRUE(co_await io::read_exactly(*client, some));
    client->close();
  };
  const auto r = test::run(io, client_side() && respond(*server));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, asio::error::connection_reset) << r.error().what();
  EXPECT_NE(r.error().message.find("perf: sending the 18446744073709551615 bytes asked for"), std::string::npos)
      << r.error().message;
}

}  // namespace
}  // namespace libp2p::perf
