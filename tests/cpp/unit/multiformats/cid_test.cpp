#include "libp2p/multiformats/cid.hpp"

#include "libp2p/multiformats/errc.hpp"

#include <gtest/gtest.h>

namespace libp2p::multiformats {
namespace {

using multibase::Base;
using multibase::to_hex;

Bytes hex(std::string_view text) { return multibase::from_hex(text).value(); }

Multihash from_base58(std::string_view text) {
  return Multihash::from_bytes(multibase::base58btc_decode(text).value()).value();
}

// The peer-ids spec (peer-ids/peer-ids.md, "String representation"): the same
// sha2-256 PeerId as a CIDv1 and as a bare base58btc multihash.
TEST(Cid, PeerIdsSpecExample) {
  auto cid = Cid::from_string("bafzbeie5745rpv2m6tjyuugywy4d5ewrqgqqhfnf445he3omzpjbx5xqxe");
  ASSERT_TRUE(cid) << cid.error().what();
  EXPECT_EQ(cid->version(), Cid::Version::v1);
  EXPECT_EQ(cid->codec(), multicodec::libp2p_key);
  EXPECT_EQ(cid->hash().code(), Multihash::Code::sha2_256);
  EXPECT_EQ(multibase::base58btc_encode(cid->hash().bytes()), "QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N");

  Cid built(multicodec::libp2p_key, from_base58("QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N"));
  EXPECT_EQ(built, *cid);
  EXPECT_EQ(built.to_string(), "bafzbeie5745rpv2m6tjyuugywy4d5ewrqgqqhfnf445he3omzpjbx5xqxe");
}

// The PeerIds of go-multiaddr's multiaddr_test.go, each written both as a
// base58btc multihash and as libp2p-key CIDs in base32 and base36; and one
// dag-pb CID of the same hash (TestInvalidP2PAddrString).
TEST(Cid, GoMultiaddrPeerIdCids) {
  const struct {
    std::string_view text;
    std::uint64_t codec;
    std::string_view base58;
  } cases[] = {
      {"bafzbeigvf25ytwc3akrijfecaotc74udrhcxzh2cx3we5qqnw5vgrei4bm", multicodec::libp2p_key,
       "QmcgpsyWgH8Y8ajJz1Cu72KnS5uo2Aa2LpzU7kinSupNKC"},
      {"k2k4r8oqamigqdo6o7hsbfwd45y70oyynp98usk7zmyfrzpqxh1pohl7", multicodec::libp2p_key,
       "QmcgpsyWgH8Y8ajJz1Cu72KnS5uo2Aa2LpzU7kinSupNKC"},
      {"bafzaajaiaejcalj543iwv2d7pkjt7ykvefrkfu7qjfi6sduakhso4lay6abn2d5u", multicodec::libp2p_key,
       "12D3KooWCryG7Mon9orvQxcS1rYZjotPgpwoJNHHKcLLfE4Hf5mV"},
      {"k51qzi5uqu5dhb6l8spkdx7yxafegfkee5by8h7lmjh2ehc2sgg34z7c15vzqs", multicodec::libp2p_key,
       "12D3KooWCryG7Mon9orvQxcS1rYZjotPgpwoJNHHKcLLfE4Hf5mV"},
      {"k2jmtxwoe2phm1hbqp0e7nufqf6umvuu2e9qd7ana7h411a0haqj6i2z", multicodec::dag_pb,
       "QmcgpsyWgH8Y8ajJz1Cu72KnS5uo2Aa2LpzU7kinSupNKC"},
  };
  for (const auto& c : cases) {
    auto cid = Cid::from_string(c.text);
    ASSERT_TRUE(cid) << c.text << ": " << cid.error().what();
    EXPECT_EQ(cid->version(), Cid::Version::v1);
    EXPECT_EQ(cid->codec(), c.codec);
    EXPECT_EQ(multibase::base58btc_encode(cid->hash().bytes()), c.base58);
    const Base base = c.text[0] == 'k' ? Base::base36 : Base::base32;
    EXPECT_EQ(cid->to_string(base), c.text);
    EXPECT_EQ(Cid::from_bytes(cid->bytes()).value(), *cid);
  }
}

TEST(Cid, Version0) {
  auto cid = Cid::from_string("QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N");
  ASSERT_TRUE(cid) << cid.error().what();
  EXPECT_EQ(cid->version(), Cid::Version::v0);
  EXPECT_EQ(cid->codec(), multicodec::dag_pb);
  EXPECT_EQ(cid->to_string(), "QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N");
  EXPECT_EQ(cid->to_string(Base::base32), "QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N");
  EXPECT_EQ(Cid::from_bytes(cid->bytes()).value(), *cid);
  EXPECT_EQ(cid->bytes(), Bytes(cid->hash().bytes().begin(), cid->hash().bytes().end()));
  EXPECT_NE(*cid, Cid(multicodec::dag_pb, cid->hash()));  // v0 and v1 differ
  EXPECT_EQ(Cid::v0(Multihash::identity(to_bytes("x")).value()).error().code, Errc::bad_cid);
}

TEST(Cid, BytesLayout) {
  Cid cid(multicodec::raw, Multihash::identity(to_bytes("abc")).value());
  EXPECT_EQ(to_hex(cid.bytes()), "01550003616263");
  EXPECT_EQ(Cid::from_bytes(hex("01550003616263")).value(), cid);
  EXPECT_EQ(cid.to_string(Base::base16), "f01550003616263");
  EXPECT_EQ(Cid::from_string("f01550003616263").value(), cid);
  // A codec beyond one byte: dag-json 0x0129.
  Cid wide(0x0129, Multihash::identity(to_bytes("")).value());
  EXPECT_EQ(to_hex(wide.bytes()), "01a9020000");
  EXPECT_EQ(Cid::from_bytes(wide.bytes()).value(), wide);
}

TEST(Cid, RejectsMalformedInput) {
  const struct {
    std::string_view hex;
    Errc errc;
  } bytes_cases[] = {
      {"", Errc::truncated},
      {"00", Errc::bad_cid},                 // version 0 is never written
      {"02720003616263", Errc::bad_cid},     // version 2: reserved
      {"03720003616263", Errc::bad_cid},     // version 3: reserved
      {"1220abcd", Errc::bad_cid},           // a short CIDv0
      {"01", Errc::truncated},               // no codec
      {"0172", Errc::truncated},             // no multihash
      {"017200036162", Errc::truncated},     // digest cut short
      {"0172000361626364", Errc::trailing_bytes},
      {"0172d50100", Errc::bad_multihash},   // md5: unsupported
      {"8100720000", Errc::varint_not_minimal},
  };
  for (const auto& c : bytes_cases) {
    auto r = Cid::from_bytes(hex(c.hex));
    ASSERT_FALSE(r) << c.hex;
    EXPECT_EQ(r.error().code, c.errc) << c.hex << ": " << r.error().what();
  }
  const std::string_view text_cases[] = {
      "",
      "Qm",
      "QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx50",  // '0' is not base58
      "QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5",   // 45 characters: multibase 'Q' is no base
      "bciqj37z3c7luz5gtrjinrnryh2jndanbaok2lzz2ojw4zs6sdp3pboi",  // base32 of a CIDv0: forbidden
      "bafzbeie5745rpv2m6tjyuugywy4d5ewrqgqqhfnf445he3omzpjbx5xqx",   // one character short
  };
  for (auto text : text_cases) {
    auto r = Cid::from_string(text);
    ASSERT_FALSE(r) << text;
  }
}

TEST(Cid, TextInOtherBases) {
  auto cid = Cid::from_string("bafzbeie5745rpv2m6tjyuugywy4d5ewrqgqqhfnf445he3omzpjbx5xqxe").value();
  for (auto base : {Base::base58btc, Base::base36, Base::base64url, Base::base16, Base::base32upper}) {
    auto text = cid.to_string(base);
    EXPECT_EQ(text[0], static_cast<char>(base));
    EXPECT_EQ(Cid::from_string(text).value(), cid) << text;
  }
}

}  // namespace
}  // namespace libp2p::multiformats
