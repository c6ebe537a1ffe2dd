#include "libp2p/multiformats/varint.hpp"

#include "libp2p/multiformats/errc.hpp"

#include <gtest/gtest.h>

namespace libp2p::multiformats {
namespace {

// The examples table of the unsigned-varint spec.
struct Vector {
  std::uint64_t value;
  Bytes encoding;
};
const Vector spec_vectors[] = {
    {1, {0x01}},
    {127, {0x7f}},
    {128, {0x80, 0x01}},
    {255, {0xff, 0x01}},
    {300, {0xac, 0x02}},
    {16384, {0x80, 0x80, 0x01}},
};

TEST(Varint, EncodesSpecExamples) {
  for (const auto& v : spec_vectors) {
    auto e = varint::encode(v.value);
    EXPECT_EQ(Bytes(e.view().begin(), e.view().end()), v.encoding) << v.value;
    EXPECT_EQ(varint::encoded_size(v.value), v.encoding.size());
  }
}

TEST(Varint, DecodesSpecExamples) {
  for (const auto& v : spec_vectors) {
    auto d = varint::decode(v.encoding);
    ASSERT_TRUE(d) << v.value;
    EXPECT_EQ(d->value, v.value);
    EXPECT_EQ(d->size, v.encoding.size());
  }
}

TEST(Varint, RoundTripsTheWholeRange) {
  for (std::uint64_t value : {std::uint64_t{0}, std::uint64_t{1} << 35, varint::max_value}) {
    auto e = varint::encode(value);
    auto d = varint::decode(e.view());
    ASSERT_TRUE(d);
    EXPECT_EQ(d->value, value);
  }
  EXPECT_EQ(varint::encode(varint::max_value).size, 9u);
}

TEST(Varint, RejectsNonMinimalEncodings) {
  // The spec's example: 0x81 0x00 encodes 1 non-minimally.
  EXPECT_EQ(varint::decode(Bytes{0x81, 0x00}).error().code, Errc::varint_not_minimal);
  EXPECT_EQ(varint::decode(Bytes{0x80, 0x80, 0x00}).error().code, Errc::varint_not_minimal);
}

TEST(Varint, RejectsMoreThanNineBytes) {
  Bytes ten(9, 0x80);
  ten.push_back(0x01);
  EXPECT_EQ(varint::decode(ten).error().code, Errc::varint_too_long);
  EXPECT_EQ(varint::decode(Bytes(9, 0xff)).error().code, Errc::varint_too_long);
}

TEST(Varint, ReportsTruncation) {
  EXPECT_EQ(varint::decode(Bytes{}).error().code, Errc::truncated);
  EXPECT_EQ(varint::decode(Bytes{0x80}).error().code, Errc::truncated);
}

TEST(Varint, ReadAdvances) {
  Bytes data{0xac, 0x02, 0x07};
  BytesView in(data);
  EXPECT_EQ(varint::read(in).value(), 300u);
  EXPECT_EQ(varint::read(in).value(), 7u);
  EXPECT_TRUE(in.empty());
}

}  // namespace
}  // namespace libp2p::multiformats
