#pragma once

// noise-libp2p (libp2p/specs noise/README.md): the XX handshake with the
// libp2p payload over a raw ByteStream, then the encrypted Channel. The
// stream muxers given are offered for early negotiation
// (connections/inlined-muxer-negotiation.md), most preferred first.
//
// One static Noise key per transport, signed once when the transport is made
// (the spec allows a key per session or per node): a handshake then costs no
// signature and no key generation but the ephemeral key. The forward secrecy
// of each session comes from the ephemeral keys, and the static key is never
// stored.

#include "libp2p/crypto/key_pair.hpp"
#include "libp2p/security/noise/x25519.hpp"
#include "libp2p/security/security_transport.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace libp2p::noise {

class NoiseTransport final : public security::SecurityTransport {
 public:
  static constexpr std::string_view protocol = "/noise";

  // Throws libp2p::Exception if OpenSSL cannot make or sign the static key.
  explicit NoiseTransport(crypto::KeyPair identity, std::vector<std::string> muxers = {});

  std::string_view protocol_id() const override { return protocol; }

  asio::awaitable<Result<security::SecureChannel>> secure_outbound(std::unique_ptr<io::ByteStream> raw,
                                                                   std::optional<peer::PeerId> expected) override;
  asio::awaitable<Result<security::SecureChannel>> secure_inbound(std::unique_ptr<io::ByteStream> raw) override;

  const crypto::KeyPair& identity() const { return identity_; }
  const std::vector<std::string>& muxers() const { return muxers_; }

 private:
  crypto::KeyPair identity_;
  std::vector<std::string> muxers_;
  X25519Key static_key_;
  Bytes payload_;  // identity key, signature of the static key, muxers: the same in messages 2 and 3
};

}  // namespace libp2p::noise
