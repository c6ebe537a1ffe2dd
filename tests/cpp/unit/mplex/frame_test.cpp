#include "libp2p/muxer/mplex/frame.hpp"

#include "libp2p/multiformats/errc.hpp"
#include "libp2p/muxer/mplex/errc.hpp"

#include <gtest/gtest.h>

namespace libp2p::mplex {
namespace {

Bytes bytes(std::initializer_list<std::uint8_t> b) { return Bytes(b); }

Bytes frame(std::uint64_t id, Flag flag, std::string_view payload) {
  Bytes out;
  append_frame(out, id, flag, as_bytes(payload));
  return out;
}

// Vectors worked out by hand from the spec's layout:
// header = uvarint(id << 3 | flag), length = uvarint(payload size).
TEST(Frame, EncodesHandCheckedVectors) {
  EXPECT_EQ(frame(0, Flag::new_stream, "0"), bytes({0x00, 0x01, '0'}));
  EXPECT_EQ(frame(1, Flag::message_initiator, "hi"), bytes({0x0a, 0x02, 'h', 'i'}));  // 1<<3|2 = 10
  EXPECT_EQ(frame(17, Flag::message_receiver, ""), bytes({0x89, 0x01, 0x00}));        // 17<<3|1 = 137
  EXPECT_EQ(frame(3, Flag::close_initiator, ""), bytes({0x1c, 0x00}));                // 3<<3|4 = 28
  EXPECT_EQ(frame(2, Flag::close_receiver, ""), bytes({0x13, 0x00}));                 // 2<<3|3 = 19
  EXPECT_EQ(frame(16, Flag::reset_receiver, ""), bytes({0x85, 0x01, 0x00}));          // 16<<3|5 = 133
  EXPECT_EQ(frame(0, Flag::reset_initiator, ""), bytes({0x06, 0x00}));
  // The largest stream id, 2^60 - 1: a 9-byte header, 2^63 - 2.
  EXPECT_EQ(frame(max_stream_id, Flag::reset_initiator, ""),
            bytes({0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f, 0x00}));
  // A 1 MiB payload: length 2^20 = 80 80 40.
  EXPECT_EQ(encode_prefix(0, Flag::message_initiator, max_message_size).view().size(), 4u);
  const auto prefix = encode_prefix(0, Flag::message_initiator, max_message_size);
  EXPECT_EQ(Bytes(prefix.view().begin(), prefix.view().end()), bytes({0x02, 0x80, 0x80, 0x40}));
}

TEST(Frame, ParsesWhatItEncodes) {
  const Bytes in = frame(17, Flag::message_receiver, "payload");
  auto f = parse_frame(in);
  ASSERT_TRUE(f) << f.error().message;
  EXPECT_EQ(f->header, (FrameHeader{17, Flag::message_receiver, 7}));
  EXPECT_EQ(as_string(f->payload), "payload");
  EXPECT_EQ(f->consumed, in.size());
}

TEST(Frame, ParsesTheLargestStreamId) {
  auto f = parse_frame(bytes({0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f, 0x00}));
  ASSERT_TRUE(f);
  EXPECT_EQ(f->header.stream_id, max_stream_id);
  EXPECT_EQ(f->header.flag, Flag::reset_initiator);
}

TEST(Frame, ParsesOneFrameOfMany) {
  Bytes in = frame(1, Flag::close_initiator, "");
  append(in, frame(2, Flag::message_initiator, "x"));
  auto f = parse_frame(in);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->header, (FrameHeader{1, Flag::close_initiator, 0}));
  EXPECT_EQ(f->consumed, 2u);
}

TEST(Frame, TruncatedInputAsksForMore) {
  for (const Bytes& in : {Bytes{}, bytes({0x89}), bytes({0x0a}), bytes({0x0a, 0x80}), bytes({0x0a, 0x02, 'h'})}) {
    auto f = parse_frame(in);
    ASSERT_FALSE(f);
    EXPECT_EQ(f.error().code, multiformats::Errc::truncated);
  }
  // The header alone is complete before the payload arrives.
  auto h = parse_header(bytes({0x0a, 0x02, 'h'}));
  ASSERT_TRUE(h);
  EXPECT_EQ(h->header, (FrameHeader{1, Flag::message_initiator, 2}));
  EXPECT_EQ(h->consumed, 2u);
}

TEST(Frame, RejectsFlagSeven) {
  auto f = parse_frame(bytes({0x0f, 0x00}));  // stream 1, flag 7
  ASSERT_FALSE(f);
  EXPECT_EQ(f.error().code, Errc::bad_flag);
}

TEST(Frame, RejectsBadVarints) {
  // A non-minimal header, a non-minimal length, a header longer than 9 bytes.
  for (const Bytes& in : {bytes({0x80, 0x00, 0x00}), bytes({0x02, 0x81, 0x00}),
                          bytes({0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01, 0x00})}) {
    auto f = parse_frame(in);
    ASSERT_FALSE(f);
    EXPECT_EQ(f.error().code, Errc::bad_frame) << f.error().message;
  }
}

TEST(Frame, RejectsPayloadsAboveTheLimitBeforeReadingThem) {
  // 1 MiB is allowed; 1 MiB + 1 (81 80 40) is not, with no payload present.
  auto ok = parse_header(bytes({0x02, 0x80, 0x80, 0x40}));
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->header.length, max_message_size);
  auto big = parse_header(bytes({0x02, 0x81, 0x80, 0x40}));
  ASSERT_FALSE(big);
  EXPECT_EQ(big.error().code, Errc::frame_too_large);
  // A lower limit is honoured.
  auto small = parse_frame(frame(0, Flag::message_initiator, "12345"), 4);
  ASSERT_FALSE(small);
  EXPECT_EQ(small.error().code, Errc::frame_too_large);
  // A length far beyond anything (2^63 - 1) is refused, not allocated.
  auto huge = parse_header(bytes({0x02, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f}));
  ASSERT_FALSE(huge);
  EXPECT_EQ(huge.error().code, Errc::frame_too_large);
}

TEST(Frame, FlagsNameKindAndRole) {
  EXPECT_EQ(kind_of(Flag::new_stream), Kind::new_stream);
  EXPECT_EQ(kind_of(Flag::message_receiver), Kind::message);
  EXPECT_EQ(kind_of(Flag::close_initiator), Kind::close);
  EXPECT_EQ(kind_of(Flag::reset_receiver), Kind::reset);
  EXPECT_TRUE(sent_by_initiator(Flag::new_stream));
  EXPECT_TRUE(sent_by_initiator(Flag::message_initiator));
  EXPECT_FALSE(sent_by_initiator(Flag::message_receiver));
  EXPECT_FALSE(sent_by_initiator(Flag::reset_receiver));
  for (Kind k : {Kind::message, Kind::close, Kind::reset}) {
    EXPECT_TRUE(sent_by_initiator(flag_for(k, true)));
    EXPECT_FALSE(sent_by_initiator(flag_for(k, false)));
    EXPECT_EQ(kind_of(flag_for(k, true)), k);
    EXPECT_EQ(kind_of(flag_for(k, false)), k);
  }
  EXPECT_EQ(flag_for(Kind::new_stream, false), Flag::new_stream);
}

}  // namespace
}  // namespace libp2p::mplex
