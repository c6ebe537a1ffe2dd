#include "libp2p/transport/websocket.hpp"

#include "transport/detail/tcp_socket.hpp"
#include "transport/detail/ws_address.hpp"
#include "transport/detail/ws_connection.hpp"
#include "transport/detail/ws_handshake.hpp"
#include "transport/detail/ws_tls.hpp"

#include "libp2p/io/handshake_queue.hpp"
#include "libp2p/io/timeout.hpp"

#include <boost/asio/ssl/host_name_verification.hpp>

namespace libp2p::transport {

struct WebSocketTransport::Tls {
  std::shared_ptr<asio::ssl::context> client;
  std::shared_ptr<asio::ssl::context> server;
};

namespace {

namespace ws = detail::ws;
using tcp = asio::ip::tcp;
using TlsStream = asio::ssl::stream<tcp::socket>;

Error invalid(std::string what) { return Error(asio::error::invalid_argument, "WebSocket config: " + what); }

// The head of the remote's HTTP message into `buffer` (which may then hold
// the first frames too); returns where the head ends.
template <class Stream>
asio::awaitable<Result<std::size_t>> read_head(Stream& stream, Bytes& buffer) {
  std::size_t used = 0;
  for (;;) {
    if (auto end = ws::head_end(BytesView(buffer).first(used))) {
      buffer.resize(used);
      co_return *end;
    }
    if (used >= ws::max_head_size)
      co_return Error(Errc::websocket_handshake, "WebSocket handshake: an HTTP head of more than " +
                                                     std::to_string(ws::max_head_size) + " bytes");
    buffer.resize(ws::max_head_size + 1024);
    auto [ec, n] = co_await stream.async_read_some(asio::buffer(buffer.data() + used, buffer.size() - used), use_result);
    if (ec) co_return Error(ec, "WebSocket handshake: reading the HTTP head: " + ec.message());
    used += n;
  }
}

template <class Stream>
asio::awaitable<Result<void>> write_text(Stream& stream, const std::string& text) {
  auto [ec, n] = co_await asio::async_write(stream, asio::buffer(text), use_result);
  if (ec) co_return Error(ec, "WebSocket handshake: writing: " + ec.message());
  co_return Result<void>{};
}

template <class Stream>
Result<std::unique_ptr<RawConnection>> make_connection(Stream stream, bool server, const WebSocketConfig& config,
                                                       BytesView early, const Multiaddr& suffix) {
  boost::system::error_code ec;
  auto& socket = detail::socket_of(stream);
  const auto local = socket.local_endpoint(ec);
  const auto remote = ec ? tcp::endpoint{} : socket.remote_endpoint(ec);
  if (ec) return Error(ec, "WebSocket connection: " + ec.message());
  return std::unique_ptr<RawConnection>(std::make_unique<detail::WsConnection<Stream>>(
      std::move(stream), server, config.max_message_size, early, detail::with_suffix(detail::to_multiaddr(local), suffix),
      detail::with_suffix(detail::to_multiaddr(remote), suffix)));
}

// The server's side of the opening handshake on an accepted stream.
template <class Stream>
asio::awaitable<Result<std::unique_ptr<RawConnection>>> answer(Stream stream, WebSocketConfig config,
                                                               Multiaddr suffix) {
  Bytes buffer;
  auto end = co_await read_head(stream, buffer);
  if (!end && end.error().code != Errc::websocket_handshake) co_return end.error();  // the socket failed
  auto reply = end ? ws::answer_upgrade_request(as_string(BytesView(buffer).first(*end)))
                   : ws::rejection(end.error().message);
  if (auto r = co_await write_text(stream, reply.response); !r) co_return r.error();
  if (!reply.accepted) {
    boost::system::error_code ignored;
    detail::socket_of(stream).shutdown(tcp::socket::shutdown_send, ignored);
    co_return Error(Errc::websocket_handshake, reply.reason);
  }
  co_return make_connection(std::move(stream), true, config, BytesView(buffer).subspan(*end), suffix);
}

asio::awaitable<Result<std::unique_ptr<RawConnection>>> answer_tls(TlsStream stream, WebSocketConfig config,
                                                                   Multiaddr suffix) {
  auto [ec] = co_await stream.async_handshake(asio::ssl::stream_base::server, use_result);
  if (ec) co_return Error(ec, "WebSocket TLS handshake: " + ec.message());
  co_return co_await answer(std::move(stream), std::move(config), std::move(suffix));
}

// The client's side, on a connected stream.
template <class Stream>
asio::awaitable<Result<std::unique_ptr<RawConnection>>> upgrade(Stream stream, WebSocketConfig config,
                                                                detail::WsAddress address) {
  const auto key = ws::make_key();
  if (auto r = co_await write_text(stream, ws::upgrade_request(address.host_header(), key)); !r) co_return r.error();
  Bytes buffer;
  auto end = co_await read_head(stream, buffer);
  if (!end) co_return end.error();
  if (auto r = ws::check_upgrade_response(as_string(BytesView(buffer).first(*end)), key); !r) co_return r.error();
  co_return make_connection(std::move(stream), false, config, BytesView(buffer).subspan(*end), address.suffix);
}

asio::awaitable<Result<std::unique_ptr<RawConnection>>> upgrade_tls(TlsStream stream, WebSocketConfig config,
                                                                    detail::WsAddress address) {
  const auto name = address.server_name();
  // SNI carries names only, never an IP (RFC 6066 §3).
  if (name) SSL_set_tlsext_host_name(stream.native_handle(), name->c_str());
  if (config.verify_certificates) stream.set_verify_callback(asio::ssl::host_name_verification(name.value_or(address.tcp.host)));
  auto [ec] = co_await stream.async_handshake(asio::ssl::stream_base::client, use_result);
  if (ec) co_return Error(ec, "WebSocket TLS handshake with " + address.host_header() + ": " + ec.message());
  co_return co_await upgrade(std::move(stream), std::move(config), std::move(address));
}

// The server's handshakes (TLS, then the upgrade), under one timeout.
asio::awaitable<Result<std::unique_ptr<RawConnection>>> answer_inbound(tcp::socket socket, WebSocketConfig config,
                                                                       Multiaddr suffix,
                                                                       std::shared_ptr<asio::ssl::context> tls,
                                                                       std::string what) {
  const auto timeout = config.handshake_timeout;
  if (tls)
    co_return co_await io::with_timeout(answer_tls(TlsStream(std::move(socket), *tls), std::move(config), std::move(suffix)),
                                        timeout, what);
  co_return co_await io::with_timeout(answer(std::move(socket), std::move(config), std::move(suffix)), timeout, what);
}

using Queue = io::HandshakeQueue<tcp::socket, std::unique_ptr<RawConnection>>;

class WsListener final : public RawListener {
 public:
  WsListener(tcp::acceptor acceptor, Multiaddr address, Multiaddr suffix, const WebSocketConfig& config,
             std::shared_ptr<asio::ssl::context> tls)
      : acceptor_(std::make_shared<tcp::acceptor>(std::move(acceptor))), address_(std::move(address)) {
    const auto name = "WebSocket listener on " + address_.to_string();
    queue_ = std::make_shared<Queue>(
        acceptor_->get_executor(), name, config.max_pending_handshakes,
        [acceptor = acceptor_, name] { return detail::accept(*acceptor, name); },
        [config, suffix = std::move(suffix), tls = std::move(tls), name](tcp::socket socket) {
          return answer_inbound(std::move(socket), config, suffix, tls, "handshake on " + name);
        });
    queue_->start();
  }
  ~WsListener() override { close(); }

  asio::awaitable<Result<std::unique_ptr<RawConnection>>> accept() override { return queue_->take(); }
  const Multiaddr& address() const override { return address_; }
  void close() override {
    boost::system::error_code ignored;
    acceptor_->close(ignored);
    queue_->close();
  }

 private:
  std::shared_ptr<tcp::acceptor> acceptor_;  // shared with the queue's accept loop
  Multiaddr address_;
  std::shared_ptr<Queue> queue_;
};

}  // namespace

Result<void> WebSocketConfig::validate() const {
  if (!certificate_pem.empty() && !certificate_file.empty())
    return invalid("certificate_pem and certificate_file are both set: give one");
  if (!private_key_pem.empty() && !private_key_file.empty())
    return invalid("private_key_pem and private_key_file are both set: give one");
  const bool has_certificate = !certificate_pem.empty() || !certificate_file.empty();
  const bool has_key = !private_key_pem.empty() || !private_key_file.empty();
  if (has_certificate != has_key)
    return invalid(has_certificate ? "a certificate without its private key" : "a private key without its certificate");
  if (handshake_timeout <= std::chrono::milliseconds::zero()) return invalid("handshake_timeout must be positive");
  if (max_message_size == 0) return invalid("max_message_size must be at least 1");
  if (max_pending_handshakes == 0) return invalid("max_pending_handshakes must be at least 1");
  return {};
}

WebSocketTransport::WebSocketTransport(asio::any_io_executor executor, WebSocketConfig config)
    : executor_(std::move(executor)), config_(std::move(config)), tls_(std::make_shared<Tls>()) {}

WebSocketTransport::~WebSocketTransport() = default;

bool WebSocketTransport::can_dial(const Multiaddr& address) const {
  return detail::parse_ws_address(address).has_value();
}

bool WebSocketTransport::can_listen(const Multiaddr& address) const {
  auto parsed = detail::parse_ws_address(address);
  return parsed && parsed->tcp.is_ip();
}

asio::awaitable<Result<std::unique_ptr<RawConnection>>> WebSocketTransport::dial(const Multiaddr& address) {
  auto parsed = detail::parse_ws_address(address);
  if (!parsed) co_return parsed.error();
  if (parsed->tls && !tls_->client) {
    auto context = detail::make_client_context(config_);
    if (!context) co_return context.error();
    tls_->client = std::move(*context);
  }
  auto socket = co_await detail::connect(executor_, parsed->tcp, address.to_string());
  if (!socket) co_return socket.error();
  auto what = "WebSocket handshake with " + address.to_string();
  if (!parsed->tls)
    co_return co_await io::with_timeout(upgrade(std::move(*socket), config_, std::move(*parsed)),
                                        config_.handshake_timeout, what);
  co_return co_await io::with_timeout(upgrade_tls(TlsStream(std::move(*socket), *tls_->client), config_, std::move(*parsed)),
                                      config_.handshake_timeout, what);
}

Result<std::unique_ptr<RawListener>> WebSocketTransport::listen(const Multiaddr& address) {
  auto parsed = detail::parse_ws_address(address);
  if (!parsed || !parsed->tcp.is_ip())
    return Error(Errc::unsupported_address, address.to_string() + " is not a WebSocket listen address");
  if (parsed->tls && !tls_->server) {
    auto context = detail::make_server_context(config_);
    if (!context) return context.error();
    tls_->server = std::move(*context);
  }
  auto acceptor = detail::open_acceptor(executor_, parsed->tcp, address.to_string());
  if (!acceptor) return acceptor.error();
  boost::system::error_code ec;
  auto bound = acceptor->local_endpoint(ec);
  if (ec) return Error(ec, "listening on " + address.to_string() + ": " + ec.message());
  return std::unique_ptr<RawListener>(std::make_unique<WsListener>(
      std::move(*acceptor), detail::with_suffix(detail::to_multiaddr(bound), parsed->suffix), parsed->suffix, config_,
      parsed->tls ? tls_->server : nullptr));
}

}  // namespace libp2p::transport
