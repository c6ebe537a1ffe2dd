#pragma once

// The OpenSSL contexts of secure WebSockets (/tls/ws, /wss): a client's that
// checks servers against the system's trust store (unless told not to), a
// server's with the configured certificate.

#include "libp2p/transport/websocket.hpp"

#include <boost/asio/ssl/context.hpp>

#include <memory>

namespace libp2p::transport::detail {

Result<std::shared_ptr<asio::ssl::context>> make_client_context(const WebSocketConfig& config);
Result<std::shared_ptr<asio::ssl::context>> make_server_context(const WebSocketConfig& config);

}  // namespace libp2p::transport::detail
