#include "libp2p/transport/tcp.hpp"

#include "transport/detail/tcp_address.hpp"
#include "libp2p/transport/errc.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ip/v6_only.hpp>
#include <boost/asio/write.hpp>

namespace libp2p::transport {
namespace {

using tcp = asio::ip::tcp;

class TcpConnection final : public RawConnection {
 public:
  TcpConnection(tcp::socket socket, Multiaddr local, Multiaddr remote)
      : socket_(std::move(socket)), local_(std::move(local)), remote_(std::move(remote)) {}

  static Result<std::unique_ptr<RawConnection>> make(tcp::socket socket) {
    boost::system::error_code ec;
    socket.set_option(tcp::no_delay(true), ec);
    auto local = socket.local_endpoint(ec);
    if (ec) return Error(ec, "TCP connection: " + ec.message());
    auto remote = socket.remote_endpoint(ec);
    if (ec) return Error(ec, "TCP connection: " + ec.message());
    return std::unique_ptr<RawConnection>(
        std::make_unique<TcpConnection>(std::move(socket), detail::to_multiaddr(local), detail::to_multiaddr(remote)));
  }

  asio::any_io_executor get_executor() const override { return const_cast<tcp::socket&>(socket_).get_executor(); }
  const Multiaddr& local_address() const override { return local_; }
  const Multiaddr& remote_address() const override { return remote_; }

  asio::awaitable<Result<std::size_t>> read_some(asio::mutable_buffer buffer) override {
    auto [ec, n] = co_await socket_.async_read_some(buffer, use_result);
    if (ec) co_return Error(ec);
    co_return n;
  }

  asio::awaitable<Result<void>> write(std::span<const asio::const_buffer> buffers) override {
    auto [ec, n] = co_await asio::async_write(socket_, buffers, use_result);
    if (ec) co_return Error(ec);
    co_return Result<void>{};
  }

  asio::awaitable<Result<void>> close_write() override {
    boost::system::error_code ec;
    socket_.shutdown(tcp::socket::shutdown_send, ec);
    if (ec) co_return Error(ec);
    co_return Result<void>{};
  }

  void close() override {
    boost::system::error_code ignored;
    socket_.close(ignored);
  }

 private:
  tcp::socket socket_;
  Multiaddr local_;
  Multiaddr remote_;
};

class TcpListener final : public RawListener {
 public:
  TcpListener(tcp::acceptor acceptor, Multiaddr address) : acceptor_(std::move(acceptor)), address_(std::move(address)) {}

  asio::awaitable<Result<std::unique_ptr<RawConnection>>> accept() override {
    for (;;) {
      auto [ec, socket] = co_await acceptor_.async_accept(use_result);
      if (!ec) {
        auto connection = TcpConnection::make(std::move(socket));
        if (connection) co_return connection;
        continue;  // the peer left before we could look at it
      }
      // Transient conditions must not stop the listener.
      if (ec == asio::error::connection_aborted || ec == asio::error::no_descriptors ||
          ec == asio::error::no_buffer_space)
        continue;
      co_return Error(ec, "accept on " + address_.to_string() + ": " + ec.message());
    }
  }

  const Multiaddr& address() const override { return address_; }

  void close() override {
    boost::system::error_code ignored;
    acceptor_.close(ignored);
  }

 private:
  tcp::acceptor acceptor_;
  Multiaddr address_;
};

}  // namespace

bool TcpTransport::can_dial(const Multiaddr& address) const { return detail::parse_tcp_address(address).has_value(); }

bool TcpTransport::can_listen(const Multiaddr& address) const {
  auto parsed = detail::parse_tcp_address(address);
  return parsed && parsed->is_ip();
}

asio::awaitable<Result<std::unique_ptr<RawConnection>>> TcpTransport::dial(const Multiaddr& address) {
  auto parsed = detail::parse_tcp_address(address);
  if (!parsed) co_return parsed.error();
  std::vector<tcp::endpoint> endpoints;
  if (parsed->is_ip()) {
    boost::system::error_code ec;
    auto ip = asio::ip::make_address(parsed->host, ec);
    if (ec) co_return Error(Errc::unsupported_address, address.to_string() + ": " + ec.message());
    endpoints.emplace_back(ip, parsed->port);
  } else {
    tcp::resolver resolver(executor_);
    auto [ec, results] = co_await resolver.async_resolve(parsed->host, std::to_string(parsed->port), use_result);
    if (ec) co_return Error(Errc::resolve_failed, "resolving " + parsed->host + ": " + ec.message());
    using Host = detail::TcpAddress::Host;
    for (const auto& entry : results) {
      const auto ip = entry.endpoint().address();
      if ((parsed->kind == Host::dns4 && !ip.is_v4()) || (parsed->kind == Host::dns6 && !ip.is_v6())) continue;
      endpoints.push_back(entry.endpoint());
    }
    if (endpoints.empty()) co_return Error(Errc::resolve_failed, parsed->host + " has no address of the family asked for");
  }
  tcp::socket socket(executor_);
  auto [ec, endpoint] = co_await asio::async_connect(socket, endpoints, use_result);
  if (ec) co_return Error(ec, "connecting to " + address.to_string() + ": " + ec.message());
  co_return TcpConnection::make(std::move(socket));
}

Result<std::unique_ptr<RawListener>> TcpTransport::listen(const Multiaddr& address) {
  auto parsed = detail::parse_tcp_address(address);
  if (!parsed || !parsed->is_ip()) return Error(Errc::unsupported_address, address.to_string() + " is not a TCP listen address");
  boost::system::error_code ec;
  const tcp::endpoint endpoint(asio::ip::make_address(parsed->host, ec), parsed->port);
  if (ec) return Error(Errc::unsupported_address, address.to_string() + ": " + ec.message());
  tcp::acceptor acceptor(executor_);
  auto fail = [&](const char* step) { return Error(ec, std::string(step) + " " + address.to_string() + ": " + ec.message()); };
  acceptor.open(endpoint.protocol(), ec);
  if (ec) return fail("opening");
  acceptor.set_option(tcp::acceptor::reuse_address(true), ec);
  if (!ec && endpoint.address().is_v6()) acceptor.set_option(asio::ip::v6_only(true), ec);
  if (ec) return fail("configuring");
  acceptor.bind(endpoint, ec);
  if (ec) return fail("binding");
  acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) return fail("listening on");
  auto bound = acceptor.local_endpoint(ec);
  if (ec) return fail("listening on");
  return std::unique_ptr<RawListener>(std::make_unique<TcpListener>(std::move(acceptor), detail::to_multiaddr(bound)));
}

}  // namespace libp2p::transport
