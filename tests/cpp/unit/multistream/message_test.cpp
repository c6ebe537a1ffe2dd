#include "libp2p/multistream/message.hpp"

#include "libp2p/multiformats/errc.hpp"
#include "libp2p/multistream/errc.hpp"

#include <gtest/gtest.h>

namespace libp2p::multistream {
namespace {

TEST(MultistreamMessage, EncodesTheSpecExample) {
  // connections/README.md: "na" is sent as 0x036e610a.
  EXPECT_EQ(encode_message("na"), (Bytes{0x03, 0x6e, 0x61, 0x0a}));
  // multistream-select README: "ls" is 0x036c730a.
  EXPECT_EQ(encode_message("ls"), (Bytes{0x03, 0x6c, 0x73, 0x0a}));
  auto header = encode_message(protocol_id);
  EXPECT_EQ(header.front(), 19);
  EXPECT_EQ(as_string(header).substr(1), "/multistream/1.0.0\n");
}

TEST(MultistreamMessage, ParsesOneMessageAndReportsWhatItTook) {
  Bytes wire = encode_message(protocol_id);
  append_message(wire, "/noise");
  auto first = parse_message(wire);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->line, protocol_id);
  auto second = parse_message(BytesView(wire).subspan(first->consumed));
  ASSERT_TRUE(second);
  EXPECT_EQ(second->line, "/noise");
  EXPECT_EQ(first->consumed + second->consumed, wire.size());
}

TEST(MultistreamMessage, RejectsMalformedMessages) {
  EXPECT_EQ(parse_message(Bytes{0x02, 'n', 'a'}).error().code, Errc::bad_message);  // no newline
  EXPECT_EQ(parse_message(Bytes{0x00}).error().code, Errc::bad_message);
  EXPECT_EQ(parse_message(Bytes{0x03, 'n'}).error().code, multiformats::Errc::truncated);
  EXPECT_EQ(parse_message(Bytes{}).error().code, multiformats::Errc::truncated);
  Bytes huge{0x81, 0x08};  // 1025
  EXPECT_EQ(parse_message(huge).error().code, Errc::message_too_large);
  EXPECT_EQ(parse_message(Bytes{0x80, 0x00}).error().code, Errc::bad_message);  // non-minimal varint
}

TEST(MultistreamMessage, ListRoundTripsInTheSpecLayout) {
  const std::vector<std::string> protocols{"/ipfs/kad/0.2.3", "/ipfs/kad/1.0.0"};
  Bytes wire = encode_list(protocols);
  auto outer = parse_message(wire, max_list_size);
  ASSERT_TRUE(outer);
  // The body is the embedded messages and a final '\n': it ends in "\n\n".
  EXPECT_EQ(outer->line.substr(outer->line.size() - 1), "\n");
  auto body = BytesView(wire).subspan(1);  // one-byte length prefix here
  auto parsed = parse_list(body);
  ASSERT_TRUE(parsed);
  EXPECT_EQ(*parsed, protocols);
  EXPECT_TRUE(parse_list(Bytes{'\n'}));
  EXPECT_FALSE(parse_list(Bytes{}));
}

}  // namespace
}  // namespace libp2p::multistream
