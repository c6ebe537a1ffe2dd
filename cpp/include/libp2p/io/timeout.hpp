#pragma once

// Bounds an operation in time: the operation is cancelled when the timer
// fires first, and the result is asio::error::timed_out with a message that
// says what timed out.

#include "libp2p/common/error.hpp"
#include "libp2p/io/asio.hpp"

#include <boost/asio/error.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/steady_timer.hpp>

#include <chrono>
#include <string>

namespace libp2p::io {

template <class T>
asio::awaitable<Result<T>> with_timeout(asio::awaitable<Result<T>> operation, std::chrono::milliseconds timeout,
                                        std::string what) {
  using namespace asio::experimental::awaitable_operators;
  asio::steady_timer timer(co_await asio::this_coro::executor, timeout);
  auto winner = co_await (std::move(operation) || timer.async_wait(asio::use_awaitable));
  if (winner.index() == 0) co_return std::move(std::get<0>(winner));
  co_return Error(asio::error::timed_out, what + " timed out after " + std::to_string(timeout.count()) + " ms");
}

}  // namespace libp2p::io
