#pragma once

// The Noise 25519 DH functions (Noise Protocol Framework rev 34, §12.1):
// X25519 key pairs and DH, through libsodium. Copies share one immutable
// private key, wiped when the last copy goes.

#include "libp2p/common/bytes.hpp"
#include "libp2p/common/error.hpp"

#include <array>
#include <cstdint>
#include <memory>

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
  // gives the all-zero secret, which is refused (Noise §12.1 allows it; every
  // libp2p implementation refuses): then an error.
  Result<DhSecret> dh(BytesView remote_public) const;

 private:
  struct Secret;
  X25519Key(std::shared_ptr<const Secret> secret, const DhPublicKey& pub) : secret_(std::move(secret)), public_(pub) {}
  static Result<X25519Key> from_secret(std::shared_ptr<Secret> secret);

  std::shared_ptr<const Secret> secret_;
  DhPublicKey public_;
};

}  // namespace libp2p::noise
