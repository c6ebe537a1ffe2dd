#include "transport/detail/ws_frame.hpp"

#include <algorithm>
#include <cstring>

namespace libp2p::transport::detail::ws {
namespace {

bool known_opcode(std::uint8_t op) { return op <= 0x2 || (op >= 0x8 && op <= 0xa); }

// Codes a peer may send (§7.4.1, §7.4.2 and the IANA registry): not the
// reserved ones, nor 1005/1006/1015, which never go on the wire.
bool valid_close_code(std::uint16_t code) {
  return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
}

}  // namespace

std::size_t encode_header(const FrameHeader& header, std::span<std::uint8_t, max_header_size> out) {
  out[0] = static_cast<std::uint8_t>((header.fin ? 0x80 : 0) | static_cast<std::uint8_t>(header.opcode));
  const std::uint8_t mask_bit = header.mask ? 0x80 : 0;
  std::size_t size = 2;
  if (header.length < 126) {
    out[1] = static_cast<std::uint8_t>(mask_bit | header.length);
  } else if (header.length <= 0xffff) {
    out[1] = mask_bit | 126;
    out[2] = static_cast<std::uint8_t>(header.length >> 8);
    out[3] = static_cast<std::uint8_t>(header.length);
    size = 4;
  } else {
    out[1] = mask_bit | 127;
    for (int i = 0; i < 8; ++i) out[2 + i] = static_cast<std::uint8_t>(header.length >> (56 - 8 * i));
    size = 10;
  }
  if (header.mask) {
    std::copy(header.mask->begin(), header.mask->end(), out.begin() + static_cast<std::ptrdiff_t>(size));
    size += 4;
  }
  return size;
}

void apply_mask(std::span<std::uint8_t> data, const MaskKey& key, std::uint64_t offset) {
  // The key rotated to `offset`, then eight bytes at a time.
  std::array<std::uint8_t, 8> wide;
  for (std::size_t i = 0; i < wide.size(); ++i) wide[i] = key[(offset + i) % 4];
  std::uint64_t word_key;
  std::memcpy(&word_key, wide.data(), 8);
  std::size_t i = 0;
  for (; i + 8 <= data.size(); i += 8) {
    std::uint64_t word;
    std::memcpy(&word, data.data() + i, 8);
    word ^= word_key;
    std::memcpy(data.data() + i, &word, 8);
  }
  for (; i < data.size(); ++i) data[i] ^= wide[i % 8];
}

std::variant<ParsedHeader, NeedMore, Violation> FrameParser::next(BytesView input) {
  if (input.size() < 2) return NeedMore{};
  FrameHeader h;
  h.fin = (input[0] & 0x80) != 0;
  if ((input[0] & 0x70) != 0) return Violation{protocol_error, "reserved bits set, and no extension was negotiated"};
  const std::uint8_t op = input[0] & 0x0f;
  if (!known_opcode(op)) return Violation{protocol_error, "reserved opcode " + std::to_string(op)};
  h.opcode = static_cast<Opcode>(op);
  const bool masked = (input[1] & 0x80) != 0;
  const std::uint8_t length7 = input[1] & 0x7f;
  const std::size_t length_size = length7 == 126 ? 2 : length7 == 127 ? 8 : 0;
  const std::size_t size = 2 + length_size + (masked ? 4 : 0);
  if (input.size() < size) return NeedMore{};
  h.length = length7;
  if (length_size) {
    h.length = 0;
    for (std::size_t i = 0; i < length_size; ++i) h.length = h.length << 8 | input[2 + i];
    if (h.length >> 63) return Violation{protocol_error, "frame length with its most significant bit set"};
  }
  if (masked) std::copy_n(input.begin() + static_cast<std::ptrdiff_t>(2 + length_size), 4, h.mask.emplace().begin());
  if (server_ && !masked) return Violation{protocol_error, "a client frame that is not masked (RFC 6455 section 5.1)"};
  if (!server_ && masked) return Violation{protocol_error, "a server frame that is masked (RFC 6455 section 5.1)"};
  if (is_control(h.opcode)) {
    if (!h.fin) return Violation{protocol_error, "a fragmented control frame"};
    if (h.length > max_control_payload) return Violation{protocol_error, "a control frame of more than 125 bytes"};
  } else if (auto v = check_data(h)) {
    return *v;
  }
  return ParsedHeader{h, size};
}

std::optional<Violation> FrameParser::check_data(const FrameHeader& h) {
  const bool continuation = h.opcode == Opcode::continuation;
  if (continuation && !in_message_) return Violation{protocol_error, "a continuation frame outside a message"};
  if (!continuation && in_message_) return Violation{protocol_error, "a new message inside a fragmented one"};
  if (h.opcode == Opcode::text)
    return Violation{unsupported_data, "a text message: libp2p sends binary messages only"};
  const std::uint64_t before = continuation ? message_size_ : 0;
  if (h.length > max_message_size_ - before)
    return Violation{message_too_big, "a message of more than " + std::to_string(max_message_size_) + " bytes"};
  message_size_ = before + h.length;
  in_message_ = !h.fin;
  return std::nullopt;
}

std::variant<CloseBody, Violation> parse_close(BytesView payload) {
  if (payload.empty()) return CloseBody{};
  if (payload.size() == 1) return Violation{protocol_error, "a Close frame with a one-byte body"};
  CloseBody body;
  body.code = static_cast<std::uint16_t>(payload[0] << 8 | payload[1]);
  if (!valid_close_code(body.code))
    return Violation{protocol_error, "a Close frame with the invalid code " + std::to_string(body.code)};
  // Kept for messages only: anything but printable ASCII becomes '?'.
  for (auto c : payload.subspan(2)) body.reason.push_back(c >= 0x20 && c < 0x7f ? static_cast<char>(c) : '?');
  return body;
}

Bytes encode_close(std::uint16_t code, std::string_view reason) {
  reason = reason.substr(0, max_control_payload - 2);
  Bytes out(2 + reason.size());
  out[0] = static_cast<std::uint8_t>(code >> 8);
  out[1] = static_cast<std::uint8_t>(code);
  std::memcpy(out.data() + 2, reason.data(), reason.size());
  return out;
}

}  // namespace libp2p::transport::detail::ws
