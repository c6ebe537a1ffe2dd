#include "common/der.hpp"

#include <gtest/gtest.h>

namespace libp2p::der {
namespace {

TEST(Der, ReadsElementsInTurn) {
  const Bytes in{0x30, 0x03, 0x02, 0x01, 0x07, 0x04, 0x00};
  Reader reader(in);
  EXPECT_EQ(reader.peek(), sequence);
  auto first = reader.next(sequence);
  ASSERT_TRUE(first);
  EXPECT_TRUE(equal(first->contents, Bytes{0x02, 0x01, 0x07}));
  EXPECT_EQ(first->encoding.size(), 5u);
  EXPECT_FALSE(reader.next(integer));  // the next one is an OCTET STRING, and stays
  auto second = reader.contents(octet_string);
  ASSERT_TRUE(second);
  EXPECT_TRUE(second->empty());
  EXPECT_TRUE(reader.empty());
  EXPECT_FALSE(reader.next());
}

TEST(Der, ReadsLongFormLengths) {
  for (std::size_t size : {127u, 128u, 255u, 256u, 70000u}) {
    const Bytes contents(size, 0xab);
    const Bytes encoded = element(octet_string, contents);
    Reader reader(encoded);
    auto read = reader.contents(octet_string);
    ASSERT_TRUE(read) << size;
    EXPECT_EQ(read->size(), size);
    EXPECT_TRUE(reader.empty());
  }
}

TEST(Der, RefusesWhatIsNotDer) {
  const Bytes bad[] = {
      {0x04},                    // no length
      {0x04, 0x02, 0x00},        // truncated contents
      {0x04, 0x80, 0x00, 0x00},  // BER's indefinite length
      {0x04, 0x81, 0x05, 1, 2, 3, 4, 5},  // long form for a short length
      {0x04, 0x82, 0x00, 0x80},  // a length with a leading zero byte
      {0x04, 0x85, 1, 0, 0, 0, 0},  // five length bytes
      {0x1f, 0x21, 0x00},        // a multi-byte tag
  };
  for (std::size_t i = 0; i < std::size(bad); ++i) {
    const Bytes& b = bad[i];
    Reader reader(b);
    EXPECT_FALSE(reader.next()) << "case " << i;
    EXPECT_EQ(reader.peek(), b[0]);  // nothing consumed
  }
}

TEST(Der, WholeBytesOfABitString) {
  const Bytes whole{0x00, 0xaa, 0xbb};
  ASSERT_TRUE(whole_bytes(whole));
  EXPECT_EQ(whole_bytes(whole)->size(), 2u);
  EXPECT_FALSE(whole_bytes(Bytes{0x04, 0xa0}));  // four unused bits
  EXPECT_FALSE(whole_bytes(Bytes{}));
}

TEST(Der, WritesObjectIdentifiersDotted) {
  EXPECT_EQ(dotted(Bytes{0x2b, 0x06, 0x01, 0x04, 0x01, 0x83, 0xa2, 0x5a, 0x01, 0x01}), "1.3.6.1.4.1.53594.1.1");
  EXPECT_EQ(dotted(Bytes{0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07}), "1.2.840.10045.3.1.7");
  EXPECT_EQ(dotted(Bytes{0x88, 0x37, 0x03}), "2.999.3");  // X.690 8.19.5's example arc
  EXPECT_EQ(dotted(Bytes{}), "?");
  EXPECT_EQ(dotted(Bytes{0x2b, 0x86}), "?");  // a subidentifier cut short
}

}  // namespace
}  // namespace libp2p::der
