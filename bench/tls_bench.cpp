// TLS channel throughput over the in-memory pipe: 1 GiB per iteration,
// written and read in chunks of the given size, after a handshake. Baselines
// in the same run: the bare pipe, and AES-256-GCM itself on 16 KiB blocks
// (what `openssl speed -evp aes-256-gcm -bytes 16384` measures; the
// connections negotiate TLS_AES_256_GCM_SHA384). One thread runs both ends
// (encryption and decryption share a core), or each end has its own.
//
//   cmake -DLIBP2P_BUILD_BENCH=ON ... && build/bench/tls_bench
#include "libp2p/io/pipe.hpp"
#include "libp2p/security/tls/tls_transport.hpp"

#include "support/aead_baseline.hpp"
#include "support/transfer.hpp"

#include <benchmark/benchmark.h>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/io_context.hpp>
#include <openssl/evp.h>

#include <thread>

namespace {

using namespace libp2p;
using namespace libp2p::bench;

// Handshakes over a pipe between `a` (dialer) and `b`, then sends 1 GiB from the dialer.
void transfer(asio::io_context& a, asio::io_context& b, std::size_t chunk) {
  const auto dialer_key = crypto::KeyPair::generate().value();
  const auto listener_key = crypto::KeyPair::generate().value();
  tls::TlsTransport dialer(dialer_key, {});
  tls::TlsTransport listener(listener_key, {});
  auto [x, y] = io::make_pipe(a.get_executor(), b.get_executor());
  asio::co_spawn(
      a,
      [&, x = std::move(x)]() mutable -> asio::awaitable<void> {
        auto channel = (co_await dialer.secure_outbound(std::move(x), std::nullopt)).value();
        co_await send_all(*channel.stream, chunk);
      },
      rethrow);
  asio::co_spawn(
      b,
      [&, y = std::move(y)]() mutable -> asio::awaitable<void> {
        auto channel = (co_await listener.secure_inbound(std::move(y))).value();
        co_await receive_all(*channel.stream, chunk);
      },
      rethrow);
  if (&a == &b) {
    a.run();
  } else {
    std::thread other([&] { b.run(); });
    a.run();
    other.join();
  }
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

void BM_TlsOneThread(benchmark::State& state) {
  for (auto _ : state) {
    asio::io_context io;
    transfer(io, io, static_cast<std::size_t>(state.range(0)));
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * total));
}

void BM_TlsTwoThreads(benchmark::State& state) {
  for (auto _ : state) {
    asio::io_context a, b;
    transfer(a, b, static_cast<std::size_t>(state.range(0)));
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * total));
}

// Full handshakes (both sides on one thread), certificates made beforehand.
void BM_Handshake(benchmark::State& state) {
  tls::TlsTransport dialer(crypto::KeyPair::generate().value(), {});
  tls::TlsTransport listener(crypto::KeyPair::generate().value(), {});
  asio::io_context io;
  for (auto _ : state) {
    auto [x, y] = io::make_pipe(io.get_executor());
    asio::co_spawn(
        io,
        [&, x = std::move(x), y = std::move(y)]() mutable -> asio::awaitable<void> {
          using namespace asio::experimental::awaitable_operators;
          auto [d, l] = co_await (dialer.secure_outbound(std::move(x), std::nullopt) && listener.secure_inbound(std::move(y)));
          if (!d || !l) throw std::runtime_error("handshake failed");
        },
        rethrow);
    io.restart();
    io.run();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

// The cipher alone: 16 KiB records through AES-256-GCM, as openssl speed does.
void BM_Aes256Gcm16K(benchmark::State& state) { bench::aead_seal(state, EVP_aes_256_gcm(), 16384); }

BENCHMARK(BM_Aes256Gcm16K)->MinTime(2);
BENCHMARK(BM_Handshake)->Unit(benchmark::kMicrosecond)->MinTime(2);
BENCHMARK(BM_Pipe)->Arg(64 * 1024)->Arg(1024 * 1024)->Unit(benchmark::kMillisecond)->MinTime(2);
BENCHMARK(BM_TlsOneThread)->Arg(64 * 1024)->Arg(1024 * 1024)->Unit(benchmark::kMillisecond)->MinTime(2);
BENCHMARK(BM_TlsTwoThreads)->Arg(64 * 1024)->Arg(1024 * 1024)->Unit(benchmark::kMillisecond)->MinTime(2)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
