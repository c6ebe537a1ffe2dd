#pragma once

// What the throughput benchmarks share: 1 GiB sent in chunks and read to the
// end over any ByteStream, and each thread's own CPU time.

#include "libp2p/io/byte_stream.hpp"

#include <ctime>
#include <exception>
#include <stdexcept>

namespace libp2p::bench {

inline constexpr std::size_t total = std::size_t{1} << 30;

// Writes `total` bytes in writes of `chunk`, then closes for writing.
inline asio::awaitable<void> send_all(io::ByteStream& s, std::size_t chunk) {
  const Bytes data(chunk, 0x5a);
  for (std::size_t sent = 0; sent < total; sent += chunk)
    if (auto r = co_await io::write(s, data); !r) throw std::runtime_error(r.error().what());
  (void)co_await s.close_write();
}

// Reads in reads of `chunk` to the end; `total` bytes must have come.
inline asio::awaitable<void> receive_all(io::ByteStream& s, std::size_t chunk) {
  Bytes buf(chunk);
  std::size_t received = 0;
  while (auto n = co_await s.read_some(asio::buffer(buf))) received += *n;
  if (received != total) throw std::runtime_error("short transfer");
}

// A co_spawn completion that fails the benchmark with the task's exception.
inline void rethrow(std::exception_ptr e) {
  if (e) std::rethrow_exception(e);
}

inline double thread_cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

}  // namespace libp2p::bench
