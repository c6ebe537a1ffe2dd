// RSA (peer-ids spec, "RSA"): Data is the DER SubjectPublicKeyInfo and the DER
// PKCS#1 RSAPrivateKey; a signature is RSASSA-PKCS1-v1_5 with SHA-256. As
// go-libp2p, moduli below 2048 or above 8192 bits are refused.
#include "crypto/detail/backends.hpp"
#include "crypto/detail/der.hpp"
#include "libp2p/crypto/errc.hpp"
#include "libp2p/crypto/private_key.hpp"

#include <openssl/bn.h>
#include <openssl/core_names.h>

#include <algorithm>
#include <bit>
#include <memory>
#include <utility>
#include <string>

namespace libp2p::crypto::detail::rsa {
namespace {

// Bounds on the DER of an 8192-bit key (about 1063 and 4656 bytes), checked
// before parsing.
constexpr std::size_t max_public_size = 1100;
constexpr std::size_t max_private_size = 5000;
// go's crypto/rsa refuses public exponents that do not fit 31 bits.
constexpr BN_ULONG max_exponent = 0x7fffffff;

EVP_PKEY* pkey(const auto& state) { return std::get<EvpPkey>(state.key).get(); }

// The modulus size must be in [min_rsa_bits, max_rsa_bits].
Result<void> check_bits(std::size_t bits) {
  if (bits >= PrivateKey::min_rsa_bits && bits <= PrivateKey::max_rsa_bits) return {};
  return Error(Errc::bad_key_size, "RSA modulus of " + std::to_string(bits) + " bits is outside [" +
                                       std::to_string(PrivateKey::min_rsa_bits) + ", " +
                                       std::to_string(PrivateKey::max_rsa_bits) + "]");
}

std::size_t modulus_bits(EVP_PKEY* key) { return static_cast<std::size_t>(std::max(EVP_PKEY_get_bits(key), 0)); }

// A canonical big-endian magnitude (no leading zero byte).
std::size_t bit_length(BytesView magnitude) {
  if (magnitude.empty()) return 0;
  return 8 * magnitude.size() - static_cast<std::size_t>(std::countl_zero(magnitude[0]));
}

bool exponent_in_range(BytesView e) {
  if (e.size() > 4) return false;
  std::uint64_t value = 0;
  for (auto byte : e) value = value << 8 | byte;
  return value >= 3 && value <= max_exponent && (value & 1) == 1;
}

struct BnFree {
  void operator()(BIGNUM* p) const { BN_clear_free(p); }
};
using Bn = std::unique_ptr<BIGNUM, BnFree>;

Bn param(EVP_PKEY* key, const char* name) {
  BIGNUM* out = nullptr;
  EVP_PKEY_get_bn_param(key, name, &out);
  return Bn(out);
}

Bytes magnitude(const BIGNUM* bn) {
  Bytes out(static_cast<std::size_t>(BN_num_bytes(bn)));
  BN_bn2bin(bn, out.data());
  return out;
}

// The checks of go's rsa.PrivateKey.Validate, without the primality tests
// (too slow to run on every load): n = p·q, d·e ≡ 1 mod p-1 and mod q-1, and
// the CRT values derived from them.
bool parts_fit(EVP_PKEY* key) {
  const Bn n = param(key, OSSL_PKEY_PARAM_RSA_N), e = param(key, OSSL_PKEY_PARAM_RSA_E),
           d = param(key, OSSL_PKEY_PARAM_RSA_D), p = param(key, OSSL_PKEY_PARAM_RSA_FACTOR1),
           q = param(key, OSSL_PKEY_PARAM_RSA_FACTOR2), dp = param(key, OSSL_PKEY_PARAM_RSA_EXPONENT1),
           dq = param(key, OSSL_PKEY_PARAM_RSA_EXPONENT2), qinv = param(key, OSSL_PKEY_PARAM_RSA_COEFFICIENT1);
  std::unique_ptr<BN_CTX, decltype(&BN_CTX_free)> ctx(BN_CTX_new(), &BN_CTX_free);
  const Bn product(BN_new()), de(BN_new()), r(BN_new()), prime_minus_1(BN_new());
  if (!n || !e || !d || !p || !q || !dp || !dq || !qinv || !ctx || !product || !de || !r || !prime_minus_1) return false;
  if (BN_cmp(p.get(), BN_value_one()) <= 0 || BN_cmp(q.get(), BN_value_one()) <= 0) return false;
  if (!BN_mul(product.get(), p.get(), q.get(), ctx.get()) || BN_cmp(product.get(), n.get()) != 0) return false;
  if (!BN_mul(de.get(), d.get(), e.get(), ctx.get())) return false;
  for (const auto& [prime, exponent] : {std::pair{p.get(), dp.get()}, std::pair{q.get(), dq.get()}}) {
    if (!BN_sub(prime_minus_1.get(), prime, BN_value_one()) ||
        !BN_mod(r.get(), de.get(), prime_minus_1.get(), ctx.get()) || !BN_is_one(r.get()) ||
        !BN_mod(r.get(), d.get(), prime_minus_1.get(), ctx.get()) || BN_cmp(r.get(), exponent) != 0)
      return false;
  }
  return BN_mod_mul(r.get(), qinv.get(), q.get(), p.get(), ctx.get()) && BN_is_one(r.get());
}

Result<PrivateState> from_key(EvpPkey key) {
  auto data = encode_private_der(key.get());
  if (!data) return data.error();
  return std::make_shared<const PrivateKeyState>(std::move(*data), std::move(key));
}

}  // namespace

Result<PublicKeyState> parse_public(BytesView data) {
  if (data.size() > max_public_size)
    return Error(Errc::bad_key_size,
                 "RSA public key of " + std::to_string(data.size()) + " bytes is larger than an 8192-bit key");
  auto numbers = read_rsa_spki(data);
  if (!numbers) return Error(Errc::bad_public_key, "RSA public key is not a DER SubjectPublicKeyInfo of an RSA key");
  if (!equal(rsa_spki(numbers->n, numbers->e), data))
    return Error(Errc::bad_public_key, "RSA public key is not in canonical DER");
  if (auto bits = check_bits(bit_length(numbers->n)); !bits) return bits.error();
  if (!exponent_in_range(numbers->e))
    return Error(Errc::bad_public_key, "RSA public exponent must be odd and in [3, 2^31-1]");
  auto key = rsa_public_key(numbers->n, numbers->e);
  if (!key) return key.error();
  return PublicKeyState{Bytes(data.begin(), data.end()), std::move(*key)};
}

Result<PrivateState> parse_private(BytesView data) {
  if (data.size() > max_private_size)
    return Error(Errc::bad_key_size,
                 "RSA private key of " + std::to_string(data.size()) + " bytes is larger than an 8192-bit key");
  if (!opens_with_version(data, 0, 0x02))
    return Error(Errc::bad_private_key, "RSA private key is not a DER PKCS#1 RSAPrivateKey (two-prime, version 0)");
  auto key = decode_private_der(data, "RSA");
  if (!key) return prefixed("RSA private key (PKCS#1 RSAPrivateKey)", key.error());
  if (auto bits = check_bits(modulus_bits(key->get())); !bits) return bits.error();
  const Bn e = param(key->get(), OSSL_PKEY_PARAM_RSA_E);
  if (!e || !exponent_in_range(magnitude(e.get())))
    return Error(Errc::bad_private_key, "RSA public exponent must be odd and in [3, 2^31-1]");
  if (!parts_fit(key->get()))
    return Error(Errc::bad_private_key, "RSA private key: its primes, exponents and CRT values do not fit together");
  return from_key(std::move(*key));
}

Result<PrivateState> generate(std::size_t bits) {
  if (auto checked = check_bits(bits); !checked) return checked.error();
  EvpPkey key(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", bits));
  if (!key) return Error(Errc::key_generation_failed, "RSA: " + openssl_error());
  return from_key(std::move(key));
}

Result<PublicKeyState> public_of(const PrivateKeyState& key) {
  const Bn n = param(pkey(key), OSSL_PKEY_PARAM_RSA_N), e = param(pkey(key), OSSL_PKEY_PARAM_RSA_E);
  if (!n || !e) return Error(Errc::bad_private_key, "RSA: no public numbers: " + openssl_error());
  return parse_public(rsa_spki(magnitude(n.get()), magnitude(e.get())));
}

Result<Bytes> sign(const PrivateKeyState& key, BytesView message) {
  return evp_sign(pkey(key), EVP_sha256(), message);
}

bool verify(const PublicKeyState& key, BytesView message, BytesView signature) {
  return evp_verify(pkey(key), EVP_sha256(), message, signature);
}

}  // namespace libp2p::crypto::detail::rsa
