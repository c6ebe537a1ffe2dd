#include "libp2p/security/noise/x25519.hpp"

#include "libp2p/security/errc.hpp"

#include <openssl/err.h>
#include <openssl/evp.h>

#include <string>

namespace libp2p::noise {
namespace {

using security::Errc;

struct CtxFree {
  void operator()(EVP_PKEY_CTX* ctx) const { EVP_PKEY_CTX_free(ctx); }
};

Error failure(std::string what) {
  ERR_clear_error();
  return Error(Errc::handshake_failed, std::move(what));
}

}  // namespace

Result<X25519Key> X25519Key::wrap(EVP_PKEY* key) {
  if (!key) return failure("X25519 key could not be made");
  std::shared_ptr<EVP_PKEY> owned(key, EVP_PKEY_free);
  DhPublicKey pub{};
  std::size_t size = pub.size();
  if (EVP_PKEY_get_raw_public_key(key, pub.data(), &size) != 1 || size != pub.size())
    return failure("X25519 public key could not be read");
  return X25519Key(std::move(owned), pub);
}

Result<X25519Key> X25519Key::generate() { return wrap(EVP_PKEY_Q_keygen(nullptr, nullptr, "X25519")); }

Result<X25519Key> X25519Key::from_private(BytesView private_key) {
  if (private_key.size() != dh_size)
    return Error(Errc::handshake_failed, "X25519 private key of " + std::to_string(private_key.size()) + " bytes, not 32");
  return wrap(EVP_PKEY_new_raw_private_key(EVP_PKEY_X25519, nullptr, private_key.data(), private_key.size()));
}

Result<DhSecret> X25519Key::dh(BytesView remote_public) const {
  if (remote_public.size() != dh_size)
    return Error(Errc::handshake_failed, "X25519 public key of " + std::to_string(remote_public.size()) + " bytes, not 32");
  std::unique_ptr<EVP_PKEY, void (*)(EVP_PKEY*)> remote(
      EVP_PKEY_new_raw_public_key(EVP_PKEY_X25519, nullptr, remote_public.data(), remote_public.size()), EVP_PKEY_free);
  std::unique_ptr<EVP_PKEY_CTX, CtxFree> ctx(EVP_PKEY_CTX_new(key_.get(), nullptr));
  DhSecret secret{};
  std::size_t size = secret.size();
  if (!remote || !ctx || EVP_PKEY_derive_init(ctx.get()) != 1 || EVP_PKEY_derive_set_peer(ctx.get(), remote.get()) != 1 ||
      EVP_PKEY_derive(ctx.get(), secret.data(), &size) != 1 || size != secret.size())
    return failure("X25519 with the remote's key failed (a key of small order)");
  return secret;
}

}  // namespace libp2p::noise
