#pragma once

// The Asio vocabulary the core uses: C++20 coroutines, failures as values.

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/buffer.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace libp2p {

namespace asio = boost::asio;

// `co_await op(..., use_result)` yields a tuple (error_code, values...) instead of throwing.
inline constexpr auto use_result = asio::as_tuple(asio::use_awaitable);

}  // namespace libp2p
