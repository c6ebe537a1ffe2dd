#include "libp2p/security/noise/handshake_state.hpp"

#include "libp2p/multiformats/multibase.hpp"
#include "libp2p/security/errc.hpp"

#include <gtest/gtest.h>

namespace libp2p::noise {
namespace {

Bytes hex(std::string_view text) { return multiformats::multibase::from_hex(text).value(); }

// The Noise_XX_25519_ChaChaPoly_SHA256 vector of the cacophony test vectors
// (github.com/haskell-cryptography/cacophony, as shipped in snow's
// tests/vectors/cacophony.txt): three handshake messages, then three
// transport messages (initiator, responder, initiator).
struct CacophonyXX {
  Bytes prologue = hex("4a6f686e2047616c74");
  Bytes init_static = hex("e61ef9919cde45dd5f82166404bd08e38bceb5dfdfded0a34c8df7ed542214d1");
  Bytes init_ephemeral = hex("893e28b9dc6ca8d611ab664754b8ceb7bac5117349a4439a6b0569da977c464a");
  Bytes resp_static = hex("4a3acbfdb163dec651dfa3194dece676d437029c62a408b4c5ea9114246e4893");
  Bytes resp_ephemeral = hex("bbdb4cdbd309f1a1f2e1456967fe288cadd6f712d65dc7b7793d5e63da6b375b");
  Bytes handshake_hash = hex("c8e5f64e846193be2a834104c2a009868d6c9f3bd3c186299888b488b2f1f58e");
  struct Message {
    Bytes payload;
    Bytes ciphertext;
  };
  std::vector<Message> messages = {
      {hex("4c756477696720766f6e204d69736573"),
       hex("ca35def5ae56cec33dc2036731ab14896bc4c75dbb07a61f879f8e3afa4c79444c756477696720766f6e204d69736573")},
      {hex("4d757272617920526f746862617264"),
       hex("95ebc60d2b1fa672c1f46a8aa265ef51bfe38e7ccb39ec5be34069f14480884381cbad1f276e038c48378ffce2b65285e08d6b68aaa3"
           "629a5a8639392490e5b9bd5269c2f1e4f488ed8831161f19b7815528f8982ffe09be9b5c412f8a0db50f8814c7194e83f23dbd8d1"
           "62c9326ad")},
      {hex("462e20412e20486179656b"),
       hex("c7195ffacac1307ff99046f219750fc47693e23c3cb08b89c2af808b444850a80ae475b9df0f169ae80a89be0865b57f58c9fea0d4ec"
           "82a286427402f113e4b6ae769a1d95941d49b25030")},
      {hex("4361726c204d656e676572"), hex("96763ed773f8e47bb3712f0e29b3060ffc956ffc146cee53d5e1df")},
      {hex("4a65616e2d426170746973746520536179"),
       hex("3e40f15f6f3a46ae446b253bf8b1d9ffb6ed9b174d272328ff91a7e2e5c79c07f5")},
      {hex("457567656e2042f6686d20766f6e2042617765726b"),
       hex("eb3f3515110702e047a6c9da4478b6ead94873c11c0f2d710ddb3f09fce024b3a58502ae3f")},
  };

  HandshakeState initiator() const {
    return HandshakeState(Role::initiator, X25519Key::from_private(init_static).value(), prologue,
                          X25519Key::from_private(init_ephemeral).value());
  }
  HandshakeState responder() const {
    return HandshakeState(Role::responder, X25519Key::from_private(resp_static).value(), prologue,
                          X25519Key::from_private(resp_ephemeral).value());
  }
};

TEST(HandshakeState, ReproducesTheCacophonyXXVector) {
  const CacophonyXX v;
  HandshakeState sides[2] = {v.initiator(), v.responder()};
  for (int i = 0; i < HandshakeState::message_count; ++i) {
    auto& writer = sides[i % 2];
    auto& reader = sides[1 - i % 2];
    ASSERT_TRUE(writer.writes_next());
    Bytes message;
    ASSERT_TRUE(writer.write_message(v.messages[i].payload, message));
    EXPECT_EQ(message, v.messages[i].ciphertext) << "message " << i + 1;
    auto payload = reader.read_message(message);
    ASSERT_TRUE(payload) << payload.error().what();
    EXPECT_EQ(*payload, v.messages[i].payload);
  }
  ASSERT_TRUE(sides[0].finished() && sides[1].finished());
  EXPECT_TRUE(equal(sides[0].handshake_hash(), v.handshake_hash));
  EXPECT_TRUE(equal(sides[1].handshake_hash(), v.handshake_hash));
  EXPECT_EQ(sides[0].remote_static(), X25519Key::from_private(v.resp_static).value().public_key());
  EXPECT_EQ(sides[1].remote_static(), X25519Key::from_private(v.init_static).value().public_key());

  TransportCiphers ciphers[2] = {sides[0].split(), sides[1].split()};
  for (int i = HandshakeState::message_count; i < static_cast<int>(v.messages.size()); ++i) {
    auto& sender = ciphers[i % 2];
    auto& receiver = ciphers[1 - i % 2];
    const auto& m = v.messages[i];
    Bytes ciphertext(m.payload.size() + tag_size);
    ASSERT_TRUE(sender.send.encrypt_with_ad({}, m.payload, ciphertext.data()));
    EXPECT_EQ(ciphertext, m.ciphertext) << "message " << i + 1;
    Bytes plaintext(m.payload.size());
    ASSERT_TRUE(receiver.receive.decrypt_with_ad({}, ciphertext, plaintext.data()));
    EXPECT_EQ(plaintext, m.payload);
  }
}

TEST(HandshakeState, RefusesMessagesOutOfTurn) {
  const CacophonyXX v;
  auto responder = v.responder();
  Bytes out;
  EXPECT_EQ(responder.write_message({}, out).error().code, security::Errc::handshake_failed);
  auto initiator = v.initiator();
  EXPECT_EQ(initiator.read_message(v.messages[1].ciphertext).error().code, security::Errc::handshake_failed);
}

TEST(HandshakeState, RejectsShortMessages) {
  const CacophonyXX v;
  auto responder = v.responder();
  auto r = responder.read_message(Bytes(31));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, security::Errc::handshake_failed);
  EXPECT_NE(r.error().message.find("shorter than the 32"), std::string::npos) << r.error().message;

  auto initiator = v.initiator();
  Bytes first;
  ASSERT_TRUE(initiator.write_message({}, first));
  r = initiator.read_message(Bytes(95));
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("shorter than the 96"), std::string::npos) << r.error().message;
}

TEST(HandshakeState, RejectsATamperedMessage) {
  const CacophonyXX v;
  for (std::size_t at : {std::size_t{0}, std::size_t{40}, std::size_t{90}, v.messages[1].ciphertext.size() - 1}) {
    auto initiator = v.initiator();
    Bytes first;
    ASSERT_TRUE(initiator.write_message(v.messages[0].payload, first));
    Bytes second = v.messages[1].ciphertext;
    second[at] ^= 0x01;
    auto r = initiator.read_message(second);
    ASSERT_FALSE(r) << at;
    EXPECT_EQ(r.error().code, security::Errc::handshake_failed) << r.error().what();
  }
}

TEST(HandshakeState, RejectsAnEphemeralKeyOfSmallOrder) {
  const CacophonyXX v;
  auto initiator = v.initiator();
  Bytes first;
  ASSERT_TRUE(initiator.write_message({}, first));
  Bytes second(96, 0);  // the point 0: DH gives all zeros
  auto r = initiator.read_message(second);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, security::Errc::handshake_failed);
}

TEST(HandshakeState, BoundsThePayload) {
  const CacophonyXX v;
  auto initiator = v.initiator();
  Bytes out;
  EXPECT_EQ(initiator.write_message(Bytes(max_message_size - 31), out).error().code, security::Errc::message_too_large);
  EXPECT_TRUE(initiator.write_message(Bytes(max_message_size - 32), out));
  EXPECT_EQ(out.size(), max_message_size);
}

TEST(HandshakeState, GeneratesFreshEphemeralKeys) {
  auto s = X25519Key::generate().value();
  HandshakeState a(Role::initiator, s), b(Role::initiator, s);
  Bytes ma, mb;
  ASSERT_TRUE(a.write_message({}, ma) && b.write_message({}, mb));
  EXPECT_NE(ma, mb);
}

}  // namespace
}  // namespace libp2p::noise
