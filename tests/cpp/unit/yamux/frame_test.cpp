#include "libp2p/muxer/yamux/frame.hpp"

#include "libp2p/muxer/yamux/errc.hpp"

#include <gtest/gtest.h>

namespace libp2p::yamux {
namespace {

Result<Header> decode_bytes(const Bytes& b) { return decode(std::span<const std::uint8_t, header_size>(b.data(), header_size)); }

Bytes encoded(const Header& h) {
  auto e = encode(h);
  return {e.begin(), e.end()};
}

TEST(YamuxFrame, ConstantsAreTheSpecs) {
  // yamux/README.md: types 0..3, flags 1/2/4/8, GoAway codes 0..2, 12-byte header.
  EXPECT_EQ(static_cast<int>(FrameType::window_update), 1);
  EXPECT_EQ(static_cast<int>(FrameType::go_away), 3);
  EXPECT_EQ(flag::syn | flag::ack | flag::fin | flag::rst, 0xf);
  EXPECT_EQ(static_cast<std::uint32_t>(GoAwayCode::internal_error), 2u);
  EXPECT_EQ(header_size, 12u);
  EXPECT_EQ(initial_window, 262144u);
}

TEST(YamuxFrame, EncodesHandCheckedVectors) {
  // Data, SYN, stream 1, 5 payload bytes.
  EXPECT_EQ(encoded({FrameType::data, flag::syn, 1, 5}),
            (Bytes{0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x05}));
  // WindowUpdate, ACK, stream 2, delta 256 KiB.
  EXPECT_EQ(encoded({FrameType::window_update, flag::ack, 2, 256 * 1024}),
            (Bytes{0x00, 0x01, 0x00, 0x02, 0x00, 0x00, 0x00, 0x02, 0x00, 0x04, 0x00, 0x00}));
  // Ping SYN with opaque value 0x12345678, on the session id 0.
  EXPECT_EQ(encoded({FrameType::ping, flag::syn, session_id, 0x12345678}),
            (Bytes{0x00, 0x02, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x12, 0x34, 0x56, 0x78}));
  // GoAway with the protocol error code.
  EXPECT_EQ(encoded({FrameType::go_away, 0, session_id, 1}),
            (Bytes{0x00, 0x03, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01}));
  // go-yamux const_test.go: WindowUpdate, ACK|RST, stream 1234, length 4321.
  EXPECT_EQ(encoded({FrameType::window_update, flag::ack | flag::rst, 1234, 4321}),
            (Bytes{0x00, 0x01, 0x00, 0x0a, 0x00, 0x00, 0x04, 0xd2, 0x00, 0x00, 0x10, 0xe1}));
  // Big-endian at the extremes.
  EXPECT_EQ(encoded({FrameType::data, flag::fin | flag::rst, 0xfffffffe, 0x01020304}),
            (Bytes{0x00, 0x00, 0x00, 0x0c, 0xff, 0xff, 0xff, 0xfe, 0x01, 0x02, 0x03, 0x04}));
}

TEST(YamuxFrame, DecodesWhatItEncodes) {
  const Header headers[] = {{FrameType::data, 0, 3, 0},
                            {FrameType::window_update, flag::syn | flag::fin, 0x7fffffff, 0xffffffff},
                            {FrameType::ping, flag::ack, 0, 42},
                            {FrameType::go_away, 0, 0, 2}};
  for (const auto& h : headers) {
    auto d = decode_bytes(encoded(h));
    ASSERT_TRUE(d) << d.error().message;
    EXPECT_EQ(*d, h) << to_string(h);
  }
}

TEST(YamuxFrame, RejectsABadVersionAndAnUnknownType) {
  auto v = decode_bytes(Bytes{0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00});
  ASSERT_FALSE(v);
  EXPECT_EQ(v.error().code, Errc::protocol_error);
  EXPECT_NE(v.error().message.find("version 1"), std::string::npos) << v.error().message;
  auto t = decode_bytes(Bytes{0x00, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00});
  ASSERT_FALSE(t);
  EXPECT_EQ(t.error().code, Errc::protocol_error);
  EXPECT_NE(t.error().message.find("type 4"), std::string::npos) << t.error().message;
}

TEST(YamuxFrame, IgnoresUnknownFlagBits) {
  auto d = decode_bytes(Bytes{0x00, 0x00, 0x80, 0x01, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00});
  ASSERT_TRUE(d);
  EXPECT_TRUE(d->has(flag::syn));
  EXPECT_FALSE(d->has(flag::ack));
}

TEST(YamuxFrame, DescribesAHeader) {
  EXPECT_EQ(to_string({FrameType::data, flag::syn | flag::fin, 3, 5}), "Data stream 3 flags SYN|FIN length 5");
  EXPECT_EQ(to_string({FrameType::go_away, 0, 0, 1}), "GoAway stream 0 length 1");
}

}  // namespace
}  // namespace libp2p::yamux
