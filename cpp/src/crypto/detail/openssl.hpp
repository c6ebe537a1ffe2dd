#pragma once

// Thin RAII and error helpers over OpenSSL 3's EVP interface.

#include "libp2p/common/bytes.hpp"
#include "libp2p/common/error.hpp"

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

// DER SubjectPublicKeyInfo of a key; DER of a private key in its type-specific
// structure (PKCS#1 for RSA, SEC1 for EC).
Result<Bytes> encode_public_der(EVP_PKEY* key);
Result<Bytes> encode_private_der(EVP_PKEY* key);

// A DER SubjectPublicKeyInfo that must be all of `der` and of `base_id`.
Result<EvpPkey> decode_public_der(BytesView der, int base_id);
// A DER private key in the type-specific structure of `key_name` ("RSA",
// "EC"), all of `der`.
Result<EvpPkey> decode_private_der(BytesView der, const char* key_name);

// Signs with EVP_DigestSign; md is nullptr for Ed25519.
Result<Bytes> evp_sign(EVP_PKEY* key, const EVP_MD* md, BytesView message);
bool evp_verify(EVP_PKEY* key, const EVP_MD* md, BytesView message, BytesView signature);

// Wipes `bytes` (OPENSSL_cleanse), for buffers that held secrets.
void cleanse(Bytes& bytes);

}  // namespace libp2p::crypto::detail
