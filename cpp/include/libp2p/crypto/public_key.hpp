#pragma once

// A libp2p public key (peer-ids/peer-ids.md, "Keys"): its type, its Data in
// the spec's encoding, and the parsed key, kept so that verify() does not
// parse again. Copies share the parsed key.

#include "libp2p/common/bytes.hpp"
#include "libp2p/common/error.hpp"
#include "libp2p/crypto/key_type.hpp"

#include <cstddef>
#include <memory>

namespace libp2p::crypto {

namespace detail {
struct PublicKeyState;
}

class PublicKey {
 public:
  // Bound on a PublicKey protobuf (an 8192-bit RSA key needs about 1.1 KB).
  static constexpr std::size_t max_protobuf_size = 2048;

  // The PublicKey protobuf {Type, Data}.
  static Result<PublicKey> from_protobuf(BytesView bytes);
  // A key from its type and Data: Ed25519 32 raw bytes, Secp256k1 a 33-byte
  // compressed (or 65-byte uncompressed) point, ECDSA P-256 and RSA a DER
  // SubjectPublicKeyInfo.
  static Result<PublicKey> from_raw(KeyType type, BytesView data);

  KeyType type() const { return type_; }
  // The Data field, in the canonical encoding of the type.
  BytesView raw() const;
  // The deterministic protobuf: Type then Data, minimal varints.
  Bytes to_protobuf() const;

  // True when `signature` is this key's signature of `message` (any malformed
  // signature is simply not valid).
  bool verify(BytesView message, BytesView signature) const;

  friend bool operator==(const PublicKey& a, const PublicKey& b);

 private:
  friend class PrivateKey;
  PublicKey(KeyType type, std::shared_ptr<const detail::PublicKeyState> state);

  KeyType type_;
  std::shared_ptr<const detail::PublicKeyState> state_;
};

}  // namespace libp2p::crypto
