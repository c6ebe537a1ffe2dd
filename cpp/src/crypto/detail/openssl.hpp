#pragma once

// Thin RAII and error helpers over OpenSSL 3's EVP interface.

#include "libp2p/common/bytes.hpp"
#include "libp2p/common/error.hpp"
#include "libp2p/crypto/errc.hpp"

#include <openssl/evp.h>

#include <memory>
#include <string>

namespace libp2p::crypto::detail {

struct EvpPkeyFree {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
using EvpPkey = std::unique_ptr<EVP_PKEY, EvpPkeyFree>;

// The reason of the most recent OpenSSL failure ("no details" if none), and an
// empty error queue afterwards.
std::string openssl_error();

// DER of a private key in its type-specific structure (PKCS#1 for RSA, SEC1
// for EC).
Result<Bytes> encode_private_der(EVP_PKEY* key);

// A DER private key in the type-specific structure of `key_name` ("RSA",
// "EC"), all of `der`.
Result<EvpPkey> decode_private_der(BytesView der, const char* key_name);

// A key of algorithm `name` ("RSA", "EC") from OSSL_PARAMs (EVP_PKEY_fromdata);
// failures are reported with `errc`.
Result<EvpPkey> key_from_params(const char* name, int selection, const OSSL_PARAM* params, Errc errc);

// Public keys from their numbers, without OpenSSL 3.0's (slow) DER decoders;
// the imports check them (an EC point must be on the curve):
// - EC: `group` as OpenSSL names it ("prime256v1", "secp384r1"), `point`
//   in SEC1 form;
// - RSA: big-endian magnitudes n and e;
// - Ed25519: its 32 bytes.
Result<EvpPkey> ec_public_key(const char* group, BytesView point);
Result<EvpPkey> rsa_public_key(BytesView n, BytesView e);
Result<EvpPkey> ed25519_public_key(BytesView raw);

// Signs with EVP_DigestSign; md is nullptr for Ed25519.
Result<Bytes> evp_sign(EVP_PKEY* key, const EVP_MD* md, BytesView message);
bool evp_verify(EVP_PKEY* key, const EVP_MD* md, BytesView message, BytesView signature);

// Wipes `bytes` (OPENSSL_cleanse), for buffers that held secrets.
void cleanse(Bytes& bytes);

}  // namespace libp2p::crypto::detail
