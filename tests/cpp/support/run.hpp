#pragma once

// Test support: run a coroutine on an io_context until it finishes, rethrowing
// its exception in the test. Other work (sessions, listeners) may still be
// pending when it returns. A watchdog turns a hang into a failure: if no
// handler at all runs for `watchdog`, the test fails as a deadlock (a guard,
// never a wait for something to happen).

#include "libp2p/io/asio.hpp"

#include <boost/asio/io_context.hpp>

#include <chrono>
#include <exception>
#include <memory>
#include <optional>
#include <stdexcept>

namespace libp2p::test {

inline constexpr std::chrono::seconds default_watchdog{30};

namespace detail {

template <class T>
struct Outcome {
  std::exception_ptr error;
  std::optional<T> value;
  bool done = false;
};

template <class State>
void run_until(asio::io_context& io, const State& state, std::chrono::seconds watchdog) {
  io.restart();
  while (!state->done) {
    if (io.poll_one() > 0) continue;
    if (io.stopped()) io.restart();
    if (io.run_one_for(watchdog) == 0 && !state->done) throw std::runtime_error("task did not complete: a deadlock");
  }
}

}  // namespace detail

template <class T>
T run(asio::io_context& io, asio::awaitable<T> task, std::chrono::seconds watchdog = default_watchdog) {
  auto outcome = std::make_shared<detail::Outcome<T>>();  // outlives a deadlocked task
  asio::co_spawn(io, std::move(task), [outcome](std::exception_ptr e, T value) {
    outcome->error = e;
    if (!e) outcome->value.emplace(std::move(value));
    outcome->done = true;
  });
  detail::run_until(io, outcome, watchdog);
  if (outcome->error) std::rethrow_exception(outcome->error);
  return std::move(*outcome->value);
}

inline void run(asio::io_context& io, asio::awaitable<void> task, std::chrono::seconds watchdog = default_watchdog) {
  auto outcome = std::make_shared<detail::Outcome<bool>>();
  asio::co_spawn(io, std::move(task), [outcome](std::exception_ptr e) {
    outcome->error = e;
    outcome->done = true;
  });
  detail::run_until(io, outcome, watchdog);
  if (outcome->error) std::rethrow_exception(outcome->error);
}

// Runs until the io_context has no work left: after closing everything, a
// test calls this to prove nothing lingers (a leak shows as a deadlock).
inline void run_until_idle(asio::io_context& io, std::chrono::seconds watchdog = default_watchdog) {
  io.restart();
  while (io.run_one_for(watchdog) > 0) {
  }
  if (!io.stopped()) throw std::runtime_error("work still pending after close: a leak or a deadlock");
}

}  // namespace libp2p::test
