#include "libp2p/peer/envelope.hpp"

#include "libp2p/crypto/key_pair.hpp"
#include "libp2p/peer/errc.hpp"
#include "unit/crypto/test_vectors.hpp"
#include "unit/peer/record_vectors.hpp"

#include <gtest/gtest.h>

namespace libp2p::peer {
namespace {

using test::from_hex;

constexpr std::string_view domain = "libp2p-testing";
const Bytes payload_type = to_bytes("/libp2p/testdata");

const crypto::PrivateKey& ed25519_key() {
  static const auto key = crypto::PrivateKey::generate(crypto::KeyType::Ed25519).value();
  return key;
}

Bytes sealed(BytesView payload = as_bytes("hello world!")) {
  return Envelope::seal(ed25519_key(), domain, payload_type, payload).value().encode();
}

TEST(Envelope, SigningBufferIsVarintLengthPrefixed) {
  EXPECT_EQ(signing_buffer("abc", Bytes{0x03, 0x01}, Bytes{}), (Bytes{3, 'a', 'b', 'c', 2, 0x03, 0x01, 0}));
  const Bytes long_payload(300, 7);
  auto buffer = signing_buffer("", Bytes{}, long_payload);
  ASSERT_EQ(buffer.size(), 2 + 2 + 300u);
  EXPECT_EQ(buffer[2], 0xac);  // 300 = varint ac 02
  EXPECT_EQ(buffer[3], 0x02);
}

// An envelope go-libp2p signed (via js-libp2p's interop test).
TEST(Envelope, OpensGoEnvelope) {
  const auto raw = from_hex(test::go_record_envelope);
  auto envelope = Envelope::open(raw, "libp2p-peer-record", Bytes{0x03, 0x01});
  ASSERT_TRUE(envelope) << envelope.error().what();
  auto key = crypto::PrivateKey::from_protobuf(from_hex(test::go_record_private_key)).value();
  EXPECT_EQ(envelope->public_key(), key.public_key());
  EXPECT_EQ(envelope->encode(), raw);
  // Ed25519 signatures are deterministic: sealing the same payload again gives
  // go's bytes exactly.
  auto again = Envelope::seal(key, "libp2p-peer-record", envelope->payload_type(), envelope->payload()).value();
  EXPECT_EQ(again.encode(), raw);
}

TEST(Envelope, RoundTripsWithEveryKeyType) {
  for (auto type : {crypto::KeyType::Ed25519, crypto::KeyType::Secp256k1, crypto::KeyType::ECDSA}) {
    auto key = crypto::PrivateKey::generate(type).value();
    auto envelope = Envelope::seal(key, domain, payload_type, as_bytes("payload")).value();
    auto opened = Envelope::open(envelope.encode(), domain);
    ASSERT_TRUE(opened) << type << ": " << opened.error().what();
    EXPECT_EQ(*opened, envelope);
    EXPECT_EQ(opened->public_key(), key.public_key());
    EXPECT_TRUE(equal(opened->payload(), as_bytes("payload")));
    EXPECT_TRUE(equal(opened->payload_type(), payload_type));
  }
  auto rsa = crypto::PrivateKey::from_protobuf(from_hex(test::fixture_rsa_priv)).value();
  auto envelope = Envelope::seal(rsa, domain, payload_type, as_bytes("payload")).value();
  EXPECT_TRUE(Envelope::open(envelope.encode(), domain));
}

TEST(Envelope, EmptyPayloadAndType) {
  auto envelope = Envelope::seal(ed25519_key(), domain, Bytes{}, Bytes{}).value();
  auto opened = Envelope::open(envelope.encode(), domain);
  ASSERT_TRUE(opened) << opened.error().what();
  EXPECT_TRUE(opened->payload().empty());
  EXPECT_TRUE(opened->payload_type().empty());
}

TEST(Envelope, RefusesAnEmptyDomain) {
  EXPECT_EQ(Envelope::seal(ed25519_key(), "", payload_type, Bytes{1}).error().code, Errc::bad_envelope);
}

TEST(Envelope, WrongDomainFails) {
  auto e = Envelope::open(sealed(), "libp2p-other").error();
  EXPECT_EQ(e.code, Errc::invalid_signature);
  EXPECT_NE(e.message.find("libp2p-other"), std::string::npos) << e.message;
}

TEST(Envelope, WrongPayloadTypeFails) {
  EXPECT_EQ(Envelope::open(sealed(), domain, Bytes{0x03, 0x01}).error().code, Errc::wrong_payload_type);
  EXPECT_TRUE(Envelope::open(sealed(), domain, payload_type));
}

TEST(Envelope, TamperingFails) {
  auto envelope = Envelope::decode(sealed()).value();
  const auto key = envelope.public_key().to_protobuf();
  // Rebuild with one field changed: payload, payload type, signature.
  auto rebuild = [&](BytesView type, BytesView payload, BytesView signature) {
    Bytes out{0x0a, static_cast<std::uint8_t>(key.size())};
    append(out, key);
    for (auto [tag, field] : {std::pair{0x12, type}, std::pair{0x1a, payload}, std::pair{0x2a, signature}}) {
      out.push_back(static_cast<std::uint8_t>(tag));
      out.push_back(static_cast<std::uint8_t>(field.size()));
      append(out, field);
    }
    return out;
  };
  ASSERT_EQ(rebuild(envelope.payload_type(), envelope.payload(), envelope.signature()), sealed());
  auto payload = Bytes(envelope.payload().begin(), envelope.payload().end());
  payload[0] ^= 1;
  EXPECT_EQ(Envelope::open(rebuild(envelope.payload_type(), payload, envelope.signature()), domain).error().code,
            Errc::invalid_signature);
  EXPECT_EQ(Envelope::open(rebuild(as_bytes("/other"), envelope.payload(), envelope.signature()), domain)
                .error()
                .code,
            Errc::invalid_signature);
  auto signature = Bytes(envelope.signature().begin(), envelope.signature().end());
  signature[10] ^= 1;
  EXPECT_EQ(Envelope::open(rebuild(envelope.payload_type(), envelope.payload(), signature), domain).error().code,
            Errc::invalid_signature);
}

TEST(Envelope, AnotherKeyFails) {
  // The envelope's key replaced by another one: the signature no longer fits.
  auto other = crypto::PrivateKey::generate(crypto::KeyType::Ed25519).value();
  auto raw = sealed();
  const auto other_key = other.public_key().to_protobuf();
  std::copy(other_key.begin(), other_key.end(), raw.begin() + 2);
  ASSERT_NE(raw, sealed());
  EXPECT_EQ(Envelope::open(raw, domain).error().code, Errc::invalid_signature);
}

TEST(Envelope, MalformedProtobufs) {
  EXPECT_EQ(Envelope::open(to_bytes("garbage!"), domain).error().code, Errc::bad_envelope);
  EXPECT_EQ(Envelope::open(Bytes{}, domain).error().code, Errc::bad_envelope);  // no public key
  EXPECT_EQ(Envelope::open(Bytes{0x12, 0x01, 0x00}, domain).error().code, Errc::bad_envelope);
  // A public key with a bad Ed25519 length.
  auto e = Envelope::open(Bytes{0x0a, 0x05, 0x08, 0x01, 0x12, 0x01, 0x00}, domain).error();
  EXPECT_EQ(e.code, Errc::bad_envelope);
  EXPECT_NE(e.message.find("Ed25519"), std::string::npos) << e.message;
  EXPECT_EQ(Envelope::open(Bytes(Envelope::max_size + 1, 0), domain).error().code, Errc::bad_envelope);
}

TEST(Envelope, EveryTruncationFails) {
  const auto raw = sealed();
  for (std::size_t n = 0; n < raw.size(); ++n)
    EXPECT_FALSE(Envelope::open(BytesView(raw).first(n), domain)) << "cut at " << n;
}

}  // namespace
}  // namespace libp2p::peer
