#include "libp2p/transport/tcp.hpp"

#include "transport/detail/tcp_address.hpp"
#include "transport/detail/tcp_socket.hpp"
#include "libp2p/transport/errc.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>

#include <poll.h>

namespace libp2p::transport {
namespace {

using tcp = asio::ip::tcp;

class TcpConnection final : public RawConnection {
 public:
  TcpConnection(tcp::socket socket, Multiaddr local, Multiaddr remote)
      : socket_(std::move(socket)), local_(std::move(local)), remote_(std::move(remote)) {}

  static Result<std::unique_ptr<RawConnection>> make(tcp::socket socket) {
    boost::system::error_code ec;
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

  // poll(2) without waiting: bytes in the receive queue, the remote's FIN and
  // errors all make the socket readable.
  Readiness readiness() const override {
    pollfd fd{const_cast<tcp::socket&>(socket_).native_handle(), POLLIN, 0};
    return ::poll(&fd, 1, 0) == 0 ? Readiness::quiet : Readiness::ready;
  }

  // Completes at once when readable already (Asio re-arms epoll for it).
  asio::awaitable<void> wait_readable() override { co_await socket_.async_wait(tcp::socket::wait_read, use_result); }

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
      auto socket = co_await detail::accept(acceptor_, address_.to_string());
      if (!socket) co_return socket.error();
      auto connection = TcpConnection::make(std::move(*socket));
      if (connection) co_return connection;
      // the peer left before we could look at it
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
  auto socket = co_await detail::connect(executor_, *parsed, address.to_string());
  if (!socket) co_return socket.error();
  co_return TcpConnection::make(std::move(*socket));
}

Result<std::unique_ptr<RawListener>> TcpTransport::listen(const Multiaddr& address) {
  auto parsed = detail::parse_tcp_address(address);
  if (!parsed || !parsed->is_ip()) return Error(Errc::unsupported_address, address.to_string() + " is not a TCP listen address");
  auto acceptor = detail::open_acceptor(executor_, *parsed, address.to_string());
  if (!acceptor) return acceptor.error();
  boost::system::error_code ec;
  auto bound = acceptor->local_endpoint(ec);
  if (ec) return Error(ec, "listening on " + address.to_string() + ": " + ec.message());
  return std::unique_ptr<RawListener>(std::make_unique<TcpListener>(std::move(*acceptor), detail::to_multiaddr(bound)));
}

}  // namespace libp2p::transport
