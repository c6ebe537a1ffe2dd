// Single-stream yamux throughput over the in-memory pipe, on one io_context
// (one thread): 1 GiB per iteration, written in chunks of the first argument,
// read in chunks of the second; yamux's third argument is max_frame_size. The bare pipe, without yamux, is the
// baseline. On a shared machine compare CPU time, not wall time.
//
//   cmake -DLIBP2P_BUILD_BENCH=ON ... && build/bench/yamux_bench
#include "libp2p/io/pipe.hpp"
#include "libp2p/muxer/yamux/yamux.hpp"

#include "support/transfer.hpp"

#include <benchmark/benchmark.h>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>

namespace {

using namespace libp2p;
using namespace libp2p::bench;

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
