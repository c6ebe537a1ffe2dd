#pragma once

// /plaintext/2.0.0 (libp2p/specs plaintext/README.md): both sides send their
// PeerId and public key, nothing is encrypted. For tests ONLY: it never
// protects anything and is never a default.

#include "libp2p/crypto/key_pair.hpp"
#include "libp2p/security/security_transport.hpp"

namespace libp2p::plaintext {

inline constexpr std::string_view protocol_id = "/plaintext/2.0.0";

class PlaintextTransport final : public security::SecurityTransport {
 public:
  explicit PlaintextTransport(crypto::KeyPair identity);

  std::string_view protocol_id() const override { return plaintext::protocol_id; }
  asio::awaitable<Result<security::SecureChannel>> secure_outbound(std::unique_ptr<io::ByteStream> raw,
                                                                   std::optional<peer::PeerId> expected) override;
  asio::awaitable<Result<security::SecureChannel>> secure_inbound(std::unique_ptr<io::ByteStream> raw) override;

 private:
  asio::awaitable<Result<security::SecureChannel>> exchange(std::unique_ptr<io::ByteStream> raw,
                                                            std::optional<peer::PeerId> expected);

  crypto::KeyPair identity_;
  Bytes exchange_message_;  // ours, made once
};

}  // namespace libp2p::plaintext
