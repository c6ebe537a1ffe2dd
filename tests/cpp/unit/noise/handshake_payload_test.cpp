#include "libp2p/security/noise/handshake_payload.hpp"

#include "libp2p/security/errc.hpp"

#include <gtest/gtest.h>

namespace libp2p::noise {
namespace {

using security::Errc;

const crypto::KeyPair& identity() {
  static const auto key = crypto::KeyPair::generate().value();
  return key;
}

const std::vector<std::string> yamux_mplex{"/yamux/1.0.0", "/mplex/6.7.0"};
const std::vector<std::string> mplex_yamux{"/mplex/6.7.0", "/yamux/1.0.0"};
const std::vector<std::string> only_yamux{"/yamux/1.0.0"};
const std::vector<std::string> only_mplex{"/mplex/6.7.0"};
const std::vector<std::string> none;

TEST(HandshakePayload, EncodesTheSpecSchemaInFieldOrder) {
  // identity_key (1), identity_sig (2), extensions (4) { stream_muxers (2) }.
  const Bytes expected = {0x0a, 0x01, 'k', 0x12, 0x01, 's', 0x22, 0x0e, 0x12, 0x0c, '/', 'y', 'a', 'm',
                          'u',  'x',  '/', '1',  '.',  '0', '.',  '0'};
  EXPECT_EQ(encode_payload({{'k'}, {'s'}, only_yamux}), expected);
  // Without muxers, no extensions at all.
  EXPECT_EQ(encode_payload({{'k'}, {'s'}, {}}), (Bytes{0x0a, 0x01, 'k', 0x12, 0x01, 's'}));
}

TEST(HandshakePayload, RoundTrips) {
  auto decoded = decode_payload(encode_payload({{1, 2, 3}, {4, 5}, yamux_mplex}));
  ASSERT_TRUE(decoded) << decoded.error().what();
  EXPECT_EQ(decoded->identity_key, (Bytes{1, 2, 3}));
  EXPECT_EQ(decoded->identity_sig, (Bytes{4, 5}));
  EXPECT_EQ(decoded->stream_muxers, yamux_mplex);
}

TEST(HandshakePayload, IgnoresWebTransportCerthashesAndUnknownFields) {
  // extensions { webtransport_certhashes: "h" }, then field 9 (varint 1).
  const Bytes bytes = {0x0a, 0x01, 'k', 0x12, 0x01, 's', 0x22, 0x03, 0x0a, 0x01, 'h', 0x48, 0x01};
  auto decoded = decode_payload(bytes);
  ASSERT_TRUE(decoded) << decoded.error().what();
  EXPECT_TRUE(decoded->stream_muxers.empty());
}

Error decode_error(const Bytes& bytes) { return decode_payload(bytes).error(); }

TEST(HandshakePayload, RejectsMalformedPayloads) {
  EXPECT_EQ(decode_error({0x0a, 0x05, 'k'}).code, Errc::bad_payload);  // truncated field
  EXPECT_EQ(decode_error({0xff}).code, Errc::bad_payload);
  auto no_key = decode_error(encode_payload({{}, {'s'}, {}}));
  EXPECT_EQ(no_key.code, Errc::bad_payload);
  EXPECT_EQ(no_key.message, "the handshake payload has no identity key");
  auto no_sig = decode_error(encode_payload({{'k'}, {}, {}}));
  EXPECT_EQ(no_sig.message, "the handshake payload has no identity signature");
}

TEST(HandshakePayload, BoundsEveryField) {
  EXPECT_TRUE(decode_payload(encode_payload({Bytes(crypto::PublicKey::max_protobuf_size), {'s'}, {}})));
  EXPECT_EQ(decode_error(encode_payload({Bytes(crypto::PublicKey::max_protobuf_size + 1), {'s'}, {}})).code,
            Errc::bad_payload);
  EXPECT_TRUE(decode_payload(encode_payload({{'k'}, Bytes(max_signature_size), {}})));
  EXPECT_EQ(decode_error(encode_payload({{'k'}, Bytes(max_signature_size + 1), {}})).code, Errc::bad_payload);
  std::vector<std::string> many(max_stream_muxers, "/m");
  EXPECT_TRUE(decode_payload(encode_payload({{'k'}, {'s'}, many})));
  many.push_back("/m");
  auto e = decode_error(encode_payload({{'k'}, {'s'}, many}));
  EXPECT_EQ(e.code, Errc::bad_payload);
  EXPECT_EQ(e.message, "101 stream muxers offered, limit 100");
}

TEST(HandshakePayload, SignsTheStaticKeyWithThePrefix) {
  const auto s = X25519Key::generate().value();
  auto decoded = decode_payload(make_payload(identity(), s.public_key(), only_yamux).value()).value();
  EXPECT_EQ(decoded.identity_key, identity().public_key().to_protobuf());
  Bytes message = to_bytes("noise-libp2p-static-key:");
  append(message, s.public_key());
  EXPECT_TRUE(identity().public_key().verify(message, decoded.identity_sig));
  EXPECT_EQ(decoded.stream_muxers, only_yamux);
}

TEST(HandshakePayload, VerifiesTheRemote) {
  const auto s = X25519Key::generate().value();
  auto remote = verify_payload(make_payload(identity(), s.public_key(), only_yamux).value(), s.public_key());
  ASSERT_TRUE(remote) << remote.error().what();
  EXPECT_EQ(remote->public_key, identity().public_key());
  EXPECT_EQ(remote->peer_id, peer::PeerId::from_public_key(identity().public_key()));
  EXPECT_EQ(remote->stream_muxers, only_yamux);
}

TEST(HandshakePayload, RejectsASignatureOfAnotherStaticKey) {
  const auto s = X25519Key::generate().value();
  const auto other = X25519Key::generate().value();
  auto r = verify_payload(make_payload(identity(), other.public_key(), {}).value(), s.public_key());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, Errc::bad_signature);
  EXPECT_EQ(r.error().message, "identity signature does not verify");
}

TEST(HandshakePayload, RejectsASignatureByAnotherIdentity) {
  const auto s = X25519Key::generate().value();
  auto payload = decode_payload(make_payload(identity(), s.public_key(), {}).value()).value();
  payload.identity_key = crypto::KeyPair::generate().value().public_key().to_protobuf();
  EXPECT_EQ(verify_payload(encode_payload(payload), s.public_key()).error().code, Errc::bad_signature);
}

TEST(HandshakePayload, RejectsAnIdentityKeyThatDoesNotParse) {
  const auto s = X25519Key::generate().value();
  auto r = verify_payload(encode_payload({{0x08, 0x01, 0x12, 0x01, 0x00}, {'s'}, {}}), s.public_key());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, Errc::bad_payload);
  EXPECT_EQ(r.error().message.rfind("identity key: ", 0), 0u) << r.error().message;
}

TEST(EarlyMuxer, TakesTheInitiatorsFirstChoiceBothSupport) {
  // The example of connections/inlined-muxer-negotiation.md.
  EXPECT_EQ(select_early_muxer(yamux_mplex, mplex_yamux).value(), std::optional<std::string>("/yamux/1.0.0"));
  EXPECT_EQ(select_early_muxer(mplex_yamux, only_yamux).value(), std::optional<std::string>("/yamux/1.0.0"));
}

TEST(EarlyMuxer, NoneWhenASideSendsNoList) {
  EXPECT_EQ(select_early_muxer(none, yamux_mplex).value(), std::nullopt);
  EXPECT_EQ(select_early_muxer(yamux_mplex, none).value(), std::nullopt);
  EXPECT_EQ(select_early_muxer(none, none).value(), std::nullopt);
}

TEST(EarlyMuxer, FailsWhenBothListsShareNothing) {
  auto r = select_early_muxer(only_yamux, only_mplex);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, Errc::no_common_muxer);
  EXPECT_EQ(r.error().message, "no stream muxer in common: initiator offers /yamux/1.0.0; responder /mplex/6.7.0");
}

}  // namespace
}  // namespace libp2p::noise
