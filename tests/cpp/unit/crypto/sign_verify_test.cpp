// Generation, signing and verification for every key type.
#include "libp2p/crypto/errc.hpp"
#include "libp2p/crypto/key_pair.hpp"
#include "unit/crypto/test_vectors.hpp"

#include <gtest/gtest.h>

namespace libp2p::crypto {
namespace {

constexpr KeyType all_types[] = {KeyType::Ed25519, KeyType::Secp256k1, KeyType::ECDSA, KeyType::RSA};

// One generated key per type, shared by the tests (RSA generation is slow).
const KeyPair& key_of(KeyType type) {
  static const std::array<KeyPair, 4> keys = {
      KeyPair::generate(KeyType::RSA).value(), KeyPair::generate(KeyType::Ed25519).value(),
      KeyPair::generate(KeyType::Secp256k1).value(), KeyPair::generate(KeyType::ECDSA).value()};
  return keys[static_cast<std::size_t>(type)];
}

TEST(SignVerify, GeneratedKeysHaveTheirType) {
  for (auto type : all_types) {
    EXPECT_EQ(key_of(type).type(), type);
    EXPECT_EQ(key_of(type).public_key().type(), type);
  }
  EXPECT_EQ(KeyPair::generate().value().type(), KeyType::Ed25519);
}

TEST(SignVerify, RoundTrips) {
  const auto message = to_bytes("hello, libp2p");
  for (auto type : all_types) {
    const auto& key = key_of(type);
    auto signature = key.sign(message);
    ASSERT_TRUE(signature) << type << ": " << signature.error().what();
    EXPECT_TRUE(key.public_key().verify(message, *signature)) << type;
  }
}

TEST(SignVerify, EmptyAndLargeMessages) {
  const Bytes empty;
  const Bytes large(1 << 20, 0xab);
  for (auto type : all_types) {
    const auto& key = key_of(type);
    EXPECT_TRUE(key.public_key().verify(empty, key.sign(empty).value())) << type;
    EXPECT_TRUE(key.public_key().verify(large, key.sign(large).value())) << type;
  }
}

TEST(SignVerify, TamperedMessageFails) {
  auto message = to_bytes("hello, libp2p");
  for (auto type : all_types) {
    const auto& key = key_of(type);
    auto signature = key.sign(message).value();
    auto tampered = message;
    tampered[0] ^= 1;
    EXPECT_FALSE(key.public_key().verify(tampered, signature)) << type;
    tampered = message;
    tampered.push_back(0);
    EXPECT_FALSE(key.public_key().verify(tampered, signature)) << type;
  }
}

TEST(SignVerify, TamperedSignatureFails) {
  const auto message = to_bytes("hello, libp2p");
  for (auto type : all_types) {
    const auto& key = key_of(type);
    const auto signature = key.sign(message).value();
    for (std::size_t i = 0; i < signature.size(); i += 7) {
      auto tampered = signature;
      tampered[i] ^= 0x10;
      EXPECT_FALSE(key.public_key().verify(message, tampered)) << type << " byte " << i;
    }
    EXPECT_FALSE(key.public_key().verify(message, BytesView(signature).first(signature.size() - 1))) << type;
    auto longer = signature;
    longer.push_back(0);
    EXPECT_FALSE(key.public_key().verify(message, longer)) << type;
    EXPECT_FALSE(key.public_key().verify(message, Bytes{})) << type;
  }
}

TEST(SignVerify, OtherKeysSignatureFails) {
  const auto message = to_bytes("hello, libp2p");
  for (auto type : all_types) {
    auto other = KeyPair::generate(type == KeyType::RSA ? KeyType::Ed25519 : type).value();
    EXPECT_FALSE(key_of(type).public_key().verify(message, other.sign(message).value())) << type;
  }
}

TEST(SignVerify, KeysRoundTripThroughProtobuf) {
  for (auto type : all_types) {
    const auto& key = key_of(type);
    auto again = KeyPair::from_protobuf(key.to_protobuf());
    ASSERT_TRUE(again) << type << ": " << again.error().what();
    EXPECT_EQ(again->to_protobuf(), key.to_protobuf()) << type;
    EXPECT_EQ(again->public_key(), key.public_key()) << type;
    auto pub = PublicKey::from_protobuf(key.public_key().to_protobuf());
    ASSERT_TRUE(pub) << type;
    EXPECT_EQ(*pub, key.public_key()) << type;
    auto raw = PublicKey::from_raw(type, key.public_key().raw());
    ASSERT_TRUE(raw) << type;
    EXPECT_EQ(*raw, key.public_key()) << type;
  }
}

TEST(SignVerify, DataSizesOfTheSpecEncodings) {
  EXPECT_EQ(key_of(KeyType::Ed25519).public_key().raw().size(), 32u);
  EXPECT_EQ(key_of(KeyType::Ed25519).private_key().raw().size(), 64u);
  EXPECT_EQ(key_of(KeyType::Secp256k1).public_key().raw().size(), 33u);
  EXPECT_EQ(key_of(KeyType::Secp256k1).private_key().raw().size(), 32u);
  EXPECT_EQ(key_of(KeyType::ECDSA).public_key().raw().size(), 91u);
  EXPECT_EQ(key_of(KeyType::ECDSA).private_key().raw().size(), 121u);
  EXPECT_EQ(key_of(KeyType::RSA).public_key().raw().size(), 294u);  // PKIX of a 2048-bit key
}

// secp256k1 verification accepts high-S signatures as go-libp2p does: (r, n-s)
// is valid whenever (r, s) is.
TEST(SignVerify, Secp256k1AcceptsHighS) {
  auto pub = PublicKey::from_protobuf(test::from_hex(test::fixture_secp256k1_pub)).value();
  // fixture_secp256k1_sig with s replaced by n - s (s' has its top bit set, so
  // DER needs a leading zero byte).
  const auto high_s = test::from_hex(
      "3045022031a7d633c2f3e45a16128d43751afaa8dc9ba24092c5f5b3cad2c8fe4cf388f2022100b61572de60ba797c2db88a2abc15704"
      "c2a3e999eb41356ff7f969bca7683a3a3");
  EXPECT_TRUE(pub.verify(as_bytes(test::fixture_message), high_s));
}

// RFC 8032 §7.1, TEST 1 and TEST 3: Ed25519 signatures are deterministic, so
// these pin the signer and the verifier byte for byte.
TEST(SignVerify, Ed25519Rfc8032Vectors) {
  struct Vector {
    const char *seed, *pub, *message, *signature;
  };
  for (const auto& v : {
           Vector{"9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
                  "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
                  "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46b"
                  "d25bf5f0595bbe24655141438e7a100b"},
           Vector{"c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
                  "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025", "af82",
                  "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc659"
                  "4a7c15e9716ed28dc027beceea1ec40a"},
       }) {
    auto private_data = test::from_hex(v.seed);
    const auto pub_data = test::from_hex(v.pub);
    private_data.insert(private_data.end(), pub_data.begin(), pub_data.end());
    auto key = PrivateKey::from_raw(KeyType::Ed25519, private_data).value();
    const auto message = test::from_hex(v.message);
    EXPECT_EQ(key.sign(message).value(), test::from_hex(v.signature));
    auto pub = PublicKey::from_raw(KeyType::Ed25519, pub_data).value();
    EXPECT_TRUE(pub.verify(message, test::from_hex(v.signature)));
    EXPECT_FALSE(pub.verify(message, Bytes(64)));
    EXPECT_FALSE(pub.verify(message, Bytes(63)));
  }
}

TEST(SignVerify, RsaKeySizes) {
  EXPECT_EQ(PrivateKey::generate_rsa(1024).error().code, Errc::bad_key_size);
  EXPECT_EQ(PrivateKey::generate_rsa(16384).error().code, Errc::bad_key_size);
}

TEST(SignVerify, UnsupportedTypes) {
  EXPECT_EQ(PrivateKey::generate(static_cast<KeyType>(7)).error().code, Errc::unsupported_key_type);
  EXPECT_EQ(PublicKey::from_raw(static_cast<KeyType>(4), Bytes(32)).error().code, Errc::unsupported_key_type);
}

}  // namespace
}  // namespace libp2p::crypto
