#include "libp2p/muxer/yamux/frame.hpp"

#include "libp2p/muxer/yamux/errc.hpp"

namespace libp2p::yamux {
namespace {

void put16(std::uint8_t* p, std::uint16_t v) {
  p[0] = static_cast<std::uint8_t>(v >> 8);
  p[1] = static_cast<std::uint8_t>(v);
}

void put32(std::uint8_t* p, std::uint32_t v) {
  p[0] = static_cast<std::uint8_t>(v >> 24);
  p[1] = static_cast<std::uint8_t>(v >> 16);
  p[2] = static_cast<std::uint8_t>(v >> 8);
  p[3] = static_cast<std::uint8_t>(v);
}

std::uint16_t get16(const std::uint8_t* p) { return static_cast<std::uint16_t>(p[0] << 8 | p[1]); }

std::uint32_t get32(const std::uint8_t* p) {
  return std::uint32_t{p[0]} << 24 | std::uint32_t{p[1]} << 16 | std::uint32_t{p[2]} << 8 | p[3];
}

const char* type_name(FrameType t) {
  switch (t) {
    case FrameType::data: return "Data";
    case FrameType::window_update: return "WindowUpdate";
    case FrameType::ping: return "Ping";
    case FrameType::go_away: return "GoAway";
  }
  return "?";
}

}  // namespace

void encode(const Header& header, std::span<std::uint8_t, header_size> out) {
  out[0] = protocol_version;
  out[1] = static_cast<std::uint8_t>(header.type);
  put16(&out[2], header.flags);
  put32(&out[4], header.stream_id);
  put32(&out[8], header.length);
}

EncodedHeader encode(const Header& header) {
  EncodedHeader out;
  encode(header, out);
  return out;
}

Result<Header> decode(std::span<const std::uint8_t, header_size> in) {
  if (in[0] != protocol_version)
    return Error(Errc::protocol_error, "frame header with version " + std::to_string(in[0]) + ", expected 0");
  if (in[1] > static_cast<std::uint8_t>(FrameType::go_away))
    return Error(Errc::protocol_error, "frame header with unknown type " + std::to_string(in[1]));
  return Header{static_cast<FrameType>(in[1]), get16(&in[2]), get32(&in[4]), get32(&in[8])};
}

std::string to_string(const Header& header) {
  std::string out = std::string(type_name(header.type)) + " stream " + std::to_string(header.stream_id);
  std::string flags;
  const std::pair<std::uint16_t, const char*> names[] = {
      {flag::syn, "SYN"}, {flag::ack, "ACK"}, {flag::fin, "FIN"}, {flag::rst, "RST"}};
  for (auto [bit, name] : names)
    if (header.has(bit)) flags += (flags.empty() ? "" : "|") + std::string(name);
  if (!flags.empty()) out += " flags " + flags;
  return out + " length " + std::to_string(header.length);
}

}  // namespace libp2p::yamux
