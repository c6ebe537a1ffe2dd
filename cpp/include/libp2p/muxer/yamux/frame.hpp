#pragma once

// The yamux frame header (yamux/README.md "Framing"), without I/O: 12 bytes,
// big-endian: version (8 bits), type (8), flags (16), stream id (32),
// length (32). A Data frame's payload (`length` bytes) follows its header;
// for WindowUpdate the length is a window delta, for Ping an opaque value
// echoed back, for GoAway an error code.

#include "libp2p/common/bytes.hpp"
#include "libp2p/common/error.hpp"

#include <array>
#include <cstdint>
#include <span>
#include <string>

namespace libp2p::yamux {

inline constexpr std::size_t header_size = 12;
inline constexpr std::uint8_t protocol_version = 0;

// Both sides start every stream with this receive window ("Flow Control").
inline constexpr std::uint32_t initial_window = 256 * 1024;

enum class FrameType : std::uint8_t { data = 0, window_update = 1, ping = 2, go_away = 3 };

namespace flag {
inline constexpr std::uint16_t syn = 0x1;  // opens a stream; on Ping: a request
inline constexpr std::uint16_t ack = 0x2;  // accepts a stream; on Ping: the answer
inline constexpr std::uint16_t fin = 0x4;  // half-close
inline constexpr std::uint16_t rst = 0x8;  // reset
}  // namespace flag

// The GoAway frame's length field ("Session termination").
enum class GoAwayCode : std::uint32_t { normal = 0, protocol_error = 1, internal_error = 2 };

// Ping and GoAway use this stream id: it names the session.
inline constexpr std::uint32_t session_id = 0;

struct Header {
  FrameType type = FrameType::data;
  std::uint16_t flags = 0;
  std::uint32_t stream_id = 0;
  std::uint32_t length = 0;

  bool has(std::uint16_t f) const { return (flags & f) == f; }
  friend bool operator==(const Header&, const Header&) = default;
};

using EncodedHeader = std::array<std::uint8_t, header_size>;

void encode(const Header& header, std::span<std::uint8_t, header_size> out);
EncodedHeader encode(const Header& header);

// Errc::protocol_error for a version other than 0 or an unknown type; unknown
// flag bits are ignored (as go-yamux and rust-yamux do).
Result<Header> decode(std::span<const std::uint8_t, header_size> in);

// "Data stream 3 flags SYN|FIN length 5", for logs and error messages.
std::string to_string(const Header& header);

}  // namespace libp2p::yamux
