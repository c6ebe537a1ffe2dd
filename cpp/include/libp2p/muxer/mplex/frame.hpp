#pragma once

// mplex frames (libp2p/specs mplex/README.md#message-format), without I/O:
//
//   | header: uvarint(stream_id << 3 | flag) | length: uvarint | `length` bytes |
//
// Stream ids live in two namespaces, one per initiator; the flag tells whose
// id a frame names (NewStream and the *Initiator flags: the sender opened it).

#include "libp2p/common/bytes.hpp"
#include "libp2p/common/error.hpp"

#include <array>
#include <cstdint>

namespace libp2p::mplex {

enum class Flag : std::uint8_t {
  new_stream = 0,
  message_receiver = 1,
  message_initiator = 2,
  close_receiver = 3,
  close_initiator = 4,
  reset_receiver = 5,
  reset_initiator = 6,
};

// What a frame does, whoever sent it.
enum class Kind : std::uint8_t { new_stream, message, close, reset };

Kind kind_of(Flag flag);

// Whether the sender of a frame with this flag opened the stream it names.
bool sent_by_initiator(Flag flag);

// The flag for a frame of `kind` sent by the side that opened the stream
// (`initiator`) or by the other side. new_stream is always the initiator's.
Flag flag_for(Kind kind, bool initiator);

// Stream ids are 60 bits: the header is a 9-byte (63-bit) varint (spec).
inline constexpr std::uint64_t max_stream_id = (std::uint64_t{1} << 60) - 1;
// A frame payload may be at most 1 MiB (spec: "up to 1MiB per message").
inline constexpr std::size_t max_message_size = 1 << 20;
// Header and length varints of any frame fit in this.
inline constexpr std::size_t max_prefix_size = 9 + 9;

struct FrameHeader {
  std::uint64_t stream_id = 0;
  Flag flag = Flag::new_stream;
  std::size_t length = 0;  // of the payload that follows
  friend bool operator==(const FrameHeader&, const FrameHeader&) = default;
};

struct ParsedHeader {
  FrameHeader header;
  std::size_t consumed;  // bytes of the input the two varints took
};
// Parses the two varints at the front of `in`. The payload length is checked
// against `max_payload` before anything is read further. Errc::truncated from
// the multiformats category means more input may complete it.
Result<ParsedHeader> parse_header(BytesView in, std::size_t max_payload = max_message_size);

struct ParsedFrame {
  FrameHeader header;
  BytesView payload;     // points into the input
  std::size_t consumed;  // header, length and payload
};
// Parses one whole frame from the front of `in` (as parse_header; truncated
// also while the payload is incomplete).
Result<ParsedFrame> parse_frame(BytesView in, std::size_t max_payload = max_message_size);

// The two varints that start a frame, in a fixed buffer.
struct EncodedPrefix {
  std::array<std::uint8_t, max_prefix_size> bytes{};
  std::size_t size = 0;
  BytesView view() const { return {bytes.data(), size}; }
};
// `stream_id` at most max_stream_id.
EncodedPrefix encode_prefix(std::uint64_t stream_id, Flag flag, std::size_t length);

// Appends a whole frame to `out`.
void append_frame(Bytes& out, std::uint64_t stream_id, Flag flag, BytesView payload);

}  // namespace libp2p::mplex
