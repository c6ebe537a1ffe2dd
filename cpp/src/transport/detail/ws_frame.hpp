#pragma once

// WebSocket framing (RFC 6455 §5), without I/O: frame headers both ways,
// masking, close bodies, and the rules a received frame must follow. libp2p
// carries binary messages only; no extension is ever negotiated.

#include "libp2p/common/bytes.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <variant>

namespace libp2p::transport::detail::ws {

enum class Opcode : std::uint8_t { continuation = 0x0, text = 0x1, binary = 0x2, close = 0x8, ping = 0x9, pong = 0xa };

inline bool is_control(Opcode op) { return (static_cast<std::uint8_t>(op) & 0x8) != 0; }

// Close status codes (§7.4.1) this side sends.
enum CloseCode : std::uint16_t {
  normal_closure = 1000,
  protocol_error = 1002,
  unsupported_data = 1003,
  message_too_big = 1009,
};

using MaskKey = std::array<std::uint8_t, 4>;

struct FrameHeader {
  bool fin = true;
  Opcode opcode = Opcode::binary;
  std::optional<MaskKey> mask;  // present on every frame a client sends (§5.3)
  std::uint64_t length = 0;
};

inline constexpr std::size_t max_header_size = 14;
inline constexpr std::size_t max_control_payload = 125;  // §5.5

// The header in its shortest form (§5.2); returns its size.
std::size_t encode_header(const FrameHeader& header, std::span<std::uint8_t, max_header_size> out);

// XORs `data` with `key`; `offset` is where `data` starts in the frame's payload.
void apply_mask(std::span<std::uint8_t> data, const MaskKey& key, std::uint64_t offset);

// A frame that breaks the rules: the close code to answer with and why.
struct Violation {
  std::uint16_t code;
  std::string reason;
};

struct ParsedHeader {
  FrameHeader header;
  std::size_t size;  // bytes of the header
};

struct NeedMore {};

// Reads frame headers in order and checks each against what may come next:
// masking by role (§5.1), reserved bits and opcodes, control frame rules
// (§5.5), fragmentation (§5.4), binary only, and the bound on a message
// (the sum of its fragments).
class FrameParser {
 public:
  // A server's peer must mask its frames, a client's must not.
  FrameParser(bool server, std::uint64_t max_message_size) : server_(server), max_message_size_(max_message_size) {}

  // The header at the start of `input`.
  std::variant<ParsedHeader, NeedMore, Violation> next(BytesView input);

 private:
  std::optional<Violation> check_data(const FrameHeader& header);

  bool server_;
  std::uint64_t max_message_size_;
  bool in_message_ = false;  // a message has begun and awaits continuations
  std::uint64_t message_size_ = 0;
};

struct CloseBody {
  std::uint16_t code = 1005;  // "no status received" when the body is empty
  std::string reason;
};

// The body of a received Close frame (§5.5.1, §7.4).
std::variant<CloseBody, Violation> parse_close(BytesView payload);
Bytes encode_close(std::uint16_t code, std::string_view reason);

}  // namespace libp2p::transport::detail::ws
