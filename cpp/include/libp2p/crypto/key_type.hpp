#pragma once

#include <cstdint>
#include <ostream>
#include <string_view>

namespace libp2p::crypto {

// The spec's KeyType enum (peer-ids/peer-ids.md, "Keys"); the values are the
// protobuf's.
enum class KeyType : std::uint8_t {
  RSA = 0,
  Ed25519 = 1,
  Secp256k1 = 2,
  ECDSA = 3,
};

std::string_view to_string(KeyType type);

inline std::ostream& operator<<(std::ostream& os, KeyType type) { return os << to_string(type); }

}  // namespace libp2p::crypto
