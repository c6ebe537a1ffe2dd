// Ed25519 (peer-ids spec, "Ed25519"): Data is the raw 32-byte public key, and
// the 32-byte seed followed by the public key (64 bytes) for a private key;
// older implementations appended the public key twice (96 bytes). Those 64
// bytes are libsodium's secret key as they are, so Data is all a key holds.
#include "crypto/detail/backends.hpp"
#include "crypto/detail/sodium.hpp"
#include "libp2p/crypto/errc.hpp"

#include <string>

namespace libp2p::crypto::detail::ed25519 {
namespace {

static_assert(crypto_sign_PUBLICKEYBYTES == 32 && crypto_sign_SEEDBYTES == 32 && crypto_sign_SECRETKEYBYTES == 64);
constexpr std::size_t key_size = 32;

Result<PrivateState> from_seed(BytesView seed) {
  ensure_sodium();
  Bytes secret(crypto_sign_SECRETKEYBYTES);
  std::uint8_t pub[crypto_sign_PUBLICKEYBYTES];
  if (crypto_sign_seed_keypair(pub, secret.data(), seed.data()) != 0)
    return Error(Errc::bad_private_key, "Ed25519: cannot derive the key pair of the seed");
  return std::make_shared<const PrivateKeyState>(std::move(secret), std::monostate{});
}

}  // namespace

Result<PublicKeyState> parse_public(BytesView data) {
  if (data.size() != key_size)
    return Error(Errc::bad_public_key,
                 "Ed25519 public key must be 32 bytes, not " + std::to_string(data.size()));
  return PublicKeyState{Bytes(data.begin(), data.end()), std::monostate{}};
}

Result<PrivateState> parse_private(BytesView data) {
  if (data.size() != 2 * key_size && data.size() != 3 * key_size)
    return Error(Errc::bad_private_key,
                 "Ed25519 private key must be 64 or 96 bytes, not " + std::to_string(data.size()));
  const auto seed = data.first(key_size);
  const auto pub = data.subspan(key_size, key_size);
  if (data.size() == 3 * key_size && !equal(pub, data.subspan(2 * key_size)))
    return Error(Errc::bad_private_key, "Ed25519 96-byte private key: the two copies of the public key differ");
  auto state = from_seed(seed);
  if (!state) return state;
  if (!equal(BytesView((*state)->data).subspan(key_size), pub))
    return Error(Errc::bad_private_key, "Ed25519 private key: the public key does not belong to the seed");
  return state;
}

Result<PrivateState> generate() {
  ensure_sodium();
  std::uint8_t seed[crypto_sign_SEEDBYTES];
  randombytes_buf(seed, sizeof seed);
  auto state = from_seed(BytesView(seed, sizeof seed));
  sodium_memzero(seed, sizeof seed);
  return state;
}

Result<PublicKeyState> public_of(const PrivateKeyState& key) {
  return parse_public(BytesView(key.data).subspan(key_size));
}

Result<Bytes> sign(const PrivateKeyState& key, BytesView message) {
  Bytes signature(crypto_sign_BYTES);
  if (crypto_sign_detached(signature.data(), nullptr, message.data(), message.size(), key.data.data()) != 0)
    return Error(Errc::signing_failed, "Ed25519: signing failed");
  return signature;
}

// libsodium also refuses non-canonical signatures and public keys of small
// order, which no honest signer makes (RFC 8032 §5.1.7 leaves them open).
bool verify(const PublicKeyState& key, BytesView message, BytesView signature) {
  ensure_sodium();
  return signature.size() == crypto_sign_BYTES &&
         crypto_sign_verify_detached(signature.data(), message.data(), message.size(), key.data.data()) == 0;
}

}  // namespace libp2p::crypto::detail::ed25519
