// Malformed key protobufs and Data encodings are rejected with the right code.
#include "libp2p/crypto/errc.hpp"
#include "libp2p/crypto/private_key.hpp"
#include "libp2p/crypto/public_key.hpp"
#include "unit/crypto/test_vectors.hpp"

#include <gtest/gtest.h>

namespace libp2p::crypto {
namespace {

using test::from_hex;

TEST(KeyEncoding, RejectsMissingFields) {
  EXPECT_EQ(PublicKey::from_protobuf(Bytes{}).error().code, Errc::bad_protobuf);
  EXPECT_EQ(PublicKey::from_protobuf(Bytes{0x08, 0x01}).error().code, Errc::bad_protobuf);
  EXPECT_EQ(PublicKey::from_protobuf(Bytes{0x12, 0x00}).error().code, Errc::bad_protobuf);
  EXPECT_EQ(PrivateKey::from_protobuf(Bytes{0x08, 0x01}).error().code, Errc::bad_protobuf);
}

TEST(KeyEncoding, RejectsUnknownKeyTypes) {
  auto e = PublicKey::from_protobuf(Bytes{0x08, 0x07, 0x12, 0x00}).error();
  EXPECT_EQ(e.code, Errc::unsupported_key_type);
  EXPECT_NE(e.message.find("7"), std::string::npos) << e.message;
  EXPECT_EQ(PrivateKey::from_protobuf(Bytes{0x08, 0x04, 0x12, 0x00}).error().code, Errc::unsupported_key_type);
}

TEST(KeyEncoding, RejectsEveryTruncation) {
  for (auto hex : {test::spec_ed25519_public, test::spec_secp256k1_public, test::spec_ecdsa_public,
                   test::spec_rsa_public}) {
    const auto full = from_hex(hex);
    for (std::size_t n = 0; n < full.size(); ++n)
      EXPECT_FALSE(PublicKey::from_protobuf(BytesView(full).first(n))) << hex.substr(0, 8) << " cut at " << n;
  }
  for (auto hex : {test::spec_ed25519_private, test::spec_secp256k1_private, test::spec_ecdsa_private}) {
    const auto full = from_hex(hex);
    for (std::size_t n = 0; n < full.size(); ++n)
      EXPECT_FALSE(PrivateKey::from_protobuf(BytesView(full).first(n))) << hex.substr(0, 8) << " cut at " << n;
  }
}

TEST(KeyEncoding, RejectsGarbage) {
  EXPECT_EQ(PublicKey::from_protobuf(to_bytes("not a protobuf at all")).error().code, Errc::bad_protobuf);
  EXPECT_EQ(PrivateKey::from_protobuf(Bytes(16, 0xff)).error().code, Errc::bad_protobuf);
}

TEST(KeyEncoding, RejectsOversizedProtobufs) {
  EXPECT_EQ(PublicKey::from_protobuf(Bytes(PublicKey::max_protobuf_size + 1, 0)).error().code, Errc::bad_protobuf);
  EXPECT_EQ(PrivateKey::from_protobuf(Bytes(PrivateKey::max_protobuf_size + 1, 0)).error().code,
            Errc::bad_protobuf);
}

TEST(KeyEncoding, ReencodesCanonically) {
  // Data before Type and a non-minimal varint for Type: parsed, then written
  // back in the spec's deterministic form.
  auto canonical = from_hex(test::spec_ed25519_public);
  Bytes shuffled(canonical.begin() + 2, canonical.end());
  append(shuffled, Bytes{0x08, 0x81, 0x00});
  auto key = PublicKey::from_protobuf(shuffled);
  ASSERT_TRUE(key) << key.error().what();
  EXPECT_EQ(key->to_protobuf(), canonical);
}

TEST(KeyEncoding, Ed25519Sizes) {
  EXPECT_EQ(PublicKey::from_raw(KeyType::Ed25519, Bytes(31)).error().code, Errc::bad_public_key);
  EXPECT_EQ(PublicKey::from_raw(KeyType::Ed25519, Bytes(33)).error().code, Errc::bad_public_key);
  EXPECT_EQ(PrivateKey::from_raw(KeyType::Ed25519, Bytes(32)).error().code, Errc::bad_private_key);
}

TEST(KeyEncoding, Ed25519LegacyPrivateKey) {
  auto modern = PrivateKey::from_protobuf(from_hex(test::spec_ed25519_private)).value();
  Bytes legacy(modern.raw().begin(), modern.raw().end());
  append(legacy, modern.raw().subspan(32));
  auto key = PrivateKey::from_raw(KeyType::Ed25519, legacy);
  ASSERT_TRUE(key) << key.error().what();
  EXPECT_EQ(key->to_protobuf(), from_hex(test::spec_ed25519_private));

  legacy.back() ^= 1;
  EXPECT_EQ(PrivateKey::from_raw(KeyType::Ed25519, legacy).error().code, Errc::bad_private_key);
}

TEST(KeyEncoding, Ed25519PublicHalfMustMatchSeed) {
  auto modern = PrivateKey::from_protobuf(from_hex(test::spec_ed25519_private)).value();
  Bytes data(modern.raw().begin(), modern.raw().end());
  data.back() ^= 1;
  EXPECT_EQ(PrivateKey::from_raw(KeyType::Ed25519, data).error().code, Errc::bad_private_key);
}

TEST(KeyEncoding, Secp256k1Points) {
  auto compressed = PublicKey::from_protobuf(from_hex(test::spec_secp256k1_public)).value();
  // The same point uncompressed: accepted and re-encoded compressed, as go does.
  const auto uncompressed = from_hex(
      "047777e994e452c21604f91de093ce415f5432f701dd8cd1a7a6fea0e630bfca99"
      "1b41b30efa52b659e9db235c31f9975578a17e2b356a6b84837b5b45c555cfb1");
  auto key = PublicKey::from_raw(KeyType::Secp256k1, uncompressed);
  ASSERT_TRUE(key) << key.error().what();
  EXPECT_EQ(*key, compressed);
  EXPECT_EQ(key->to_protobuf(), from_hex(test::spec_secp256k1_public));
  auto hybrid = uncompressed;
  hybrid[0] = 0x07;
  EXPECT_EQ(PublicKey::from_raw(KeyType::Secp256k1, hybrid).error().code, Errc::bad_public_key);
  Bytes bad = Bytes(compressed.raw().begin(), compressed.raw().end());
  bad[0] = 0x05;
  EXPECT_EQ(PublicKey::from_raw(KeyType::Secp256k1, bad).error().code, Errc::bad_public_key);
  EXPECT_EQ(PublicKey::from_raw(KeyType::Secp256k1, Bytes(32, 1)).error().code, Errc::bad_public_key);
  // x = 5 is not the x coordinate of a curve point.
  Bytes off_curve(33, 0);
  off_curve[0] = 0x02;
  off_curve[32] = 0x05;
  EXPECT_EQ(PublicKey::from_raw(KeyType::Secp256k1, off_curve).error().code, Errc::bad_public_key);
}

TEST(KeyEncoding, Secp256k1Scalars) {
  EXPECT_EQ(PrivateKey::from_raw(KeyType::Secp256k1, Bytes(32, 0)).error().code, Errc::bad_private_key);
  EXPECT_EQ(PrivateKey::from_raw(KeyType::Secp256k1, Bytes(32, 0xff)).error().code, Errc::bad_private_key);
  EXPECT_EQ(PrivateKey::from_raw(KeyType::Secp256k1, Bytes(31, 1)).error().code, Errc::bad_private_key);
}

TEST(KeyEncoding, EcdsaPublicKeyMustBeUncompressedP256) {
  auto key = PublicKey::from_protobuf(from_hex(test::spec_ecdsa_public)).value();
  Bytes data(key.raw().begin(), key.raw().end());
  // Point not on the curve.
  auto off_curve = data;
  off_curve.back() ^= 1;
  EXPECT_EQ(PublicKey::from_raw(KeyType::ECDSA, off_curve).error().code, Errc::bad_public_key);
  // Another curve OID (P-384's 1.3.132.0.34 does not fit: any change is refused).
  auto other = data;
  other[22] ^= 1;
  EXPECT_EQ(PublicKey::from_raw(KeyType::ECDSA, other).error().code, Errc::bad_public_key);
  data.push_back(0);
  EXPECT_EQ(PublicKey::from_raw(KeyType::ECDSA, data).error().code, Errc::bad_public_key);
}

TEST(KeyEncoding, EcdsaPrivateKeyMustBeSec1P256) {
  // The spec's key as PKCS#8 instead of SEC1.
  const auto pkcs8 = from_hex(
      "308187020100301306072a8648ce3d020106082a8648ce3d030107046d306b02010104203e5b1fe9712e6c314942a750bd67485de3c"
      "1efe85b1bfb520ae8f9ae3dfa4a4ca14403420004de3d300fa36ae0e8f5d530899d83abab44abf3161f162a4bc901d8e6ecda020e8b6"
      "d5f8da30525e71d6851510c098e5c47c646a597fb4dcec034e9f77c409e62");
  EXPECT_EQ(PrivateKey::from_raw(KeyType::ECDSA, pkcs8).error().code, Errc::bad_private_key);
  // A P-384 SEC1 key.
  const auto p384 = from_hex(
      "3081a402010104308bd1a8a7a72aab4bd0715cdd0a1e0bf669b312aef9fd650567f31efc2ff793372e49d29c4dc8de0397b551ad90"
      "5f4101a00706052b81040022a16403620004afeec459836c695fb2b8dfc869c1ce202d49130d158dbc10ede5f45ea959f62a56ebc49"
      "30019444b76be63d7a62993f64fdb25641606de33636a0019584bcb13ac51f486869322363b7b5197b0a58d12baa561dd5a36d53ef8"
      "fec8cef1d83edf");
  EXPECT_EQ(PrivateKey::from_raw(KeyType::ECDSA, p384).error().code, Errc::bad_private_key);
  // The embedded public key of another scalar.
  auto spec = PrivateKey::from_protobuf(from_hex(test::spec_ecdsa_private)).value();
  Bytes data(spec.raw().begin(), spec.raw().end());
  data[10] ^= 1;  // inside the private scalar
  EXPECT_EQ(PrivateKey::from_raw(KeyType::ECDSA, data).error().code, Errc::bad_private_key);
}

TEST(KeyEncoding, RsaKeySizeBounds) {
  // A 1024-bit public key (generated once with openssl).
  const auto rsa1024 = from_hex(
      "30819f300d06092a864886f70d010101050003818d0030818902818100a8ba340afd606b1affa078ed1f257a19a4936091d3040475db"
      "a529afb2942755cf67060e24a580b2a6cd90a63fa98874dc9c725b40e9634dc8d12bf0405a353168ce4ad39dac2befd3207fb71159a"
      "e31104694f7aa03939f624dd69652ba591ed6bbd2d6345dcb6b8a7915d66f0c32ecd74186f135771a8ba86768b9af30acdf0203010001");
  auto e = PublicKey::from_raw(KeyType::RSA, rsa1024).error();
  EXPECT_EQ(e.code, Errc::bad_key_size);
  EXPECT_NE(e.message.find("1024"), std::string::npos) << e.message;
  EXPECT_EQ(PublicKey::from_raw(KeyType::RSA, Bytes(1200, 0x30)).error().code, Errc::bad_key_size);
  EXPECT_EQ(PrivateKey::from_raw(KeyType::RSA, Bytes(6000, 0x30)).error().code, Errc::bad_key_size);
}

TEST(KeyEncoding, RsaPublicKeyMustBeCanonicalDer) {
  auto key = PublicKey::from_protobuf(from_hex(test::fixture_rsa_pub)).value();
  Bytes data(key.raw().begin(), key.raw().end());
  ASSERT_TRUE(equal(BytesView(data).first(4), from_hex("30820122")));
  // The outer length in three bytes instead of two: valid BER, not DER.
  Bytes long_length{0x30, 0x83, 0x00, 0x01, 0x22};
  append(long_length, BytesView(data).subspan(4));
  EXPECT_EQ(PublicKey::from_raw(KeyType::RSA, long_length).error().code, Errc::bad_public_key);
  data.push_back(0);
  EXPECT_EQ(PublicKey::from_raw(KeyType::RSA, data).error().code, Errc::bad_public_key);
  // An ECDSA SubjectPublicKeyInfo is not an RSA key.
  auto ecdsa = PublicKey::from_protobuf(from_hex(test::spec_ecdsa_public)).value();
  EXPECT_EQ(PublicKey::from_raw(KeyType::RSA, ecdsa.raw()).error().code, Errc::bad_public_key);
}

TEST(KeyEncoding, RsaPrivateKeyPartsMustFit) {
  auto key = PrivateKey::from_protobuf(from_hex(test::fixture_rsa_priv)).value();
  Bytes data(key.raw().begin(), key.raw().end());
  data[data.size() / 2] ^= 1;  // inside the private exponent or a prime
  EXPECT_EQ(PrivateKey::from_raw(KeyType::RSA, data).error().code, Errc::bad_private_key);
}

}  // namespace
}  // namespace libp2p::crypto
