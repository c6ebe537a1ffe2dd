#include "libp2p/peer/peer_id.hpp"

#include "libp2p/crypto/private_key.hpp"
#include "libp2p/peer/errc.hpp"
#include "unit/crypto/test_vectors.hpp"

#include <gtest/gtest.h>

#include <sstream>
#include <unordered_set>

namespace libp2p::peer {
namespace {

using multiformats::Multihash;
using multiformats::multibase::Base;
using test::from_hex;

// The examples of the peer-ids spec, "Decoding".
constexpr std::string_view spec_ed25519 = "12D3KooWD3eckifWpRn9wQpMG9R9hX3sD158z7EqHWmweQAJU5SA";
constexpr std::string_view spec_sha256 = "QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N";
constexpr std::string_view spec_sha256_cid = "bafzbeie5745rpv2m6tjyuugywy4d5ewrqgqqhfnf445he3omzpjbx5xqxe";

TEST(PeerId, SpecEd25519Example) {
  auto id = PeerId::from_string(spec_ed25519);
  ASSERT_TRUE(id) << id.error().what();
  EXPECT_EQ(id->multihash().code(), Multihash::Code::identity);
  EXPECT_EQ(id->to_base58(), spec_ed25519);
  EXPECT_EQ(id->to_string(), spec_ed25519);
  auto key = id->extract_public_key().value();
  ASSERT_TRUE(key);
  EXPECT_EQ(key->type(), crypto::KeyType::Ed25519);
  EXPECT_EQ(PeerId::from_public_key(*key), *id);
  EXPECT_TRUE(id->matches(*key));
}

TEST(PeerId, SpecSha256ExampleInBothForms) {
  auto legacy = PeerId::from_string(spec_sha256);
  auto cid = PeerId::from_string(spec_sha256_cid);
  ASSERT_TRUE(legacy) << legacy.error().what();
  ASSERT_TRUE(cid) << cid.error().what();
  EXPECT_EQ(*legacy, *cid);
  EXPECT_EQ(legacy->multihash().code(), Multihash::Code::sha2_256);
  EXPECT_EQ(legacy->to_cid_string(), spec_sha256_cid);
  EXPECT_EQ(cid->to_base58(), spec_sha256);
  EXPECT_FALSE(legacy->extract_public_key().value());
}

// PeerIds of the spec's vector keys (computed independently: identity
// multihash of the protobuf up to 42 bytes, sha2-256 above; base58btc, and
// the CIDv1 libp2p-key in base32 and base36).
struct Expected {
  std::string_view public_key;
  std::string_view base58, base32, base36;
};
const Expected spec_key_ids[] = {
    {test::spec_ed25519_public, "12D3KooWBtg3aaRMjxwedh83aGiUkwSxDwUZkzuJcfaqUmo7R3pq",
     "bafzaajaiaejcahwr5d5ofrfbis4l5d6uwr57hu5tjodrypfm6yaq6dsc2r2pzyt6",
     "k51qzi5uqu5dgy8qsq67hbz73jqkw87l3fgf4a91qb0d9b5173tir7n4vxk1oe"},
    {test::spec_secp256k1_public, "16Uiu2HAmLhLvBoYaoZfaMUKuibM6ac163GwKY74c5kiSLg5KvLpY",
     "bafzaajiiaijcca3xo7uzjzcsyilaj6i54cj44qk7kqzpoao5rti2pjx6udtdbp6kte",
     "kzwfwjn5ji4put13uvtwtc7azzwk42cq2o8ctfnxa6q8n90e72o3pjqbrp3lpcp"},
    {test::spec_ecdsa_public, "QmVMT29id3TUASyfZZ6k9hmNyc2nYabCo4uMSpDw4zrgDk",
     "bafzbeidigywdclqvl5hxfefwp5onbffcfife7pza57mmfb4tiqmtkdjw64",
     "k2k4r8m0iploq6r25jp915xawtnx0qdr0je62jws2kki6votbj5191x3"},
    {test::spec_rsa_public, "QmaeANgBs1DTSxWSrPPtobgQuxW8XTfsS4ydbK4rCHzqxG",
     "bafzbeifwzcumbiyql7bhv7fe7mixg6i7aohegq75k234m63bnw6dbicmzu",
     "k2k4r8nz0pc9sm08wgacijx1ic8vxy9e2770otjszhz1nodfs0brtvpp"},
};

TEST(PeerId, OfTheSpecVectorKeys) {
  for (const auto& e : spec_key_ids) {
    auto key = crypto::PublicKey::from_protobuf(from_hex(e.public_key)).value();
    auto id = PeerId::from_public_key(key);
    EXPECT_EQ(id.to_base58(), e.base58) << key.type();
    EXPECT_EQ(id.to_cid_string(), e.base32) << key.type();
    EXPECT_EQ(id.to_cid_string(Base::base36), e.base36) << key.type();
    for (auto text : {e.base58, e.base32, e.base36}) {
      auto parsed = PeerId::from_string(text);
      ASSERT_TRUE(parsed) << text << ": " << parsed.error().what();
      EXPECT_EQ(*parsed, id) << text;
    }
    EXPECT_TRUE(id.matches(key));
  }
}

TEST(PeerId, InlinesKeysOfAtMost42Bytes) {
  auto ed25519 = crypto::PublicKey::from_protobuf(from_hex(test::spec_ed25519_public)).value();
  auto id = PeerId::from_public_key(ed25519);
  EXPECT_EQ(id.multihash().code(), Multihash::Code::identity);
  EXPECT_EQ(id.extract_public_key().value(), ed25519);
  auto rsa = crypto::PublicKey::from_protobuf(from_hex(test::spec_rsa_public)).value();
  EXPECT_EQ(PeerId::from_public_key(rsa).multihash().code(), Multihash::Code::sha2_256);
}

// go-libp2p core/peer/peer_test.go: the "man" keyset.
TEST(PeerId, GoPeerTestKey) {
  auto key = crypto::PrivateKey::from_protobuf(from_hex(test::go_peer_test_private)).value();
  auto id = PeerId::from_public_key(key.public_key());
  EXPECT_EQ(id.to_base58(), test::go_peer_test_peer_id);
  EXPECT_EQ(PeerId::from_string(test::go_peer_test_peer_id).value(), id);
  EXPECT_EQ(PeerId::from_string(id.to_cid_string()).value(), id);
}

TEST(PeerId, RoundTripsBytesAndEveryTextForm) {
  for (auto type : {crypto::KeyType::Ed25519, crypto::KeyType::Secp256k1, crypto::KeyType::ECDSA}) {
    auto id = PeerId::from_public_key(crypto::PrivateKey::generate(type).value().public_key());
    EXPECT_EQ(PeerId::from_bytes(id.bytes()).value(), id);
    EXPECT_EQ(PeerId::from_string(id.to_base58()).value(), id);
    for (auto base : {Base::base32, Base::base36, Base::base58btc, Base::base16, Base::base64url})
      EXPECT_EQ(PeerId::from_string(id.to_cid_string(base)).value(), id) << id.to_cid_string(base);
  }
}

TEST(PeerId, RefusesOtherCidCodecs) {
  // go-libp2p core/peer/peer_test.go, TestIDEncoding: a raw-codec CID.
  auto e = PeerId::from_string("bafkreifoybygix7fh3r3g5rqle3wcnhqldgdg4shzf4k3ulyw3gn7mabt4").error();
  EXPECT_EQ(e.code, Errc::bad_peer_id);
  EXPECT_NE(e.message.find("0x55"), std::string::npos) << e.message;
}

TEST(PeerId, RefusesOtherMultihashes) {
  auto sha1 = Multihash::hash(Multihash::Code::sha1, to_bytes("key")).value();
  EXPECT_EQ(PeerId::from_bytes(sha1.bytes()).error().code, Errc::bad_peer_id);
  auto big = Multihash::identity(Bytes(43, 1)).value();
  EXPECT_EQ(PeerId::from_bytes(big.bytes()).error().code, Errc::bad_peer_id);
  EXPECT_TRUE(PeerId::from_bytes(Multihash::identity(Bytes(42, 1)).value().bytes()));
}

TEST(PeerId, RefusesMalformedBytes) {
  auto id = PeerId::from_string(spec_ed25519).value();
  Bytes bytes(id.bytes().begin(), id.bytes().end());
  EXPECT_EQ(PeerId::from_bytes(Bytes{}).error().code, Errc::bad_peer_id);
  EXPECT_EQ(PeerId::from_bytes(BytesView(bytes).first(bytes.size() - 1)).error().code, Errc::bad_peer_id);
  bytes.push_back(0);
  EXPECT_EQ(PeerId::from_bytes(bytes).error().code, Errc::bad_peer_id);
}

TEST(PeerId, RefusesMalformedText) {
  for (std::string_view text : {"", "hello", "Qm", "QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5O0",
                                "12D3KooWD3eckifWpRn9wQpMG9R9hX3sD158z7EqHWmweQAJU5S",
                                "bafzbeie5745rpv2m6tjyuugywy4d5ewrqgqqhfnf445he3omzpjbx5xqx",
                                "/ip4/1.2.3.4", "@abc"}) {
    auto id = PeerId::from_string(text);
    ASSERT_FALSE(id) << text;
    EXPECT_EQ(id.error().code, Errc::bad_peer_id) << text;
  }
  EXPECT_EQ(PeerId::from_string(std::string(PeerId::max_text_size + 1, '1')).error().code, Errc::bad_peer_id);
}

TEST(PeerId, ExtractsNothingValidFromBadInlinedKeys) {
  auto id = PeerId::from_bytes(Multihash::identity(to_bytes("not a key")).value().bytes()).value();
  EXPECT_FALSE(id.extract_public_key());
}

TEST(PeerId, DoesNotMatchOtherKeys) {
  auto id = PeerId::from_string(spec_ed25519).value();
  EXPECT_FALSE(id.matches(crypto::PublicKey::from_protobuf(from_hex(test::spec_ed25519_public)).value()));
}

TEST(PeerId, OrdersHashesAndPrints) {
  auto a = PeerId::from_string(spec_ed25519).value();
  auto b = PeerId::from_string(spec_sha256).value();
  EXPECT_NE(a, b);
  EXPECT_TRUE(a < b || b < a);
  EXPECT_EQ(std::unordered_set<PeerId>({a, b, a}).size(), 2u);
  std::ostringstream out;
  out << a;
  EXPECT_EQ(out.str(), spec_ed25519);
}

}  // namespace
}  // namespace libp2p::peer
