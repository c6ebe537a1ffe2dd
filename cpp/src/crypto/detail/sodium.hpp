#pragma once

// libsodium, for Ed25519 and X25519: its calls take the raw key bytes, with
// none of the per-call key objects and provider look-ups of OpenSSL 3's EVP
// interface (which made signing and verifying 2.4x slower).

#include <sodium.h>

namespace libp2p::crypto::detail {

// sodium_init() once, before the first call (thread-safe; idempotent).
inline void ensure_sodium() {
  [[maybe_unused]] static const bool ready = sodium_init() >= 0;
}

}  // namespace libp2p::crypto::detail
