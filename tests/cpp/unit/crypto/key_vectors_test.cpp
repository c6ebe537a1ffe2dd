// The peer-ids spec's key vectors and go-libp2p's key fixtures.
#include "libp2p/crypto/private_key.hpp"
#include "libp2p/crypto/public_key.hpp"
#include "unit/crypto/test_vectors.hpp"

#include <gtest/gtest.h>

namespace libp2p::crypto {
namespace {

using test::from_hex;

struct SpecVector {
  KeyType type;
  std::string_view private_key;
  std::string_view public_key;
};

const SpecVector spec_vectors[] = {
    {KeyType::ECDSA, test::spec_ecdsa_private, test::spec_ecdsa_public},
    {KeyType::Ed25519, test::spec_ed25519_private, test::spec_ed25519_public},
    {KeyType::Secp256k1, test::spec_secp256k1_private, test::spec_secp256k1_public},
    {KeyType::RSA, test::spec_rsa_private, test::spec_rsa_public},
};

TEST(KeyVectors, SpecPrivateKeysProduceTheirPublicKeys) {
  for (const auto& v : spec_vectors) {
    auto key = PrivateKey::from_protobuf(from_hex(v.private_key));
    ASSERT_TRUE(key) << v.type << ": " << key.error().what();
    EXPECT_EQ(key->type(), v.type);
    EXPECT_EQ(key->public_key().to_protobuf(), from_hex(v.public_key)) << v.type;
  }
}

TEST(KeyVectors, SpecKeysEncodeBackByteForByte) {
  for (const auto& v : spec_vectors) {
    auto priv = PrivateKey::from_protobuf(from_hex(v.private_key)).value();
    EXPECT_EQ(priv.to_protobuf(), from_hex(v.private_key)) << v.type;
    auto pub = PublicKey::from_protobuf(from_hex(v.public_key));
    ASSERT_TRUE(pub) << v.type << ": " << pub.error().what();
    EXPECT_EQ(pub->type(), v.type);
    EXPECT_EQ(pub->to_protobuf(), from_hex(v.public_key)) << v.type;
    EXPECT_EQ(*pub, priv.public_key()) << v.type;
  }
}

TEST(KeyVectors, SpecKeysSignAndVerify) {
  for (const auto& v : spec_vectors) {
    auto priv = PrivateKey::from_protobuf(from_hex(v.private_key)).value();
    auto pub = PublicKey::from_protobuf(from_hex(v.public_key)).value();
    const auto message = to_bytes("spec vector");
    EXPECT_TRUE(pub.verify(message, priv.sign(message).value())) << v.type;
  }
}

struct Fixture {
  KeyType type;
  std::string_view private_key, public_key, signature;
  bool deterministic;
};

const Fixture go_fixtures[] = {
    {KeyType::RSA, test::fixture_rsa_priv, test::fixture_rsa_pub, test::fixture_rsa_sig, true},
    {KeyType::Secp256k1, test::fixture_secp256k1_priv, test::fixture_secp256k1_pub, test::fixture_secp256k1_sig, true},
    {KeyType::ECDSA, test::fixture_ecdsa_priv, test::fixture_ecdsa_pub, test::fixture_ecdsa_sig, false},
};

// go-libp2p core/crypto/fixture_test.go, TestFixtures.
TEST(KeyVectors, GoFixtures) {
  const auto message = as_bytes(test::fixture_message);
  for (const auto& f : go_fixtures) {
    auto pub = PublicKey::from_protobuf(from_hex(f.public_key));
    ASSERT_TRUE(pub) << f.type << ": " << pub.error().what();
    EXPECT_EQ(pub->to_protobuf(), from_hex(f.public_key)) << f.type;
    auto priv = PrivateKey::from_protobuf(from_hex(f.private_key));
    ASSERT_TRUE(priv) << f.type << ": " << priv.error().what();
    EXPECT_EQ(priv->to_protobuf(), from_hex(f.private_key)) << f.type;
    EXPECT_EQ(priv->public_key(), *pub) << f.type;
    EXPECT_TRUE(pub->verify(message, from_hex(f.signature))) << f.type;
    if (f.deterministic) {
      EXPECT_EQ(priv->sign(message).value(), from_hex(f.signature)) << f.type;
    }
  }
}

TEST(KeyVectors, GoFixtureSignaturesDoNotVerifyOtherMessages) {
  for (const auto& f : go_fixtures) {
    auto pub = PublicKey::from_protobuf(from_hex(f.public_key)).value();
    EXPECT_FALSE(pub.verify(to_bytes("Libp2p is the _best_?"), from_hex(f.signature))) << f.type;
  }
}

}  // namespace
}  // namespace libp2p::crypto
