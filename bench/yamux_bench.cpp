// Single-stream yamux throughput over the in-memory pipe, on one io_context
// (one thread): 1 GiB per iteration, written in chunks of the first argument,
// read in chunks of the second; yamux's third argument is max_frame_size. The bare pipe, without yamux, is the
// baseline. On a shared machine compare CPU time, not wall time.
//
//   cmake -DLIBP2P_BUILD_BENCH=ON ... && build/bench/yamux_bench
#include "libp2p/io/pipe.hpp"
#include "libp2p/muxer/yamux/yamux.hpp"

#include <benchmark/benchmark.h>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>

namespace {

using namespace libp2p;

constexpr std::size_t total = std::size_t{1} << 30;

asio::awaitable<void> send_all(io::ByteStream& s, std::size_t chunk) {
  const Bytes data(chunk, 0x5a);
  for (std::size_t sent = 0; sent < total; sent += chunk)
    if (!co_await io::write(s, data)) throw std::runtime_error("write failed");
  (void)co_await s.close_write();
}

asio::awaitable<void> receive_all(io::ByteStream& s, std::size_t chunk) {
  Bytes buf(chunk);
  std::size_t received = 0;
  while (auto n = co_await s.read_some(asio::buffer(buf))) received += *n;
  if (received != total) throw std::runtime_error("short transfer");
}

void rethrow(std::exception_ptr e) {
  if (e) std::rethrow_exception(e);
}

void BM_Pipe(benchmark::State& state) {
  const auto write_size = static_cast<std::size_t>(state.range(0));
  const auto read_size = static_cast<std::size_t>(state.range(1));
  for (auto _ : state) {
    asio::io_context io;
    auto [a, b] = io::make_pipe(io.get_executor());
    asio::co_spawn(io, send_all(*a, write_size), rethrow);
    asio::co_spawn(io, receive_all(*b, read_size), rethrow);
    io.run();
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * total));
}

void BM_YamuxOneStream(benchmark::State& state) {
  const auto write_size = static_cast<std::size_t>(state.range(0));
  const auto read_size = static_cast<std::size_t>(state.range(1));
  yamux::Config config{.keepalive_interval = {}};
  config.max_frame_size = static_cast<std::uint32_t>(state.range(2));
  yamux::Yamux muxer(config);
  for (auto _ : state) {
    asio::io_context io;
    auto [a, b] = io::make_pipe(io.get_executor());
    auto dialer = muxer.create(std::move(a), true);
    auto listener = muxer.create(std::move(b), false);
    asio::co_spawn(
        io,
        [&]() -> asio::awaitable<void> {
          auto s = (co_await dialer->open_stream()).value();
          co_await send_all(*s, write_size);
        },
        rethrow);
    asio::co_spawn(
        io,
        [&]() -> asio::awaitable<void> {
          auto s = (co_await listener->accept_stream()).value();
          co_await receive_all(*s, read_size);
          dialer->close();
          listener->close();
        },
        rethrow);
    io.run();
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * total));
}

constexpr std::int64_t KiB = 1024, MiB = 1024 * KiB;

void sizes(benchmark::internal::Benchmark* b) {
  b->Args({64 * KiB, 64 * KiB})->Args({MiB, MiB})->Args({MiB, 4 * KiB});
  b->Unit(benchmark::kMillisecond)->MinTime(2);
}

void frame_sizes(benchmark::internal::Benchmark* b) {
  b->Args({64 * KiB, 64 * KiB, 256 * KiB})->Args({MiB, MiB, 256 * KiB})->Args({MiB, 4 * KiB, 256 * KiB});
  b->Args({MiB, 64 * KiB, 16 * KiB})->Args({MiB, 64 * KiB, 64 * KiB})->Args({MiB, 64 * KiB, 256 * KiB});
  b->Args({MiB, 64 * KiB, MiB});
  b->Unit(benchmark::kMillisecond)->MinTime(2);
}

BENCHMARK(BM_Pipe)->Apply(sizes);
BENCHMARK(BM_YamuxOneStream)->Apply(frame_sizes);

}  // namespace

BENCHMARK_MAIN();
