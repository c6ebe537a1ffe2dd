// Secp256k1 (peer-ids spec, "Secp256k1"): Data is the 33-byte compressed point
// (a 65-byte uncompressed point is accepted too, as go-libp2p does) and the
// 32-byte scalar; a signature is the DER ECDSA signature of SHA-256(message),
// RFC 6979 nonces and low S as Bitcoin (BIP 62) and go-libp2p produce.
#include "crypto/detail/backends.hpp"
#include "libp2p/crypto/errc.hpp"

#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include <string>

namespace libp2p::crypto::detail::secp256k1 {
namespace {

constexpr std::size_t compressed_size = 33;
constexpr std::size_t uncompressed_size = 65;
constexpr std::size_t scalar_size = 32;
constexpr std::size_t max_signature_size = 72;

// The signing context, randomized once against side channels (null if that
// failed); libsecp256k1 allows concurrent use of a context through its const
// API.
const secp256k1_context* signing_context() {
  static const secp256k1_context* const ctx = [] {
    secp256k1_context* c = secp256k1_context_create(SECP256K1_CONTEXT_NONE);
    unsigned char seed[32];
    const bool seeded = c && RAND_bytes(seed, sizeof seed) == 1 && secp256k1_context_randomize(c, seed);
    OPENSSL_cleanse(seed, sizeof seed);
    if (!seeded && c) secp256k1_context_destroy(c);
    return seeded ? c : nullptr;
  }();
  return ctx;
}

std::array<unsigned char, 32> sha256(BytesView message) {
  std::array<unsigned char, 32> digest{};
  SHA256(message.data(), message.size(), digest.data());
  return digest;
}

PublicKeyState from_point(const secp256k1_pubkey& point) {
  Bytes data(compressed_size);
  std::size_t size = data.size();
  secp256k1_ec_pubkey_serialize(secp256k1_context_static, data.data(), &size, &point, SECP256K1_EC_COMPRESSED);
  return PublicKeyState{std::move(data), point};
}

Result<PrivateState> from_scalar(BytesView scalar) {
  // The scalar goes straight into the state, whose destructor wipes it.
  auto state = std::make_shared<PrivateKeyState>(Bytes(scalar.begin(), scalar.end()), Secp256k1Secret{});
  std::copy(scalar.begin(), scalar.end(), std::get<Secp256k1Secret>(state->key).scalar.begin());
  return PrivateState(std::move(state));
}

}  // namespace

Result<PublicKeyState> parse_public(BytesView data) {
  const bool compressed = data.size() == compressed_size && (data[0] == 0x02 || data[0] == 0x03);
  const bool uncompressed = data.size() == uncompressed_size && data[0] == 0x04;
  if (!compressed && !uncompressed)
    return Error(Errc::bad_public_key, "Secp256k1 public key must be a 33-byte compressed or 65-byte uncompressed "
                                       "point, not " + std::to_string(data.size()) + " bytes");
  secp256k1_pubkey point;
  if (!secp256k1_ec_pubkey_parse(secp256k1_context_static, &point, data.data(), data.size()))
    return Error(Errc::bad_public_key, "Secp256k1 public key is not a point of the curve");
  return from_point(point);
}

Result<PrivateState> parse_private(BytesView data) {
  if (data.size() != scalar_size)
    return Error(Errc::bad_private_key, "Secp256k1 private key must be 32 bytes, not " + std::to_string(data.size()));
  if (!secp256k1_ec_seckey_verify(secp256k1_context_static, data.data()))
    return Error(Errc::bad_private_key, "Secp256k1 private key is zero or not below the group order");
  return from_scalar(data);
}

Result<PrivateState> generate() {
  std::array<std::uint8_t, scalar_size> scalar{};
  // A random 32-byte string is a valid scalar but with probability ~2^-128.
  for (int attempt = 0; attempt < 16; ++attempt) {
    if (RAND_bytes(scalar.data(), scalar.size()) != 1) break;
    if (secp256k1_ec_seckey_verify(secp256k1_context_static, scalar.data())) {
      auto state = from_scalar(scalar);
      OPENSSL_cleanse(scalar.data(), scalar.size());
      return state;
    }
  }
  OPENSSL_cleanse(scalar.data(), scalar.size());
  return Error(Errc::key_generation_failed, "Secp256k1: no random bytes: " + openssl_error());
}

Result<PublicKeyState> public_of(const PrivateKeyState& key) {
  const auto* ctx = signing_context();
  if (!ctx) return Error(Errc::bad_private_key, "Secp256k1: no libsecp256k1 context");
  secp256k1_pubkey point;
  if (!secp256k1_ec_pubkey_create(ctx, &point, std::get<Secp256k1Secret>(key.key).scalar.data()))
    return Error(Errc::bad_private_key, "Secp256k1: cannot derive the public key");
  return from_point(point);
}

Result<Bytes> sign(const PrivateKeyState& key, BytesView message) {
  const auto* ctx = signing_context();
  if (!ctx) return Error(Errc::signing_failed, "Secp256k1: no libsecp256k1 context");
  const auto digest = sha256(message);
  secp256k1_ecdsa_signature signature;
  // A null nonce function selects RFC 6979, as go-libp2p's signer does.
  if (!secp256k1_ecdsa_sign(ctx, &signature, digest.data(), std::get<Secp256k1Secret>(key.key).scalar.data(),
                            nullptr, nullptr))
    return Error(Errc::signing_failed, "Secp256k1 signing failed");
  Bytes der(max_signature_size);
  std::size_t size = der.size();
  secp256k1_ecdsa_signature_serialize_der(secp256k1_context_static, der.data(), &size, &signature);
  der.resize(size);
  return der;
}

bool verify(const PublicKeyState& key, BytesView message, BytesView signature) {
  if (signature.empty()) return false;  // libsecp256k1 aborts on a null input
  secp256k1_ecdsa_signature parsed;
  if (!secp256k1_ecdsa_signature_parse_der(secp256k1_context_static, &parsed, signature.data(), signature.size()))
    return false;
  // libsecp256k1 accepts only low-S signatures; go-libp2p accepts both, so
  // normalize first (the signature stays valid for the same key and digest).
  secp256k1_ecdsa_signature_normalize(secp256k1_context_static, &parsed, &parsed);
  const auto digest = sha256(message);
  return secp256k1_ecdsa_verify(secp256k1_context_static, &parsed, digest.data(),
                                &std::get<secp256k1_pubkey>(key.key)) == 1;
}

}  // namespace libp2p::crypto::detail::secp256k1
