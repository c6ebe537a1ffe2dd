// The only file with Beast in it: its HTTP/1.1 parser reads the upgrade heads.

#include "transport/detail/ws_handshake.hpp"

#include "libp2p/multiformats/multibase.hpp"
#include "libp2p/transport/errc.hpp"

#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/rfc7230.hpp>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <algorithm>
#include <array>

namespace libp2p::transport::detail::ws {
namespace {

namespace http = boost::beast::http;
using multiformats::multibase::Base;

constexpr std::string_view guid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";  // §1.3

Error handshake_error(std::string what) { return Error(Errc::websocket_handshake, "WebSocket handshake: " + what); }

// Parses a complete head; the message, or what is wrong with it.
template <bool IsRequest>
Result<http::message<IsRequest, http::empty_body>> parse_head(std::string_view head) {
  http::parser<IsRequest, http::empty_body> parser;
  parser.header_limit(static_cast<std::uint32_t>(max_head_size));
  parser.skip(!IsRequest);  // a response's body, if any, is not read
  boost::beast::error_code ec;
  parser.put(boost::asio::buffer(head.data(), head.size()), ec);
  if (!ec && !parser.is_header_done()) ec = http::error::need_more;
  if (ec) return handshake_error(std::string("malformed HTTP ") + (IsRequest ? "request: " : "response: ") + ec.message());
  if (IsRequest && !parser.is_done()) return handshake_error("an upgrade request must not have a body");
  return parser.release();
}

// The Upgrade: websocket and Connection: Upgrade fields (§4.1, §4.2.1).
template <class Fields>
std::optional<std::string> missing_upgrade_fields(const Fields& fields) {
  if (!http::token_list(fields[http::field::upgrade]).exists("websocket")) return "no 'Upgrade: websocket' field";
  if (!http::token_list(fields[http::field::connection]).exists("upgrade")) return "no 'Connection: Upgrade' field";
  return std::nullopt;
}

std::string http_response(unsigned status, std::string_view text, std::string_view fields, std::string_view body) {
  std::string out = "HTTP/1.1 " + std::to_string(status) + " " + std::string(text) + "\r\n" + std::string(fields);
  if (status != 101) {
    out += "Content-Type: text/plain\r\nConnection: close\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
  }
  return out + "\r\n" + std::string(body);
}

Answer refuse(std::string reason, unsigned status = 400, std::string_view fields = {}) {
  const std::string_view text = status == 426 ? "Upgrade Required" : "Bad Request";
  return {false, http_response(status, text, fields, reason + "\n"), std::move(reason)};
}

std::string_view view(boost::beast::string_view s) { return {s.data(), s.size()}; }

}  // namespace

Answer rejection(std::string reason) { return refuse(std::move(reason)); }

std::optional<std::size_t> head_end(BytesView input) {
  constexpr std::string_view blank = "\r\n\r\n";
  const auto text = as_string(input);
  const auto at = text.find(blank);
  if (at == std::string_view::npos) return std::nullopt;
  return at + blank.size();
}

std::string make_key() {
  std::array<std::uint8_t, 16> nonce;
  RAND_bytes(nonce.data(), static_cast<int>(nonce.size()));
  return multiformats::multibase::encode_bare(Base::base64pad, nonce);
}

std::string accept_for(std::string_view key) {
  const std::string input = std::string(key) + std::string(guid);
  std::array<std::uint8_t, 20> digest;
  EVP_Digest(input.data(), input.size(), digest.data(), nullptr, EVP_sha1(), nullptr);
  return multiformats::multibase::encode_bare(Base::base64pad, digest);
}

std::string upgrade_request(std::string_view host, std::string_view key) {
  return "GET / HTTP/1.1\r\nHost: " + std::string(host) +
         "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + std::string(key) +
         "\r\nSec-WebSocket-Version: 13\r\n\r\n";
}

Result<void> check_upgrade_response(std::string_view head, std::string_view key) {
  auto response = parse_head<false>(head);
  if (!response) return response.error();
  if (response->result_int() != 101)
    return handshake_error("the server answered " + std::to_string(response->result_int()) + " " +
                           std::string(view(response->reason())) + " instead of 101");
  if (auto missing = missing_upgrade_fields(*response)) return handshake_error("the server's 101 has " + *missing);
  if (view((*response)[http::field::sec_websocket_accept]) != accept_for(key))
    return handshake_error("the server's Sec-WebSocket-Accept does not match our key");
  // We offer no extension and no subprotocol, so the server must not pick one (§4.1).
  if (response->count(http::field::sec_websocket_extensions) || response->count(http::field::sec_websocket_protocol))
    return handshake_error("the server chose an extension or subprotocol we did not offer");
  return {};
}

Answer answer_upgrade_request(std::string_view head) {
  auto request = parse_head<true>(head);
  if (!request) return refuse(request.error().message);
  if (request->method() != http::verb::get) return refuse("WebSocket handshake: the method must be GET");
  if (request->version() < 11) return refuse("WebSocket handshake: HTTP/1.1 or later is required");
  if (view((*request)[http::field::host]).empty()) return refuse("WebSocket handshake: no Host field");
  if (auto missing = missing_upgrade_fields(*request)) return refuse("WebSocket handshake: " + *missing);
  if (view((*request)[http::field::sec_websocket_version]) != "13")
    return refuse("WebSocket handshake: only Sec-WebSocket-Version 13 is supported", 426, "Sec-WebSocket-Version: 13\r\n");
  const auto key = view((*request)[http::field::sec_websocket_key]);
  auto nonce = multiformats::multibase::decode_bare(Base::base64pad, key);
  if (!nonce || nonce->size() != 16)
    return refuse("WebSocket handshake: Sec-WebSocket-Key must be 16 bytes in base64");
  const std::string fields =
      "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: " + accept_for(key) + "\r\n";
  return {true, http_response(101, "Switching Protocols", fields, {}), {}};
}

}  // namespace libp2p::transport::detail::ws
