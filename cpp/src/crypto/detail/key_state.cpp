#include "crypto/detail/key_state.hpp"

#include <openssl/crypto.h>

namespace libp2p::crypto::detail {

PrivateKeyState::~PrivateKeyState() {
  cleanse(data);
  if (auto* secret = std::get_if<Secp256k1Secret>(&key)) OPENSSL_cleanse(secret->scalar.data(), secret->scalar.size());
}

}  // namespace libp2p::crypto::detail
