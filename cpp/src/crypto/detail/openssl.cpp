#include "crypto/detail/openssl.hpp"

#include "libp2p/crypto/errc.hpp"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/decoder.h>
#include <openssl/err.h>
#include <openssl/param_build.h>
#include <openssl/x509.h>

namespace libp2p::crypto::detail {
namespace {

struct EvpMdCtxFree {
  void operator()(EVP_MD_CTX* p) const { EVP_MD_CTX_free(p); }
};
using EvpMdCtx = std::unique_ptr<EVP_MD_CTX, EvpMdCtxFree>;

struct DecoderCtxFree {
  void operator()(OSSL_DECODER_CTX* p) const { OSSL_DECODER_CTX_free(p); }
};
using DecoderCtx = std::unique_ptr<OSSL_DECODER_CTX, DecoderCtxFree>;

// EVP_DigestSign/Verify want a non-null pointer even for an empty message.
const unsigned char* data_or_empty(BytesView b) {
  static const unsigned char empty = 0;
  return b.empty() ? &empty : b.data();
}

template <class Encode>
Result<Bytes> encode_with(EVP_PKEY* key, Encode encode, Errc errc) {
  const int size = encode(key, nullptr);
  if (size <= 0) return Error(errc, "cannot encode the key: " + openssl_error());
  Bytes out(static_cast<std::size_t>(size));
  unsigned char* p = out.data();
  if (encode(key, &p) != size) {
    cleanse(out);
    return Error(errc, "cannot encode the key: " + openssl_error());
  }
  return out;
}

}  // namespace

std::string openssl_error() {
  unsigned long code = 0;
  unsigned long last = 0;
  while ((code = ERR_get_error()) != 0) last = code;
  if (last == 0) return "no details";
  char buf[256];
  ERR_error_string_n(last, buf, sizeof buf);
  return buf;
}

void cleanse(Bytes& bytes) {
  if (!bytes.empty()) OPENSSL_cleanse(bytes.data(), bytes.size());
}

Result<Bytes> encode_private_der(EVP_PKEY* key) {
  return encode_with(key, [](EVP_PKEY* k, unsigned char** p) { return i2d_PrivateKey(k, p); }, Errc::bad_private_key);
}

Result<EvpPkey> decode_private_der(BytesView der, const char* key_name) {
  EVP_PKEY* raw = nullptr;
  DecoderCtx ctx(OSSL_DECODER_CTX_new_for_pkey(&raw, "DER", "type-specific", key_name, EVP_PKEY_KEYPAIR, nullptr, nullptr));
  if (!ctx) return Error(Errc::bad_private_key, "no DER decoder: " + openssl_error());
  const unsigned char* p = der.data();
  std::size_t left = der.size();
  const bool ok = OSSL_DECODER_from_data(ctx.get(), &p, &left) == 1;
  EvpPkey key(raw);
  if (!ok || !key) return Error(Errc::bad_private_key, "not a DER private key: " + openssl_error());
  if (left != 0) return Error(Errc::bad_private_key, "bytes after the DER private key");
  ERR_clear_error();  // the decoders that did not match leave their errors behind
  return key;
}

Result<EvpPkey> key_from_params(const char* name, int selection, const OSSL_PARAM* params, Errc errc) {
  std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> ctx(EVP_PKEY_CTX_new_from_name(nullptr, name, nullptr),
                                                                   &EVP_PKEY_CTX_free);
  EVP_PKEY* raw = nullptr;
  if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
      EVP_PKEY_fromdata(ctx.get(), &raw, selection, const_cast<OSSL_PARAM*>(params)) != 1)
    return Error(errc, std::string(name) + " key: " + openssl_error());
  return EvpPkey(raw);
}

Result<EvpPkey> ec_public_key(const char* group, BytesView point) {
  const OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME, const_cast<char*>(group), 0),
      OSSL_PARAM_construct_octet_string(OSSL_PKEY_PARAM_PUB_KEY, const_cast<std::uint8_t*>(point.data()), point.size()),
      OSSL_PARAM_construct_end()};
  return key_from_params("EC", EVP_PKEY_PUBLIC_KEY, params, Errc::bad_public_key);
}

Result<EvpPkey> rsa_public_key(BytesView n, BytesView e) {
  using Bn = std::unique_ptr<BIGNUM, decltype(&BN_free)>;
  const Bn bn_n(BN_bin2bn(n.data(), static_cast<int>(n.size()), nullptr), &BN_free);
  const Bn bn_e(BN_bin2bn(e.data(), static_cast<int>(e.size()), nullptr), &BN_free);
  std::unique_ptr<OSSL_PARAM_BLD, decltype(&OSSL_PARAM_BLD_free)> build(OSSL_PARAM_BLD_new(), &OSSL_PARAM_BLD_free);
  if (!bn_n || !bn_e || !build || !OSSL_PARAM_BLD_push_BN(build.get(), OSSL_PKEY_PARAM_RSA_N, bn_n.get()) ||
      !OSSL_PARAM_BLD_push_BN(build.get(), OSSL_PKEY_PARAM_RSA_E, bn_e.get()))
    return Error(Errc::bad_public_key, "RSA: " + openssl_error());
  std::unique_ptr<OSSL_PARAM, decltype(&OSSL_PARAM_free)> params(OSSL_PARAM_BLD_to_param(build.get()), &OSSL_PARAM_free);
  return key_from_params("RSA", EVP_PKEY_PUBLIC_KEY, params.get(), Errc::bad_public_key);
}

Result<EvpPkey> ed25519_public_key(BytesView raw) {
  EvpPkey key(EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, raw.data(), raw.size()));
  if (!key) return Error(Errc::bad_public_key, "Ed25519: " + openssl_error());
  return key;
}

Result<Bytes> evp_sign(EVP_PKEY* key, const EVP_MD* md, BytesView message) {
  EvpMdCtx ctx(EVP_MD_CTX_new());
  std::size_t size = 0;
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, md, nullptr, key) != 1 ||
      EVP_DigestSign(ctx.get(), nullptr, &size, data_or_empty(message), message.size()) != 1)
    return Error(Errc::signing_failed, "cannot start signing: " + openssl_error());
  Bytes signature(size);
  if (EVP_DigestSign(ctx.get(), signature.data(), &size, data_or_empty(message), message.size()) != 1)
    return Error(Errc::signing_failed, openssl_error());
  signature.resize(size);
  return signature;
}

bool evp_verify(EVP_PKEY* key, const EVP_MD* md, BytesView message, BytesView signature) {
  EvpMdCtx ctx(EVP_MD_CTX_new());
  const bool ok = ctx && EVP_DigestVerifyInit(ctx.get(), nullptr, md, nullptr, key) == 1 &&
                  EVP_DigestVerify(ctx.get(), data_or_empty(signature), signature.size(), data_or_empty(message),
                                   message.size()) == 1;
  if (!ok) ERR_clear_error();
  return ok;
}

}  // namespace libp2p::crypto::detail
