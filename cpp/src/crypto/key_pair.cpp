#include "libp2p/crypto/key_pair.hpp"

namespace libp2p::crypto {

Result<KeyPair> KeyPair::generate(KeyType type) {
  auto key = PrivateKey::generate(type);
  if (!key) return key.error();
  return KeyPair(std::move(*key));
}

Result<KeyPair> KeyPair::from_protobuf(BytesView bytes) {
  auto key = PrivateKey::from_protobuf(bytes);
  if (!key) return key.error();
  return KeyPair(std::move(*key));
}

}  // namespace libp2p::crypto
