// Noise channel throughput over the in-memory pipe: 1 GiB per iteration,
// written and read in chunks of the given size, after a handshake. Baselines
// in the same run: the bare pipe, and ChaCha20-Poly1305 itself on 16 KiB
// blocks (what `openssl speed -evp chacha20-poly1305 -bytes 16384` measures)
// and on Noise's largest frames. One thread runs both ends (encryption and
// decryption share a core), or each end has its own; then the counters
// sender/receiver give each end's rate per second of its own thread's CPU
// time: what one core per end would carry, even on a busy machine.
//
//   cmake -DLIBP2P_BUILD_BENCH=ON ... && build/bench/noise_bench
#include "libp2p/io/pipe.hpp"
#include "libp2p/security/noise/noise_transport.hpp"

#include "support/aead_baseline.hpp"
#include "support/transfer.hpp"

#include <benchmark/benchmark.h>
#include <boost/asio/io_context.hpp>
#include <openssl/evp.h>

#include <thread>

namespace {

using namespace libp2p;
using namespace libp2p::bench;

// CPU seconds each end's thread spent moving the data (meaningful with a thread per end).
struct CpuTimes {
  double sender = 0, receiver = 0;
};

// Handshakes over a pipe between `a` (dialer) and `b`, then sends 1 GiB from the dialer.
CpuTimes transfer(asio::io_context& a, asio::io_context& b, std::size_t chunk) {
  CpuTimes cpu;
  noise::NoiseTransport dialer(crypto::KeyPair::generate().value());
  noise::NoiseTransport listener(crypto::KeyPair::generate().value());
  auto [x, y] = io::make_pipe(a.get_executor(), b.get_executor());
  asio::co_spawn(
      a,
      [&, x = std::move(x)]() mutable -> asio::awaitable<void> {
        auto channel = (co_await dialer.secure_outbound(std::move(x), std::nullopt)).value();
        const double start = thread_cpu_seconds();
        co_await send_all(*channel.stream, chunk);
        cpu.sender = thread_cpu_seconds() - start;
      },
      rethrow);
  asio::co_spawn(
      b,
      [&, y = std::move(y)]() mutable -> asio::awaitable<void> {
        auto channel = (co_await listener.secure_inbound(std::move(y))).value();
        const double start = thread_cpu_seconds();
        co_await receive_all(*channel.stream, chunk);
        cpu.receiver = thread_cpu_seconds() - start;
      },
      rethrow);
  if (&a == &b) {
    a.run();
  } else {
    std::thread other([&] { b.run(); });
    a.run();
    other.join();
  }
  return cpu;
}

void BM_Pipe(benchmark::State& state) {
  const auto chunk = static_cast<std::size_t>(state.range(0));
  for (auto _ : state) {
    asio::io_context io;
    auto [a, b] = io::make_pipe(io.get_executor());
    asio::co_spawn(io, send_all(*a, chunk), rethrow);
    asio::co_spawn(io, receive_all(*b, chunk), rethrow);
    io.run();
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * total));
}

void BM_NoiseOneThread(benchmark::State& state) {
  for (auto _ : state) {
    asio::io_context io;
    transfer(io, io, static_cast<std::size_t>(state.range(0)));
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * total));
}

void BM_NoiseTwoThreads(benchmark::State& state) {
  CpuTimes cpu;
  for (auto _ : state) {
    asio::io_context a, b;
    auto t = transfer(a, b, static_cast<std::size_t>(state.range(0)));
    cpu.sender += t.sender;
    cpu.receiver += t.receiver;
  }
  const double bytes = static_cast<double>(state.iterations() * total);
  state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
  state.counters["sender"] = benchmark::Counter(bytes / cpu.sender, benchmark::Counter::kDefaults,
                                                benchmark::Counter::kIs1024);
  state.counters["receiver"] = benchmark::Counter(bytes / cpu.receiver, benchmark::Counter::kDefaults,
                                                  benchmark::Counter::kIs1024);
}

// The cipher alone, encrypting blocks of the given size, as openssl speed does.
void BM_ChaCha20Poly1305(benchmark::State& state) {
  bench::aead_seal(state, EVP_chacha20_poly1305(), static_cast<std::size_t>(state.range(0)));
}

BENCHMARK(BM_ChaCha20Poly1305)->Arg(16384)->Arg(65519)->MinTime(2);
BENCHMARK(BM_Pipe)->Arg(64 * 1024)->Arg(1024 * 1024)->Unit(benchmark::kMillisecond)->MinTime(2);
BENCHMARK(BM_NoiseOneThread)->Arg(64 * 1024)->Arg(1024 * 1024)->Unit(benchmark::kMillisecond)->MinTime(2);
BENCHMARK(BM_NoiseTwoThreads)->Arg(64 * 1024)->Arg(1024 * 1024)->Unit(benchmark::kMillisecond)->MinTime(2)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
