#include "transport/detail/ws_frame.hpp"

#include "libp2p/multiformats/multibase.hpp"

#include <gtest/gtest.h>

namespace libp2p::transport::detail::ws {
namespace {

Bytes hex(std::string_view text) { return multiformats::multibase::from_hex(text).value(); }

Bytes header_bytes(const FrameHeader& h) {
  std::array<std::uint8_t, max_header_size> out;
  return Bytes(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(encode_header(h, out)));
}

ParsedHeader parsed(FrameParser& parser, BytesView input) {
  auto r = parser.next(input);
  if (auto* v = std::get_if<Violation>(&r)) ADD_FAILURE() << v->reason;
  if (std::holds_alternative<NeedMore>(r)) ADD_FAILURE() << "needs more";
  return std::holds_alternative<ParsedHeader>(r) ? std::get<ParsedHeader>(r) : ParsedHeader{};
}

Violation violation(FrameParser& parser, BytesView input) {
  auto r = parser.next(input);
  EXPECT_TRUE(std::holds_alternative<Violation>(r));
  return std::holds_alternative<Violation>(r) ? std::get<Violation>(r) : Violation{};
}

// RFC 6455 §5.7.
constexpr MaskKey rfc_key{0x37, 0xfa, 0x21, 0x3d};

TEST(WsFrame, EncodesTheRfcExamples) {
  EXPECT_EQ(header_bytes({.fin = true, .opcode = Opcode::ping, .mask = std::nullopt, .length = 5}), hex("8905"));
  EXPECT_EQ(header_bytes({.fin = true, .opcode = Opcode::pong, .mask = rfc_key, .length = 5}), hex("8a8537fa213d"));
  EXPECT_EQ(header_bytes({.fin = true, .opcode = Opcode::binary, .mask = std::nullopt, .length = 256}), hex("827e0100"));
  EXPECT_EQ(header_bytes({.fin = true, .opcode = Opcode::binary, .mask = std::nullopt, .length = 65536}),
            hex("827f0000000000010000"));
  EXPECT_EQ(header_bytes({.fin = false, .opcode = Opcode::binary, .mask = std::nullopt, .length = 3}), hex("0203"));
}

TEST(WsFrame, MasksAsTheRfcExampleAtAnyOffset) {
  Bytes hello = to_bytes("Hello");
  apply_mask(hello, rfc_key, 0);
  EXPECT_EQ(hello, hex("7f9f4d5158"));
  // In pieces, each at its offset in the payload; and long enough for the wide path.
  Bytes long_text = to_bytes("Hello, this payload is long enough to be masked eight bytes at a time");
  Bytes whole = long_text, pieces = long_text;
  apply_mask(whole, rfc_key, 0);
  for (std::size_t at = 0; at < pieces.size(); at += 11)
    apply_mask(std::span(pieces).subspan(at, std::min<std::size_t>(11, pieces.size() - at)), rfc_key, at);
  EXPECT_EQ(pieces, whole);
  apply_mask(whole, rfc_key, 0);
  EXPECT_EQ(whole, long_text);
}

TEST(WsFrame, AClientReadsUnmaskedServerFrames) {
  FrameParser client(false, 1 << 20);
  auto ping = parsed(client, hex("890548656c6c6f"));
  EXPECT_EQ(ping.size, 2u);
  EXPECT_EQ(ping.header.opcode, Opcode::ping);
  EXPECT_EQ(ping.header.length, 5u);
  auto big = parsed(client, hex("827f0000000000010000"));
  EXPECT_EQ(big.size, 10u);
  EXPECT_EQ(big.header.length, 65536u);
  EXPECT_EQ(violation(client, hex("8a8537fa213d7f9f4d5158")).code, protocol_error);  // masked
}

TEST(WsFrame, AServerReadsOnlyMaskedClientFrames) {
  FrameParser server(true, 1 << 20);
  auto pong = parsed(server, hex("8a8537fa213d7f9f4d5158"));
  EXPECT_EQ(pong.size, 6u);
  EXPECT_EQ(pong.header.mask, std::optional<MaskKey>(rfc_key));
  auto v = violation(server, hex("820548656c6c6f"));
  EXPECT_EQ(v.code, protocol_error);
  EXPECT_NE(v.reason.find("not masked"), std::string::npos);
}

TEST(WsFrame, WaitsForAWholeHeader) {
  const Bytes frame = hex("827f0000000000010000");
  FrameParser client(false, 1 << 20);
  for (std::size_t n = 0; n < frame.size(); ++n)
    EXPECT_TRUE(std::holds_alternative<NeedMore>(client.next(BytesView(frame).first(n)))) << n;
  const Bytes masked = hex("828537fa213d");
  FrameParser server(true, 1 << 20);
  for (std::size_t n = 0; n < masked.size(); ++n)
    EXPECT_TRUE(std::holds_alternative<NeedMore>(server.next(BytesView(masked).first(n)))) << n;
}

TEST(WsFrame, TakesFragmentsWithControlFramesBetween) {
  // The RFC's fragmented example, as binary, with a ping between the fragments.
  FrameParser client(false, 1 << 20);
  EXPECT_FALSE(parsed(client, hex("0203")).header.fin);
  EXPECT_EQ(parsed(client, hex("8900")).header.opcode, Opcode::ping);
  auto last = parsed(client, hex("8002"));
  EXPECT_TRUE(last.header.fin);
  EXPECT_EQ(last.header.opcode, Opcode::continuation);
  EXPECT_EQ(parsed(client, hex("8201")).header.opcode, Opcode::binary);  // a new message
}

TEST(WsFrame, RefusesWhatTheRfcForbids) {
  auto first = [](std::string_view frame) {
    FrameParser client(false, 1 << 20);
    return violation(client, hex(frame));
  };
  EXPECT_EQ(first("c200").code, protocol_error);              // RSV1 without an extension
  EXPECT_EQ(first("8300").code, protocol_error);              // reserved data opcode
  EXPECT_EQ(first("8b00").code, protocol_error);              // reserved control opcode
  EXPECT_EQ(first("0900").code, protocol_error);              // fragmented ping
  EXPECT_EQ(first("897e007e").code, protocol_error);          // a 126-byte ping
  EXPECT_EQ(first("8000").code, protocol_error);              // continuation with no message
  EXPECT_EQ(first("827f8000000000000000").code, protocol_error);  // 64-bit length, top bit set
  auto text = first("810548656c6c6f");
  EXPECT_EQ(text.code, unsupported_data);
  EXPECT_NE(text.reason.find("binary"), std::string::npos);

  FrameParser client(false, 1 << 20);
  parsed(client, hex("0203"));
  EXPECT_EQ(violation(client, hex("8201")).code, protocol_error);  // a new message inside the first
}

TEST(WsFrame, BoundsAMessageOverItsFragments) {
  FrameParser client(false, 10);
  parsed(client, hex("820a"));  // exactly the bound
  EXPECT_EQ(violation(client, hex("820b")).code, message_too_big);
  FrameParser fragmented(false, 10);
  parsed(fragmented, hex("0206"));
  EXPECT_EQ(violation(fragmented, hex("8005")).code, message_too_big);
  FrameParser huge(false, 16 * 1024 * 1024);
  EXPECT_EQ(violation(huge, hex("827f7fffffffffffffff")).code, message_too_big);
}

TEST(WsFrame, ReadsAndWritesCloseBodies) {
  EXPECT_EQ(std::get<CloseBody>(parse_close({})).code, 1005);
  auto body = std::get<CloseBody>(parse_close(encode_close(1000, "bye")));
  EXPECT_EQ(body.code, 1000);
  EXPECT_EQ(body.reason, "bye");
  EXPECT_EQ(std::get<CloseBody>(parse_close(hex("0bb8"))).code, 3000);
  EXPECT_EQ(std::get<CloseBody>(parse_close(hex("03e8ff0a41"))).reason, "??A");  // shown, never trusted
  for (auto bad : {"03", "03e7", "03ed", "03ee", "03f7", "07d0", "1388"})
    EXPECT_TRUE(std::holds_alternative<Violation>(parse_close(hex(bad)))) << bad;
  EXPECT_EQ(encode_close(1002, std::string(300, 'x')).size(), max_control_payload);
}

}  // namespace
}  // namespace libp2p::transport::detail::ws
