#include "libp2p/muxer/mplex/frame.hpp"

#include "libp2p/multiformats/errc.hpp"
#include "libp2p/multiformats/varint.hpp"
#include "libp2p/muxer/mplex/errc.hpp"

#include <algorithm>
#include <cassert>
#include <string>

namespace libp2p::mplex {
namespace {

namespace varint = multiformats::varint;

// A varint failure: truncated stays truncated (more input may complete it),
// anything else makes the frame malformed.
Error varint_error(const Error& e, const char* what) {
  if (e.code == multiformats::Errc::truncated) return e;
  return Error(Errc::bad_frame, std::string("mplex frame ") + what + ": " + e.message);
}

}  // namespace

Kind kind_of(Flag flag) {
  switch (flag) {
    case Flag::new_stream: return Kind::new_stream;
    case Flag::message_receiver:
    case Flag::message_initiator: return Kind::message;
    case Flag::close_receiver:
    case Flag::close_initiator: return Kind::close;
    case Flag::reset_receiver:
    case Flag::reset_initiator: break;
  }
  return Kind::reset;
}

// The receiver flags are odd, the initiator flags (and NewStream) even.
bool sent_by_initiator(Flag flag) { return (static_cast<unsigned>(flag) & 1) == 0; }

Flag flag_for(Kind kind, bool initiator) {
  switch (kind) {
    case Kind::new_stream: return Flag::new_stream;
    case Kind::message: return initiator ? Flag::message_initiator : Flag::message_receiver;
    case Kind::close: return initiator ? Flag::close_initiator : Flag::close_receiver;
    case Kind::reset: break;
  }
  return initiator ? Flag::reset_initiator : Flag::reset_receiver;
}

Result<ParsedHeader> parse_header(BytesView in, std::size_t max_payload) {
  auto header = varint::decode(in);
  if (!header) return varint_error(header.error(), "header");
  const auto flag = header->value & 7;
  if (flag == 7)
    return Error(Errc::bad_flag, "mplex frame for stream " + std::to_string(header->value >> 3) + " has flag 7");
  auto length = varint::decode(in.subspan(header->size));
  if (!length) return varint_error(length.error(), "length");
  if (length->value > max_payload)
    return Error(Errc::frame_too_large, "mplex frame of " + std::to_string(length->value) + " bytes for stream " +
                                            std::to_string(header->value >> 3) + ", limit " +
                                            std::to_string(max_payload));
  return ParsedHeader{{header->value >> 3, static_cast<Flag>(flag), static_cast<std::size_t>(length->value)},
                      header->size + length->size};
}

Result<ParsedFrame> parse_frame(BytesView in, std::size_t max_payload) {
  auto parsed = parse_header(in, max_payload);
  if (!parsed) return parsed.error();
  if (in.size() - parsed->consumed < parsed->header.length) return Error(multiformats::Errc::truncated);
  return ParsedFrame{parsed->header, in.subspan(parsed->consumed, parsed->header.length),
                     parsed->consumed + parsed->header.length};
}

EncodedPrefix encode_prefix(std::uint64_t stream_id, Flag flag, std::size_t length) {
  assert(stream_id <= max_stream_id && length <= varint::max_value);
  EncodedPrefix out;
  const auto header = varint::encode(stream_id << 3 | static_cast<std::uint64_t>(flag));
  const auto len = varint::encode(length);
  std::copy(header.bytes.begin(), header.bytes.begin() + static_cast<std::ptrdiff_t>(header.size), out.bytes.begin());
  std::copy(len.bytes.begin(), len.bytes.begin() + static_cast<std::ptrdiff_t>(len.size),
            out.bytes.begin() + static_cast<std::ptrdiff_t>(header.size));
  out.size = header.size + len.size;
  return out;
}

void append_frame(Bytes& out, std::uint64_t stream_id, Flag flag, BytesView payload) {
  append(out, encode_prefix(stream_id, flag, payload.size()).view());
  append(out, payload);
}

}  // namespace libp2p::mplex
