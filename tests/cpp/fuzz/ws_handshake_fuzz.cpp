// Fuzzes the WebSocket opening handshake's parsers: any head, as a request to
// answer and as a response to check, never crashes; a refusal always has a
// reason and a 4xx response, an acceptance a 101.
#include "transport/detail/ws_handshake.hpp"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace libp2p::transport::detail::ws;
  const auto text = libp2p::as_string(libp2p::BytesView(data, std::min(size, max_head_size)));
  const auto answer = answer_upgrade_request(text);
  if (answer.accepted != answer.response.starts_with("HTTP/1.1 101 ")) std::abort();
  if (!answer.accepted && (answer.reason.empty() || !answer.response.starts_with("HTTP/1.1 4"))) std::abort();
  (void)check_upgrade_response(text, "dGhlIHNhbXBsZSBub25jZQ==");
  return 0;
}
