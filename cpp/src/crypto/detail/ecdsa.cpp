// ECDSA on NIST P-256 (peer-ids spec, "ECDSA"): Data is the DER
// SubjectPublicKeyInfo of the uncompressed point, and for a private key the
// DER SEC1 ECPrivateKey with the named curve and the public key (what
// go-libp2p's x509.MarshalECPrivateKey writes); a signature is the DER ECDSA
// signature of SHA-256(message).
#include "crypto/detail/backends.hpp"
#include "crypto/detail/der.hpp"
#include "libp2p/crypto/errc.hpp"

#include <openssl/bn.h>
#include <openssl/core_names.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <string>

namespace libp2p::crypto::detail::ecdsa {
namespace {

// SEQUENCE { SEQUENCE { id-ecPublicKey, prime256v1 }, BIT STRING (0 unused) },
// followed by the 65-byte uncompressed point 04 || X || Y.
constexpr std::array<std::uint8_t, 26> spki_prefix = {
    0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01,
    0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07, 0x03, 0x42, 0x00};
constexpr std::size_t spki_size = spki_prefix.size() + 65;
// A SEC1 P-256 private key with its curve and public key is 121 bytes.
constexpr std::size_t max_private_size = 256;

EVP_PKEY* pkey(const auto& state) { return std::get<EvpPkey>(state.key).get(); }

bool is_p256(EVP_PKEY* key) {
  char name[64] = {};
  std::size_t size = 0;
  return EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, name, sizeof name, &size) == 1 &&
         std::strcmp(name, "prime256v1") == 0;
}

// The private scalar and the public point must belong together.
bool is_consistent(EVP_PKEY* key) {
  std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, key, nullptr),
                                                                   &EVP_PKEY_CTX_free);
  return ctx && EVP_PKEY_pairwise_check(ctx.get()) == 1;
}

Result<PrivateState> from_key(EvpPkey key) {
  auto data = encode_private_der(key.get());
  if (!data) return data.error();
  return std::make_shared<const PrivateKeyState>(std::move(*data), std::move(key));
}

}  // namespace

Result<PublicKeyState> parse_public(BytesView data) {
  if (data.size() != spki_size || !std::equal(spki_prefix.begin(), spki_prefix.end(), data.begin()) ||
      data[spki_prefix.size()] != 0x04)
    return Error(Errc::bad_public_key,
                 "ECDSA public key must be the 91-byte DER SubjectPublicKeyInfo of an uncompressed P-256 point");
  auto key = ec_public_key("prime256v1", data.subspan(spki_prefix.size()));
  if (!key) return prefixed("ECDSA public key", key.error());
  return PublicKeyState{Bytes(data.begin(), data.end()), std::move(*key)};
}

Result<PrivateState> parse_private(BytesView data) {
  if (data.size() > max_private_size)
    return Error(Errc::bad_private_key, "ECDSA private key of " + std::to_string(data.size()) +
                                            " bytes is too long for a P-256 SEC1 key");
  if (!opens_with_version(data, 1, 0x04))
    return Error(Errc::bad_private_key, "ECDSA private key is not a DER SEC1 ECPrivateKey (version 1)");
  auto key = decode_private_der(data, "EC");
  if (!key) return prefixed("ECDSA private key (SEC1 ECPrivateKey)", key.error());
  if (!is_p256(key->get())) return Error(Errc::bad_private_key, "ECDSA private key is not on curve P-256");
  if (!is_consistent(key->get()))
    return Error(Errc::bad_private_key, "ECDSA private key: the public key does not match the private scalar");
  return from_key(std::move(*key));
}

Result<PrivateState> generate() {
  EvpPkey key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
  if (!key) return Error(Errc::key_generation_failed, "ECDSA P-256: " + openssl_error());
  return from_key(std::move(key));
}

Result<PublicKeyState> public_of(const PrivateKeyState& key) {
  Bytes der(spki_prefix.begin(), spki_prefix.end());
  der.push_back(0x04);
  for (const char* coordinate : {OSSL_PKEY_PARAM_EC_PUB_X, OSSL_PKEY_PARAM_EC_PUB_Y}) {
    BIGNUM* value = nullptr;
    const bool ok = EVP_PKEY_get_bn_param(pkey(key), coordinate, &value) == 1;
    std::array<std::uint8_t, 32> bytes{};
    const bool fits = ok && BN_bn2binpad(value, bytes.data(), bytes.size()) == static_cast<int>(bytes.size());
    BN_free(value);
    if (!fits) return Error(Errc::bad_private_key, "ECDSA: cannot derive the public key: " + openssl_error());
    append(der, bytes);
  }
  return parse_public(der);
}

Result<Bytes> sign(const PrivateKeyState& key, BytesView message) {
  return evp_sign(pkey(key), EVP_sha256(), message);
}

bool verify(const PublicKeyState& key, BytesView message, BytesView signature) {
  return evp_verify(pkey(key), EVP_sha256(), message, signature);
}

}  // namespace libp2p::crypto::detail::ecdsa
