#pragma once

// The WebSocket opening handshake (RFC 6455 §4), without I/O: the client's
// HTTP/1.1 upgrade request and its check of the answer, the server's check of
// a request and its answer. Both sides read a head (the start line and the
// header fields, up to the blank line) of at most max_head_size bytes.

#include "libp2p/common/bytes.hpp"
#include "libp2p/common/error.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace libp2p::transport::detail::ws {

inline constexpr std::size_t max_head_size = 8 * 1024;

// Where the head at the start of `input` ends (just after its blank line);
// nullopt while it is incomplete.
std::optional<std::size_t> head_end(BytesView input);

// A new Sec-WebSocket-Key: 16 random bytes in base64 (§4.1).
std::string make_key();
// Sec-WebSocket-Accept for a key (§4.2.2): base64(SHA-1(key + GUID)).
std::string accept_for(std::string_view key);

// GET / with `host` as the Host header.
std::string upgrade_request(std::string_view host, std::string_view key);
// Whether a response head accepts the upgrade asked for with `key` (§4.1).
Result<void> check_upgrade_response(std::string_view head, std::string_view key);

struct Answer {
  bool accepted = false;
  std::string response;  // 101, or 400/426 that says why
  std::string reason;    // why not, when not accepted
};

// The server's answer to a request head (§4.2.1, §4.2.2).
Answer answer_upgrade_request(std::string_view head);
// A 400 for a request that could not even be read whole (its head too long).
Answer rejection(std::string reason);

}  // namespace libp2p::transport::detail::ws
