#pragma once

// A node's identity key: a private key and its public key.

#include "libp2p/common/bytes.hpp"
#include "libp2p/common/error.hpp"
#include "libp2p/crypto/key_type.hpp"
#include "libp2p/crypto/private_key.hpp"
#include "libp2p/crypto/public_key.hpp"

#include <utility>

namespace libp2p::crypto {

class KeyPair {
 public:
  explicit KeyPair(PrivateKey private_key) : private_key_(std::move(private_key)) {}

  static Result<KeyPair> generate(KeyType type = KeyType::Ed25519);
  // The PrivateKey protobuf (the public key is derived from it).
  static Result<KeyPair> from_protobuf(BytesView bytes);

  KeyType type() const { return private_key_.type(); }
  const PrivateKey& private_key() const { return private_key_; }
  const PublicKey& public_key() const { return private_key_.public_key(); }

  Result<Bytes> sign(BytesView message) const { return private_key_.sign(message); }
  Bytes to_protobuf() const { return private_key_.to_protobuf(); }

 private:
  PrivateKey private_key_;
};

}  // namespace libp2p::crypto
