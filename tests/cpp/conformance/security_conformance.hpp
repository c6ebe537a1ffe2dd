#pragma once

// The suite every security transport must pass. A transport joins it with a
// traits type and one line in a file of its own:
//
//   struct NoiseTraits {
//     static std::unique_ptr<security::SecurityTransport> make(crypto::KeyPair identity,
//                                                              std::vector<std::string> muxers);
//   };
//   INSTANTIATE_TYPED_TEST_SUITE_P(Noise, SecurityConformance, ::testing::Types<NoiseTraits>);

#include "libp2p/crypto/key_pair.hpp"
#include "libp2p/io/pipe.hpp"
#include "libp2p/peer/peer_id.hpp"
#include "libp2p/security/errc.hpp"
#include "libp2p/security/security_transport.hpp"
#include "support/readiness.hpp"
#include "support/run.hpp"

#include <boost/asio/error.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/io_context.hpp>

#include <gtest/gtest.h>

#include <numeric>

namespace libp2p::security::conformance {

using namespace asio::experimental::awaitable_operators;

template <class Traits>
class SecurityConformance : public ::testing::Test {
 protected:
  asio::io_context io;
  crypto::KeyPair dialer_key = crypto::KeyPair::generate().value();
  crypto::KeyPair listener_key = crypto::KeyPair::generate().value();
  peer::PeerId dialer_id = peer::PeerId::from_public_key(dialer_key.public_key());
  peer::PeerId listener_id = peer::PeerId::from_public_key(listener_key.public_key());

  struct Outcome {
    Result<SecureChannel> dialer;
    Result<SecureChannel> listener;
  };

  // A handshake over a fresh pipe.
  Outcome handshake(std::unique_ptr<SecurityTransport> dialer, std::unique_ptr<SecurityTransport> listener,
                    std::optional<peer::PeerId> expected) {
    auto [a, b] = io::make_pipe(io.get_executor());
    // Kept outside the coroutine: co_spawn needs a default-constructible result, Result<SecureChannel> is not.
    std::optional<Outcome> out;
    test::run(io, [&]() -> asio::awaitable<void> {
      // A side that fails drops its end of the pipe, which ends the other's handshake too.
      auto both = co_await (dialer->secure_outbound(std::move(a), expected) && listener->secure_inbound(std::move(b)));
      out.emplace(Outcome{std::move(std::get<0>(both)), std::move(std::get<1>(both))});
    }());
    return std::move(*out);
  }

  Outcome handshake(std::vector<std::string> dialer_muxers = {}, std::vector<std::string> listener_muxers = {}) {
    return handshake(Traits::make(dialer_key, std::move(dialer_muxers)),
                     Traits::make(listener_key, std::move(listener_muxers)), listener_id);
  }

};

TYPED_TEST_SUITE_P(SecurityConformance);

TYPED_TEST_P(SecurityConformance, BothSidesLearnTheOthersIdentity) {
  auto out = this->handshake();
  ASSERT_TRUE(out.dialer) << out.dialer.error().what();
  ASSERT_TRUE(out.listener) << out.listener.error().what();
  EXPECT_EQ(out.dialer->remote_peer, this->listener_id);
  EXPECT_EQ(out.listener->remote_peer, this->dialer_id);
  EXPECT_EQ(out.dialer->remote_public_key, this->listener_key.public_key());
  EXPECT_EQ(out.listener->remote_public_key, this->dialer_key.public_key());
}

TYPED_TEST_P(SecurityConformance, CarriesDataBothWays) {
  auto out = this->handshake();
  ASSERT_TRUE(out.dialer && out.listener);
  Bytes big(3 * 1024 * 1024 + 5);  // many maximum-size frames and a partial one
  std::iota(big.begin(), big.end(), std::uint8_t{7});
  test::run(this->io, [&]() -> asio::awaitable<void> {
    auto& d = *out.dialer->stream;
    auto& l = *out.listener->stream;
    auto send = [&]() -> asio::awaitable<void> { EXPECT_TRUE(co_await io::write(d, big)); };
    auto receive = [&]() -> asio::awaitable<void> {
      Bytes got(big.size());
      EXPECT_TRUE(co_await io::read_exactly(l, got));
      EXPECT_EQ(got, big);
    };
    co_await (send() && receive());
    EXPECT_TRUE(co_await io::write(l, as_bytes("reply")));
    std::uint8_t reply[5];
    EXPECT_TRUE(co_await io::read_exactly(d, reply));
    EXPECT_EQ(as_string(reply), "reply");
    // A half-close reaches the other side as end of stream.
    EXPECT_TRUE(co_await d.close_write());
    std::uint8_t buf[1];
    auto r = co_await l.read_some(asio::buffer(buf));
    EXPECT_EQ(r.error().code, asio::error::eof);
  }());
}

TYPED_TEST_P(SecurityConformance, RejectsARemoteWithAnotherPeerId) {
  auto stranger = peer::PeerId::from_public_key(crypto::KeyPair::generate().value().public_key());
  auto out = this->handshake(TypeParam::make(this->dialer_key, {}), TypeParam::make(this->listener_key, {}), stranger);
  ASSERT_FALSE(out.dialer);
  EXPECT_EQ(out.dialer.error().code, Errc::peer_id_mismatch) << out.dialer.error().what();
}

TYPED_TEST_P(SecurityConformance, WorksWithEveryKeyType) {
  for (auto type : {crypto::KeyType::Ed25519, crypto::KeyType::Secp256k1, crypto::KeyType::ECDSA,
                    crypto::KeyType::RSA}) {
    auto dialer_key = crypto::KeyPair::generate(type).value();
    auto listener_key = crypto::KeyPair::generate(type).value();
    auto out = this->handshake(TypeParam::make(dialer_key, {}), TypeParam::make(listener_key, {}),
                               peer::PeerId::from_public_key(listener_key.public_key()));
    ASSERT_TRUE(out.dialer) << static_cast<int>(type) << ": " << out.dialer.error().what();
    ASSERT_TRUE(out.listener) << static_cast<int>(type) << ": " << out.listener.error().what();
    EXPECT_EQ(out.listener->remote_peer, peer::PeerId::from_public_key(dialer_key.public_key()));
  }
}

TYPED_TEST_P(SecurityConformance, NegotiatesTheMuxerEarly) {
  // The dialer's preference wins among the muxers both support.
  auto out = this->handshake({"/yamux/1.0.0", "/mplex/6.7.0"}, {"/mplex/6.7.0", "/yamux/1.0.0"});
  ASSERT_TRUE(out.dialer && out.listener);
  EXPECT_EQ(out.dialer->early_muxer, std::optional<std::string>("/yamux/1.0.0"));
  EXPECT_EQ(out.listener->early_muxer, std::optional<std::string>("/yamux/1.0.0"));
}

TYPED_TEST_P(SecurityConformance, FallsBackWhenASideOffersNoMuxers) {
  auto out = this->handshake({"/yamux/1.0.0"}, {});
  ASSERT_TRUE(out.dialer && out.listener);
  EXPECT_EQ(out.dialer->early_muxer, std::nullopt);
  EXPECT_EQ(out.listener->early_muxer, std::nullopt);
}

TYPED_TEST_P(SecurityConformance, GarbageFailsTheHandshakeCleanly) {
  for (std::size_t size : {1u, 2u, 31u, 200u, 70000u}) {
    auto [a, b] = io::make_pipe(this->io.get_executor());
    auto listener = TypeParam::make(this->listener_key, {});
    Bytes garbage(size, 0xa5);
    test::run(this->io, [&]() -> asio::awaitable<void> {
      auto junk = [&]() -> asio::awaitable<void> {
        (void)co_await io::write(*a, garbage);
        (void)co_await a->close_write();
      };
      auto r = co_await (junk() && listener->secure_inbound(std::move(b)));
      EXPECT_FALSE(r) << size;
      a->close();
    }());
  }
}

TYPED_TEST_P(SecurityConformance, ARemoteVanishingMidHandshake) {
  auto [a, b] = io::make_pipe(this->io.get_executor());
  auto dialer = TypeParam::make(this->dialer_key, {});
  test::run(this->io, [&]() -> asio::awaitable<void> {
    auto vanish = [&]() -> asio::awaitable<void> {
      std::uint8_t first[1];
      (void)co_await b->read_some(asio::buffer(first));  // the first message has begun
      b->close();
    };
    auto r = co_await (dialer->secure_outbound(std::move(a), this->listener_id) && vanish());
    EXPECT_FALSE(r);
  }());
}

// Readiness passes through the secure channel: what the remote sends makes
// it ready, and a quiet channel lets a reader hold no buffer.
TYPED_TEST_P(SecurityConformance, TellsWhenItIsReadable) {
  auto out = this->handshake();
  ASSERT_TRUE(out.dialer && out.listener);
  test::run(this->io, test::check_readiness(*out.listener->stream, *out.dialer->stream));
}

REGISTER_TYPED_TEST_SUITE_P(SecurityConformance, BothSidesLearnTheOthersIdentity, CarriesDataBothWays,
                            RejectsARemoteWithAnotherPeerId, WorksWithEveryKeyType, NegotiatesTheMuxerEarly,
                            FallsBackWhenASideOffersNoMuxers, GarbageFailsTheHandshakeCleanly,
                            ARemoteVanishingMidHandshake, TellsWhenItIsReadable);

}  // namespace libp2p::security::conformance
