#pragma once

// Test support: run coroutines on an io_context to completion, rethrowing
// their exceptions in the test.

#include "libp2p/io/asio.hpp"

#include <boost/asio/io_context.hpp>

#include <exception>
#include <optional>

namespace libp2p::test {

// Runs `task` (and everything it spawns) until the io_context has no more work.
template <class T>
T run(asio::io_context& io, asio::awaitable<T> task) {
  std::exception_ptr error;
  std::optional<T> result;
  asio::co_spawn(io, std::move(task), [&](std::exception_ptr e, T value) {
    error = e;
    if (!e) result.emplace(std::move(value));
  });
  io.restart();
  io.run();
  if (error) std::rethrow_exception(error);
  if (!result) throw std::runtime_error("task did not complete: a deadlock");
  return std::move(*result);
}

inline void run(asio::io_context& io, asio::awaitable<void> task) {
  std::exception_ptr error;
  bool done = false;
  asio::co_spawn(io, std::move(task), [&](std::exception_ptr e) {
    error = e;
    done = true;
  });
  io.restart();
  io.run();
  if (error) std::rethrow_exception(error);
  if (!done) throw std::runtime_error("task did not complete: a deadlock");
}

}  // namespace libp2p::test
