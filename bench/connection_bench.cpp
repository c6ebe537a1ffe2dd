// The whole connection stack on TCP loopback: 1 GiB per iteration over one
// yamux stream, secured by Noise (ChaCha20-Poly1305) or TLS 1.3 (AES-256-GCM),
// from a host on one thread to a host on another (one core per end). Next to
// it, in the same run, the cipher alone on 16 KiB blocks (what `openssl speed
// -evp <cipher> -bytes 16384` measures): the ceiling of one core encrypting.
// The counters dialer and listener give each end's rate per second of its
// own thread's CPU time: what one core per end carries, even on a busy machine.
//
//   cmake -DLIBP2P_BUILD_BENCH=ON ... && build/bench/connection_bench
#include "libp2p/libp2p.hpp"
#include "libp2p/peer/peer_address.hpp"
#include "support/aead_baseline.hpp"
#include "support/transfer.hpp"

#include <benchmark/benchmark.h>
#include <boost/asio/io_context.hpp>

#include <thread>

namespace {

using namespace libp2p;
using namespace libp2p::bench;

constexpr std::size_t chunk = 1 << 20;
constexpr std::string_view sink_protocol = "/bench/sink/1.0.0";

// Reads to the end, then closes: the dialer's read ends when all arrived.
asio::awaitable<void> sink(host::Stream stream) {
  co_await receive_all(stream, chunk);
  (void)co_await stream.close_write();
}

asio::awaitable<void> send(std::shared_ptr<host::Host> from, multiformats::Multiaddr to) {
  auto peer = (co_await from->connect(to)).value();
  auto stream = (co_await from->new_stream(peer, std::vector<std::string>(1, std::string(sink_protocol)))).value();
  co_await send_all(stream, chunk);
  std::uint8_t end[1];
  if (auto r = co_await stream.read_some(asio::buffer(end)); r || r.error().code != asio::error::eof)
    throw std::runtime_error("send: the sink did not read to the end");
}

// CPU seconds each end's thread spent, handshakes included.
struct CpuTimes {
  double dialer = 0, listener = 0;
};

CpuTimes transfer(host::Security security) {
  asio::io_context dialer_io, listener_io;
  host::Config config;
  config.listen = {multiformats::Multiaddr::from_string("/ip4/127.0.0.1/tcp/0").value()};
  config.security = {security};
  config.muxers = {host::Muxer::yamux};
  auto listener = make_host(listener_io.get_executor(), config).value();
  listener->set_stream_handler(std::string(sink_protocol), sink);
  config.listen.clear();
  auto dialer = make_host(dialer_io.get_executor(), config).value();
  const auto address = peer::with_peer_id(listener->addresses().front(), listener->peer_id()).value();

  std::exception_ptr error;
  asio::co_spawn(dialer_io, send(dialer, address), [&](std::exception_ptr e) {
    error = e;
    dialer_io.stop();
    listener_io.stop();
  });
  CpuTimes cpu;
  std::thread listener_thread([&] {
    const double start = thread_cpu_seconds();
    listener_io.run();
    cpu.listener = thread_cpu_seconds() - start;
  });
  const double start = thread_cpu_seconds();
  dialer_io.run();
  cpu.dialer = thread_cpu_seconds() - start;
  listener_thread.join();
  if (error) std::rethrow_exception(error);
  return cpu;
}

void run_transfers(benchmark::State& state, host::Security security) {
  CpuTimes cpu;
  for (auto _ : state) {
    const auto t = transfer(security);
    cpu.dialer += t.dialer;
    cpu.listener += t.listener;
  }
  const double bytes = static_cast<double>(state.iterations() * total);
  state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
  state.counters["dialer"] = benchmark::Counter(bytes / cpu.dialer, benchmark::Counter::kDefaults,
                                                benchmark::Counter::kIs1024);
  state.counters["listener"] = benchmark::Counter(bytes / cpu.listener, benchmark::Counter::kDefaults,
                                                  benchmark::Counter::kIs1024);
}

void BM_YamuxOverNoise(benchmark::State& state) { run_transfers(state, host::Security::noise); }
void BM_YamuxOverTls(benchmark::State& state) { run_transfers(state, host::Security::tls); }

void BM_ChaCha20Poly1305(benchmark::State& state) { bench::aead_seal(state, EVP_chacha20_poly1305(), 16384); }
void BM_Aes256Gcm(benchmark::State& state) { bench::aead_seal(state, EVP_aes_256_gcm(), 16384); }

BENCHMARK(BM_ChaCha20Poly1305)->MinTime(2);
BENCHMARK(BM_YamuxOverNoise)->Unit(benchmark::kMillisecond)->Iterations(3)->UseRealTime();
BENCHMARK(BM_Aes256Gcm)->MinTime(2);
BENCHMARK(BM_YamuxOverTls)->Unit(benchmark::kMillisecond)->Iterations(3)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
