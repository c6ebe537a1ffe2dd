#pragma once

// Two ByteStreams joined in memory: what one end writes the other reads. For
// tests and the memory transport. Each direction holds at most `capacity`
// bytes; a writer waits beyond that (backpressure). The two ends may run on
// different executors, even different threads.

#include "libp2p/io/byte_stream.hpp"

#include <memory>
#include <utility>

namespace libp2p::io {

inline constexpr std::size_t default_pipe_capacity = 1 << 20;

std::pair<std::unique_ptr<ByteStream>, std::unique_ptr<ByteStream>> make_pipe(
    asio::any_io_executor a, asio::any_io_executor b, std::size_t capacity = default_pipe_capacity);

inline auto make_pipe(asio::any_io_executor ex, std::size_t capacity = default_pipe_capacity) {
  return make_pipe(ex, ex, capacity);
}

}  // namespace libp2p::io
