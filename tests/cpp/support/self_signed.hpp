#pragma once

// Test support: a self-signed P-256 certificate for a DNS name and
// 127.0.0.1, made with OpenSSL, PEM. Its own trust anchor: give the
// certificate as a trusted root and a client verifies the server with it.

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <memory>
#include <stdexcept>
#include <string>

namespace libp2p::test {

struct PemPair {
  std::string certificate;
  std::string private_key;
};

namespace detail {

template <class T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* p) const { Free(p); }
};
template <class T, void (*Free)(T*)>
using Owned = std::unique_ptr<T, Deleter<T, Free>>;

inline void check(bool ok, const char* what) {
  if (!ok) throw std::runtime_error(std::string("self-signed certificate: ") + what);
}

inline void add_extension(X509* cert, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
  Owned<X509_EXTENSION, X509_EXTENSION_free> ext(X509V3_EXT_conf_nid(nullptr, &ctx, nid, value));
  check(ext && X509_add_ext(cert, ext.get(), -1) == 1, "extension");
}

template <class Write>
std::string pem(Write write) {
  Owned<BIO, BIO_free_all> bio(BIO_new(BIO_s_mem()));
  check(write(bio.get()) == 1, "PEM");
  char* data = nullptr;
  const auto size = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(size));
}

}  // namespace detail

inline PemPair self_signed_certificate(const std::string& name = "localhost") {
  using namespace detail;
  Owned<EVP_PKEY, EVP_PKEY_free> key(EVP_EC_gen("P-256"));
  check(key != nullptr, "key");
  Owned<X509, X509_free> cert(X509_new());
  check(cert && X509_set_version(cert.get(), 2) == 1, "version");
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 1);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 24 * 3600);
  auto* subject = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(subject, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>(name.c_str()), -1, -1, 0);
  check(X509_set_issuer_name(cert.get(), subject) == 1 && X509_set_pubkey(cert.get(), key.get()) == 1, "names");
  add_extension(cert.get(), NID_basic_constraints, "critical,CA:TRUE");
  add_extension(cert.get(), NID_key_usage, "critical,digitalSignature,keyCertSign");
  add_extension(cert.get(), NID_subject_alt_name, ("DNS:" + name + ",IP:127.0.0.1").c_str());
  check(X509_sign(cert.get(), key.get(), EVP_sha256()) > 0, "signature");
  return {pem([&](BIO* b) { return PEM_write_bio_X509(b, cert.get()); }),
          pem([&](BIO* b) { return PEM_write_bio_PrivateKey(b, key.get(), nullptr, nullptr, 0, nullptr, nullptr); })};
}

}  // namespace libp2p::test
