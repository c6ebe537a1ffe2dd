#pragma once

// A libp2p private key (peer-ids/peer-ids.md, "Keys") with its public key.
// The secret lives in one shared, immutable state that is wiped when the
// last copy goes.

#include "libp2p/common/bytes.hpp"
#include "libp2p/common/error.hpp"
#include "libp2p/crypto/key_type.hpp"
#include "libp2p/crypto/public_key.hpp"

#include <cstddef>
#include <memory>

namespace libp2p::crypto {

namespace detail {
struct PrivateKeyState;
}

class PrivateKey {
 public:
  // Bound on a PrivateKey protobuf (an 8192-bit RSA key needs about 4.7 KB).
  static constexpr std::size_t max_protobuf_size = 8192;
  static constexpr std::size_t default_rsa_bits = 2048;
  static constexpr std::size_t min_rsa_bits = 2048;
  static constexpr std::size_t max_rsa_bits = 8192;

  // A fresh key; RSA keys have default_rsa_bits.
  static Result<PrivateKey> generate(KeyType type);
  static Result<PrivateKey> generate_rsa(std::size_t bits);

  // The PrivateKey protobuf {Type, Data}, as go-libp2p and kubo store it.
  static Result<PrivateKey> from_protobuf(BytesView bytes);
  // A key from its type and Data: Ed25519 seed||public (64 bytes, or the
  // legacy 96 bytes seed||public||public), Secp256k1 the 32-byte scalar,
  // ECDSA P-256 a DER SEC1 ECPrivateKey, RSA a DER PKCS#1 RSAPrivateKey.
  static Result<PrivateKey> from_raw(KeyType type, BytesView data);

  KeyType type() const { return public_key_.type(); }
  const PublicKey& public_key() const { return public_key_; }

  // The Data field in the canonical encoding (Ed25519: the 64-byte form).
  BytesView raw() const;
  Bytes to_protobuf() const;

  // The spec's signature of `message` for the key's type.
  Result<Bytes> sign(BytesView message) const;

 private:
  PrivateKey(std::shared_ptr<const detail::PrivateKeyState> state, PublicKey public_key);
  static Result<PrivateKey> from_state(KeyType type, std::shared_ptr<const detail::PrivateKeyState> state);

  std::shared_ptr<const detail::PrivateKeyState> state_;
  PublicKey public_key_;
};

}  // namespace libp2p::crypto
