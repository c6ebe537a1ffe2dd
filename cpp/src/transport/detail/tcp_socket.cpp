#include "transport/detail/tcp_socket.hpp"

#include "libp2p/transport/errc.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/v6_only.hpp>

namespace libp2p::transport::detail {
namespace {

using tcp = asio::ip::tcp;

asio::awaitable<Result<std::vector<tcp::endpoint>>> endpoints_of(asio::any_io_executor executor,
                                                                 const TcpAddress& address) {
  auto ips = co_await resolve(executor, address);
  if (!ips) co_return ips.error();
  std::vector<tcp::endpoint> out;
  for (const auto& ip : *ips) out.emplace_back(ip, address.port);
  co_return out;
}

}  // namespace

asio::awaitable<Result<tcp::socket>> connect(asio::any_io_executor executor, TcpAddress address, std::string target) {
  auto endpoints = co_await endpoints_of(executor, address);
  if (!endpoints) co_return endpoints.error();
  tcp::socket socket(executor);
  auto [ec, endpoint] = co_await asio::async_connect(socket, *endpoints, use_result);
  if (ec) co_return Error(ec, "connecting to " + target + ": " + ec.message());
  socket.set_option(tcp::no_delay(true), ec);
  co_return std::move(socket);
}

Result<tcp::acceptor> open_acceptor(const asio::any_io_executor& executor, const TcpAddress& address,
                                    std::string_view target) {
  boost::system::error_code ec;
  const tcp::endpoint endpoint(asio::ip::make_address(address.host, ec), address.port);
  if (ec) return Error(Errc::unsupported_address, std::string(target) + ": " + ec.message());
  tcp::acceptor acceptor(executor);
  auto fail = [&](const char* step) { return Error(ec, std::string(step) + " " + std::string(target) + ": " + ec.message()); };
  acceptor.open(endpoint.protocol(), ec);
  if (ec) return fail("opening");
  acceptor.set_option(tcp::acceptor::reuse_address(true), ec);
  if (!ec && endpoint.address().is_v6()) acceptor.set_option(asio::ip::v6_only(true), ec);
  if (ec) return fail("configuring");
  acceptor.bind(endpoint, ec);
  if (ec) return fail("binding");
  acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) return fail("listening on");
  return acceptor;
}

asio::awaitable<Result<tcp::socket>> accept(tcp::acceptor& acceptor, std::string_view target) {
  for (;;) {
    auto [ec, socket] = co_await acceptor.async_accept(use_result);
    if (!ec) {
      socket.set_option(tcp::no_delay(true), ec);
      co_return std::move(socket);
    }
    // Transient conditions must not stop the listener.
    if (ec == asio::error::connection_aborted || ec == asio::error::no_descriptors ||
        ec == asio::error::no_buffer_space)
      continue;
    co_return Error(ec, "accept on " + std::string(target) + ": " + ec.message());
  }
}

}  // namespace libp2p::transport::detail
