#include "libp2p/peer/peer_record.hpp"

#include "libp2p/peer/errc.hpp"
#include "unit/crypto/test_vectors.hpp"
#include "unit/peer/record_vectors.hpp"

#include <gtest/gtest.h>

namespace libp2p::peer {
namespace {

using multiformats::Multiaddr;
using test::from_hex;

Multiaddr addr(std::string_view text) { return Multiaddr::from_string(text).value(); }

const crypto::PrivateKey& key() {
  static const auto k = crypto::PrivateKey::generate(crypto::KeyType::Ed25519).value();
  return k;
}

PeerRecord record_of(const crypto::PrivateKey& k) {
  return {PeerId::from_public_key(k.public_key()), timestamp_seq(),
          {addr("/ip4/192.0.2.0/tcp/42"), addr("/ip6/2001:db8::1/udp/4001/quic-v1")}};
}

TEST(PeerRecord, Constants) {
  EXPECT_EQ(PeerRecord::domain, "libp2p-peer-record");
  EXPECT_EQ(Bytes(PeerRecord::payload_type.begin(), PeerRecord::payload_type.end()), (Bytes{0x03, 0x01}));
}

// A record go-libp2p made (from js-libp2p's interop test).
TEST(PeerRecord, OpensGoRecord) {
  const auto raw = from_hex(test::go_record_envelope);
  auto record = PeerRecord::open(raw);
  ASSERT_TRUE(record) << record.error().what();
  auto k = crypto::PrivateKey::from_protobuf(from_hex(test::go_record_private_key)).value();
  EXPECT_EQ(record->peer_id, PeerId::from_public_key(k.public_key()));
  EXPECT_EQ(record->seq, test::go_record_seq);
  ASSERT_EQ(record->addrs.size(), 10u);
  for (int port = 0; port < 10; ++port)
    EXPECT_EQ(record->addrs[port], addr("/ip4/1.2.3.4/tcp/" + std::to_string(port)));
  // Encoded and signed again: go's envelope byte for byte (Ed25519 is
  // deterministic).
  const auto envelope = Envelope::decode(raw).value();
  EXPECT_TRUE(equal(record->to_protobuf(), envelope.payload()));
  EXPECT_EQ(record->seal(k).value().encode(), raw);
}

TEST(PeerRecord, RoundTripsThroughAnEnvelope) {
  for (auto type : {crypto::KeyType::Ed25519, crypto::KeyType::Secp256k1, crypto::KeyType::ECDSA}) {
    auto k = crypto::PrivateKey::generate(type).value();
    const auto record = record_of(k);
    auto envelope = record.seal(k);
    ASSERT_TRUE(envelope) << type << ": " << envelope.error().what();
    auto opened = PeerRecord::open(envelope->encode());
    ASSERT_TRUE(opened) << type << ": " << opened.error().what();
    EXPECT_EQ(*opened, record);
    EXPECT_EQ(PeerRecord::from_envelope(*envelope).value(), record);
  }
}

TEST(PeerRecord, RoundTripsThroughProtobuf) {
  const auto record = record_of(key());
  EXPECT_EQ(PeerRecord::from_protobuf(record.to_protobuf()).value(), record);
  PeerRecord empty{record.peer_id, 0, {}};
  EXPECT_EQ(PeerRecord::from_protobuf(empty.to_protobuf()).value(), empty);
}

TEST(PeerRecord, LeavesOutEmptyAddresses) {
  auto record = record_of(key());
  auto with_empty = record;
  with_empty.addrs.insert(with_empty.addrs.begin(), Multiaddr());
  with_empty.addrs.push_back(Multiaddr());
  EXPECT_EQ(with_empty.to_protobuf(), record.to_protobuf());
}

TEST(PeerRecord, SkipsAddressesItCannotRead) {
  // An AddressInfo holding protocol code 0x3fff (not in the table) between
  // two good ones.
  auto record = record_of(key());
  Bytes bytes = record.to_protobuf();
  append(bytes, Bytes{0x1a, 0x05, 0x0a, 0x03, 0xff, 0x7f, 0x00});
  auto parsed = PeerRecord::from_protobuf(bytes);
  ASSERT_TRUE(parsed) << parsed.error().what();
  EXPECT_EQ(parsed->addrs, record.addrs);
}

TEST(PeerRecord, RefusesAnotherSignersRecord) {
  auto other = crypto::PrivateKey::generate(crypto::KeyType::Ed25519).value();
  const auto record = record_of(key());
  EXPECT_EQ(record.seal(other).error().code, Errc::peer_id_mismatch);
  // Signed by `other` anyway, bypassing seal's check.
  auto envelope = Envelope::seal(other, PeerRecord::domain, PeerRecord::payload_type, record.to_protobuf()).value();
  auto e = PeerRecord::open(envelope.encode()).error();
  EXPECT_EQ(e.code, Errc::peer_id_mismatch);
  EXPECT_NE(e.message.find(record.peer_id.to_base58()), std::string::npos) << e.message;
}

TEST(PeerRecord, RefusesOtherDomainsAndTypes) {
  const auto record = record_of(key());
  // rust-libp2p's legacy format: another domain and payload type.
  auto legacy = Envelope::seal(key(), "libp2p-routing-state", as_bytes("/libp2p/routing-state-record"),
                               record.to_protobuf())
                    .value();
  EXPECT_EQ(PeerRecord::open(legacy.encode()).error().code, Errc::wrong_payload_type);
  auto wrong_domain =
      Envelope::seal(key(), "libp2p-routing-state", PeerRecord::payload_type, record.to_protobuf()).value();
  EXPECT_EQ(PeerRecord::open(wrong_domain.encode()).error().code, Errc::invalid_signature);
}

TEST(PeerRecord, RefusesMalformedPayloads) {
  auto garbage = Envelope::seal(key(), PeerRecord::domain, PeerRecord::payload_type, as_bytes("garbage!")).value();
  EXPECT_EQ(PeerRecord::open(garbage.encode()).error().code, Errc::bad_peer_record);
  // No peer_id.
  EXPECT_EQ(PeerRecord::from_protobuf(Bytes{0x10, 0x01}).error().code, Errc::bad_peer_record);
  EXPECT_EQ(PeerRecord::open(to_bytes("not an envelope")).error().code, Errc::bad_envelope);
}

// go-libp2p core/peer/record_test.go, TestTimestampSeq.
TEST(PeerRecord, TimestampSeqIncreases) {
  std::uint64_t last = 0;
  for (int i = 0; i < 1000; ++i) {
    const auto next = timestamp_seq();
    ASSERT_GT(next, last);
    last = next;
  }
  EXPECT_GT(last, 1'600'000'000'000'000'000u);  // nanoseconds, after 2020
}

}  // namespace
}  // namespace libp2p::peer
