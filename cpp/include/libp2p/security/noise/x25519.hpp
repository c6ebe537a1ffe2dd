#pragma once

// The Noise 25519 DH functions (Noise Protocol Framework rev 34, §12.1):
// X25519 key pairs and DH, through OpenSSL. Copies share one immutable key.

#include "libp2p/common/bytes.hpp"
#include "libp2p/common/error.hpp"

#include <array>
#include <cstdint>
#include <memory>

struct evp_pkey_st;

namespace libp2p::noise {

inline constexpr std::size_t dh_size = 32;  // DHLEN

using DhPublicKey = std::array<std::uint8_t, dh_size>;
using DhSecret = std::array<std::uint8_t, dh_size>;

class X25519Key {
 public:
  static Result<X25519Key> generate();
  // A key from its 32-byte private scalar (test vectors).
  static Result<X25519Key> from_private(BytesView private_key);

  const DhPublicKey& public_key() const { return public_; }

  // DH(this private key, remote) (RFC 7748 §5). A remote key of small order
  // gives the all-zero secret, which OpenSSL refuses: then an error.
  Result<DhSecret> dh(BytesView remote_public) const;

 private:
  X25519Key(std::shared_ptr<evp_pkey_st> key, const DhPublicKey& pub) : key_(std::move(key)), public_(pub) {}
  static Result<X25519Key> wrap(evp_pkey_st* key);

  std::shared_ptr<evp_pkey_st> key_;
  DhPublicKey public_;
};

}  // namespace libp2p::noise
