// Ed25519 (peer-ids spec, "Ed25519"): Data is the raw 32-byte public key, and
// the 32-byte seed followed by the public key (64 bytes) for a private key;
// older implementations appended the public key twice (96 bytes).
#include "crypto/detail/backends.hpp"
#include "libp2p/crypto/errc.hpp"

#include <openssl/crypto.h>

#include <array>
#include <string>

namespace libp2p::crypto::detail::ed25519 {
namespace {

constexpr std::size_t key_size = 32;

EVP_PKEY* pkey(const auto& state) { return std::get<EvpPkey>(state.key).get(); }

Result<Bytes> raw_public(EVP_PKEY* key) {
  Bytes out(key_size);
  std::size_t size = out.size();
  if (EVP_PKEY_get_raw_public_key(key, out.data(), &size) != 1 || size != key_size)
    return Error(Errc::bad_private_key, "Ed25519: cannot derive the public key: " + openssl_error());
  return out;
}

Result<PrivateState> from_seed(BytesView seed) {
  EvpPkey key(EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, seed.data(), seed.size()));
  if (!key) return Error(Errc::bad_private_key, "Ed25519: bad seed: " + openssl_error());
  auto pub = raw_public(key.get());
  if (!pub) return pub.error();
  Bytes data;
  data.reserve(2 * key_size);  // no reallocation may leave a copy of the seed behind
  append(data, seed);
  append(data, *pub);
  return std::make_shared<const PrivateKeyState>(std::move(data), std::move(key));
}

}  // namespace

Result<PublicKeyState> parse_public(BytesView data) {
  if (data.size() != key_size)
    return Error(Errc::bad_public_key,
                 "Ed25519 public key must be 32 bytes, not " + std::to_string(data.size()));
  EvpPkey key(EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, data.data(), data.size()));
  if (!key) return Error(Errc::bad_public_key, "Ed25519: " + openssl_error());
  return PublicKeyState{Bytes(data.begin(), data.end()), std::move(key)};
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
  EvpPkey key(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
  if (!key) return Error(Errc::key_generation_failed, "Ed25519: " + openssl_error());
  std::array<std::uint8_t, key_size> seed{};
  std::size_t size = seed.size();
  if (EVP_PKEY_get_raw_private_key(key.get(), seed.data(), &size) != 1 || size != key_size)
    return Error(Errc::key_generation_failed, "Ed25519: " + openssl_error());
  auto state = from_seed(seed);
  OPENSSL_cleanse(seed.data(), seed.size());
  return state;
}

Result<PublicKeyState> public_of(const PrivateKeyState& key) {
  return parse_public(BytesView(key.data).subspan(key_size));
}

Result<Bytes> sign(const PrivateKeyState& key, BytesView message) { return evp_sign(pkey(key), nullptr, message); }

bool verify(const PublicKeyState& key, BytesView message, BytesView signature) {
  return evp_verify(pkey(key), nullptr, message, signature);
}

}  // namespace libp2p::crypto::detail::ed25519
