// Fuzzes the libp2p TLS certificate verifier: never crashes. The first byte
// picks what the rest is:
//   even: a whole DER certificate;
//   odd:  the libp2p extension's value (the SignedKey) in an otherwise valid
//         certificate, self-signed by a fixed P-256 key, so the fuzzer
//         reaches the SignedKey and host key parsers past the certificate's own checks.
// An accepted certificate verifies again to the same key.
#include "libp2p/security/tls/certificate.hpp"

#include <openssl/evp.h>
#include <openssl/x509v3.h>

#include <cstdlib>
#include <memory>
#include <string>

namespace {

using namespace libp2p;

// Inside the validity of every certificate we build, and of the spec's vectors.
const tls::Time fuzz_time{std::chrono::seconds(1700000000)};

EVP_PKEY* certificate_key() {
  static EVP_PKEY* const key = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
  return key;
}

// A self-signed certificate whose libp2p extension holds `value`.
Bytes certificate_with_extension(BytesView value) {
  std::unique_ptr<X509, decltype(&X509_free)> cert(X509_new(), X509_free);
  X509_set_version(cert.get(), X509_VERSION_3);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 1);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -1000000000L);
  X509_time_adj_ex(X509_getm_notAfter(cert.get()), 36500, 0, nullptr);
  X509_set_pubkey(cert.get(), certificate_key());
  std::unique_ptr<ASN1_OBJECT, decltype(&ASN1_OBJECT_free)> oid(OBJ_txt2obj(std::string(tls::extension_oid).c_str(), 1),
                                                                ASN1_OBJECT_free);
  std::unique_ptr<ASN1_OCTET_STRING, decltype(&ASN1_OCTET_STRING_free)> data(ASN1_OCTET_STRING_new(),
                                                                            ASN1_OCTET_STRING_free);
  ASN1_OCTET_STRING_set(data.get(), value.data(), static_cast<int>(value.size()));
  std::unique_ptr<X509_EXTENSION, decltype(&X509_EXTENSION_free)> ext(
      X509_EXTENSION_create_by_OBJ(nullptr, oid.get(), 1, data.get()), X509_EXTENSION_free);
  X509_add_ext(cert.get(), ext.get(), -1);
  if (X509_sign(cert.get(), certificate_key(), EVP_sha256()) <= 0) std::abort();
  unsigned char* der = nullptr;
  const int size = i2d_X509(cert.get(), &der);
  if (size <= 0) std::abort();
  Bytes out(der, der + size);
  OPENSSL_free(der);
  return out;
}

void verify(BytesView der) {
  auto key = tls::verify_certificate(der, fuzz_time);
  if (key) {
    auto again = tls::verify_certificate(der, fuzz_time);
    if (!again || !(*again == *key)) std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const BytesView rest(data + 1, size - 1);
  if (data[0] % 2 == 0)
    verify(rest);
  else
    verify(certificate_with_extension(rest));
  return 0;
}
