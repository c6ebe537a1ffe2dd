#include "libp2p/security/noise/x25519.hpp"

#include "crypto/detail/sodium.hpp"
#include "libp2p/security/errc.hpp"

#include <string>

namespace libp2p::noise {

static_assert(crypto_scalarmult_BYTES == dh_size && crypto_scalarmult_SCALARBYTES == dh_size);

struct X25519Key::Secret {
  std::array<std::uint8_t, dh_size> scalar{};
  ~Secret() { sodium_memzero(scalar.data(), scalar.size()); }
};

Result<X25519Key> X25519Key::from_secret(std::shared_ptr<Secret> secret) {
  DhPublicKey pub{};
  if (crypto_scalarmult_base(pub.data(), secret->scalar.data()) != 0)
    return Error(security::Errc::handshake_failed, "X25519 public key could not be made");
  return X25519Key(std::move(secret), pub);
}

Result<X25519Key> X25519Key::generate() {
  crypto::detail::ensure_sodium();
  auto secret = std::make_shared<Secret>();
  randombytes_buf(secret->scalar.data(), secret->scalar.size());
  return from_secret(std::move(secret));
}

Result<X25519Key> X25519Key::from_private(BytesView private_key) {
  if (private_key.size() != dh_size)
    return Error(security::Errc::handshake_failed,
                 "X25519 private key of " + std::to_string(private_key.size()) + " bytes, not 32");
  crypto::detail::ensure_sodium();
  auto secret = std::make_shared<Secret>();
  std::copy(private_key.begin(), private_key.end(), secret->scalar.begin());
  return from_secret(std::move(secret));
}

Result<DhSecret> X25519Key::dh(BytesView remote_public) const {
  if (remote_public.size() != dh_size)
    return Error(security::Errc::handshake_failed,
                 "X25519 public key of " + std::to_string(remote_public.size()) + " bytes, not 32");
  DhSecret secret{};
  if (crypto_scalarmult(secret.data(), secret_->scalar.data(), remote_public.data()) != 0)
    return Error(security::Errc::handshake_failed, "X25519 with the remote's key failed (a key of small order)");
  return secret;
}

}  // namespace libp2p::noise
