#pragma once

// Builds certificates of any shape with OpenSSL directly, independently of
// tls::make_certificate, to feed the verifier the malformed and hostile ones.

#include "libp2p/common/bytes.hpp"
#include "libp2p/crypto/key_pair.hpp"
#include "libp2p/security/tls/certificate.hpp"

#include <openssl/evp.h>
#include <openssl/x509v3.h>

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace libp2p::test {

struct PkeyFree {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;

inline Pkey generate_pkey(const char* type, const char* curve = nullptr) {
  Pkey key(curve ? EVP_PKEY_Q_keygen(nullptr, nullptr, type, curve)
                 : std::string(type) == "RSA" ? EVP_PKEY_Q_keygen(nullptr, nullptr, type, std::size_t{2048})
                                              : EVP_PKEY_Q_keygen(nullptr, nullptr, type));
  if (!key) throw std::runtime_error("keygen failed");
  return key;
}

inline Bytes spki_of(EVP_PKEY* key) {
  const int size = i2d_PUBKEY(key, nullptr);
  Bytes out(static_cast<std::size_t>(size));
  unsigned char* p = out.data();
  i2d_PUBKEY(key, &p);
  return out;
}

// DER of one element with a definite length.
inline Bytes der_tlv(std::uint8_t tag, BytesView value) {
  Bytes out{tag};
  if (value.size() < 0x80) {
    out.push_back(static_cast<std::uint8_t>(value.size()));
  } else if (value.size() < 0x100) {
    out.insert(out.end(), {0x81, static_cast<std::uint8_t>(value.size())});
  } else {
    out.insert(out.end(), {0x82, static_cast<std::uint8_t>(value.size() >> 8), static_cast<std::uint8_t>(value.size())});
  }
  append(out, value);
  return out;
}

// The SignedKey DER for `public_key` (a PublicKey protobuf) and `signature`.
inline Bytes signed_key(BytesView public_key, BytesView signature) {
  Bytes body = der_tlv(0x04, public_key);
  append(body, der_tlv(0x04, signature));
  return der_tlv(0x30, body);
}

// The correct extension value: `identity` signs the certificate key.
inline Bytes signed_key_for(const crypto::KeyPair& identity, EVP_PKEY* certificate_key) {
  Bytes message = to_bytes(tls::signature_prefix);
  append(message, spki_of(certificate_key));
  return signed_key(identity.public_key().to_protobuf(), identity.sign(message).value());
}

struct CertificateSpec {
  struct Extension {
    std::string oid;
    bool critical;
    Bytes value;
  };
  std::vector<Extension> extensions;
  const EVP_MD* digest = EVP_sha256();  // nullptr for Ed25519 keys
  long not_before_offset = -3600;       // seconds from now
  long not_after_offset = 3600;
};

inline CertificateSpec::Extension libp2p_extension(Bytes value, bool critical = true) {
  return {std::string(tls::extension_oid), critical, std::move(value)};
}

// A self-signed certificate by `key` with the extensions of `spec`.
inline Bytes build_certificate(EVP_PKEY* key, const CertificateSpec& spec) {
  std::unique_ptr<X509, decltype(&X509_free)> cert(X509_new(), X509_free);
  X509_set_version(cert.get(), X509_VERSION_3);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 12345);
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("test"), -1, -1, 0);
  X509_set_issuer_name(cert.get(), name);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), spec.not_before_offset);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), spec.not_after_offset);
  X509_set_pubkey(cert.get(), key);
  for (const auto& e : spec.extensions) {
    std::unique_ptr<ASN1_OBJECT, decltype(&ASN1_OBJECT_free)> oid(OBJ_txt2obj(e.oid.c_str(), 1), ASN1_OBJECT_free);
    std::unique_ptr<ASN1_OCTET_STRING, decltype(&ASN1_OCTET_STRING_free)> data(ASN1_OCTET_STRING_new(),
                                                                              ASN1_OCTET_STRING_free);
    ASN1_OCTET_STRING_set(data.get(), e.value.data(), static_cast<int>(e.value.size()));
    std::unique_ptr<X509_EXTENSION, decltype(&X509_EXTENSION_free)> ext(
        X509_EXTENSION_create_by_OBJ(nullptr, oid.get(), e.critical, data.get()), X509_EXTENSION_free);
    X509_add_ext(cert.get(), ext.get(), -1);
  }
  if (X509_sign(cert.get(), key, spec.digest) <= 0) throw std::runtime_error("X509_sign failed");
  const int size = i2d_X509(cert.get(), nullptr);
  Bytes der(static_cast<std::size_t>(size));
  unsigned char* p = der.data();
  i2d_X509(cert.get(), &p);
  return der;
}

}  // namespace libp2p::test
