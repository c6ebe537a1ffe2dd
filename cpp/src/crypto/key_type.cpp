#include "libp2p/crypto/key_type.hpp"

namespace libp2p::crypto {

std::string_view to_string(KeyType type) {
  switch (type) {
    case KeyType::RSA: return "RSA";
    case KeyType::Ed25519: return "Ed25519";
    case KeyType::Secp256k1: return "Secp256k1";
    case KeyType::ECDSA: return "ECDSA";
  }
  return "unknown";
}

}  // namespace libp2p::crypto
