#pragma once

// multistream-select 1.0 messages (multiformats/multistream-select, and
// libp2p/specs connections/README.md#multistream-select): each message is a
// UTF-8 line ending in '\n', prefixed with its length (newline included) as an
// unsigned varint. The codec, without I/O.

#include "libp2p/common/bytes.hpp"
#include "libp2p/common/error.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace libp2p::multistream {

inline constexpr std::string_view protocol_id = "/multistream/1.0.0";
inline constexpr std::string_view not_available = "na";
inline constexpr std::string_view list_request = "ls";

// A message (newline included) may be at most this long, as in go-multistream.
inline constexpr std::size_t max_message_size = 1024;
// The answer to "ls" is one message holding many; it gets a larger bound.
inline constexpr std::size_t max_list_size = 64 * 1024;

// Appends `line` as one message.
void append_message(Bytes& out, std::string_view line);
Bytes encode_message(std::string_view line);

struct Parsed {
  std::string_view line;  // without the newline; points into the input
  std::size_t consumed;   // bytes of the input the message took
};
// Parses one message from the front of `in`. Errc::truncated from the
// multiformats category means more input may complete it.
Result<Parsed> parse_message(BytesView in, std::size_t max_size = max_message_size);

// The answer to "ls": the protocols, each a message, all in one message whose
// body ends with a lone '\n'.
Bytes encode_list(const std::vector<std::string>& protocols);
Result<std::vector<std::string>> parse_list(BytesView body);

}  // namespace libp2p::multistream
