#pragma once

// The socket work TCP and WebSocket share: connecting to a TCP address (names
// resolved at dial time), opening a listening acceptor, accepting past
// transient failures. Sockets come with TCP_NODELAY; acceptors with
// SO_REUSEADDR.

#include "transport/detail/tcp_address.hpp"

#include "libp2p/io/asio.hpp"

#include <string_view>

namespace libp2p::transport::detail {

// `target` names the address in error messages.
asio::awaitable<Result<asio::ip::tcp::socket>> connect(asio::any_io_executor executor, TcpAddress address,
                                                       std::string target);
// Only IP addresses (port 0 picks one).
Result<asio::ip::tcp::acceptor> open_acceptor(const asio::any_io_executor& executor, const TcpAddress& address,
                                              std::string_view target);
asio::awaitable<Result<asio::ip::tcp::socket>> accept(asio::ip::tcp::acceptor& acceptor, std::string_view target);

}  // namespace libp2p::transport::detail
