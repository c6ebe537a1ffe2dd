#include "security/tls/detail/verify.hpp"

#include "crypto/detail/openssl.hpp"
#include "libp2p/security/errc.hpp"
#include "security/tls/detail/signed_key.hpp"

#include <openssl/objects.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <array>
#include <ctime>
#include <string>

namespace libp2p::tls::detail {
namespace {

using security::Errc;

// The DER contents of the OID 1.3.6.1.4.1.53594.1.1.
constexpr std::array<std::uint8_t, 10> extension_oid_der{0x2b, 0x06, 0x01, 0x04, 0x01, 0x83, 0xa2, 0x5a, 0x01, 0x01};

bool is_libp2p_extension(X509_EXTENSION* ext) {
  const ASN1_OBJECT* oid = X509_EXTENSION_get_object(ext);
  const int length = OBJ_length(oid);
  return length == static_cast<int>(extension_oid_der.size()) &&
         std::equal(extension_oid_der.begin(), extension_oid_der.end(), OBJ_get0_data(oid));
}

std::string oid_text(X509_EXTENSION* ext) {
  char text[128];
  OBJ_obj2txt(text, sizeof text, X509_EXTENSION_get_object(ext), 1);
  return text;
}

Result<void> check_validity(const X509* cert, Time now) {
  const std::time_t t = static_cast<std::time_t>(now.time_since_epoch().count());
  const int before = ASN1_TIME_cmp_time_t(X509_get0_notBefore(cert), t);
  const int after = ASN1_TIME_cmp_time_t(X509_get0_notAfter(cert), t);
  if (before == -2 || after == -2) return Error(Errc::bad_certificate, "malformed validity times");
  if (before > 0) return Error(Errc::certificate_not_yet_valid, "the certificate's NotBefore is in the future");
  if (after < 0) return Error(Errc::certificate_expired, "the certificate's NotAfter is in the past");
  return {};
}

// The libp2p extension's value; unknown critical extensions fail (tls/tls.md:
// "Endpoints MUST abort ... critical extensions that the endpoint does not
// understand"). Critical extensions OpenSSL implements (basicConstraints,
// keyUsage...) pass, as in go-libp2p.
Result<BytesView> find_key_extension(const X509* cert) {
  const ASN1_OCTET_STRING* found = nullptr;
  const int count = X509_get_ext_count(cert);
  for (int i = 0; i < count; ++i) {
    X509_EXTENSION* ext = X509_get_ext(cert, i);
    if (is_libp2p_extension(ext)) {
      if (found) return Error(Errc::bad_certificate, "the libp2p public key extension appears twice");
      found = X509_EXTENSION_get_data(ext);
    } else if (X509_EXTENSION_get_critical(ext) && !X509_supported_extension(ext)) {
      return Error(Errc::unsupported_critical_extension, "unknown critical extension " + oid_text(ext));
    }
  }
  if (!found) return Error(Errc::missing_key_extension, "no extension " + std::string(extension_oid));
  return BytesView(ASN1_STRING_get0_data(found), static_cast<std::size_t>(ASN1_STRING_length(found)));
}

// The self-signature, with a hash of at least 128 bits of security (no MD5,
// no SHA-1, as go-libp2p and rust-libp2p refuse them too).
Result<void> check_self_signature(X509* cert) {
  int md = 0, pk = 0, bits = 0;
  std::uint32_t flags = 0;
  if (X509_get_signature_info(cert, &md, &pk, &bits, &flags) != 1 || !(flags & X509_SIG_INFO_VALID)) {
    crypto::detail::openssl_error();
    return Error(Errc::bad_certificate, "unsupported signature algorithm");
  }
  if (bits < 128)
    return Error(Errc::bad_certificate, "signature algorithm of " + std::to_string(bits) + " bits of security, below 128");
  EVP_PKEY* key = X509_get0_pubkey(cert);
  if (!key) return Error(Errc::bad_certificate, "unsupported public key: " + crypto::detail::openssl_error());
  if (X509_verify(cert, key) != 1)
    return Error(Errc::bad_certificate, "the self-signature does not verify: " + crypto::detail::openssl_error());
  return {};
}

// The host key, if it signed "libp2p-tls-handshake:" || SubjectPublicKeyInfo.
Result<crypto::PublicKey> check_signed_key(X509* cert, BytesView extension) {
  auto signed_key = decode_signed_key(extension);
  if (!signed_key) return signed_key.error();
  auto host_key = crypto::PublicKey::from_protobuf(signed_key->public_key);
  if (!host_key) return Error(Errc::bad_payload, "the extension's host key: " + host_key.error().what());

  const int spki_size = i2d_X509_PUBKEY(X509_get_X509_PUBKEY(cert), nullptr);
  if (spki_size <= 0) return Error(Errc::bad_certificate, "cannot encode the certificate's public key");
  Bytes message(signature_prefix.size() + static_cast<std::size_t>(spki_size));
  std::copy(signature_prefix.begin(), signature_prefix.end(), message.begin());
  unsigned char* p = message.data() + signature_prefix.size();
  i2d_X509_PUBKEY(X509_get_X509_PUBKEY(cert), &p);

  if (!host_key->verify(message, signed_key->signature))
    return Error(Errc::bad_signature, "the host key's signature of the certificate key does not verify");
  return *host_key;
}

}  // namespace

Result<crypto::PublicKey> verify_chain(std::size_t chain_length, X509* leaf, Time now) {
  // tls/tls.md: "Endpoints MUST abort the connection attempt if more than one
  // certificate is received".
  if (chain_length != 1 || !leaf)
    return Error(Errc::bad_certificate, "a chain of " + std::to_string(chain_length) + " certificates instead of one");
  const ASN1_BIT_STRING* issuer_uid = nullptr;
  const ASN1_BIT_STRING* subject_uid = nullptr;
  X509_get0_uids(leaf, &issuer_uid, &subject_uid);
  if (issuer_uid || subject_uid) return Error(Errc::bad_certificate, "deprecated issuer/subject unique id present");
  if (auto r = check_validity(leaf, now); !r) return r.error();
  auto extension = find_key_extension(leaf);
  if (!extension) return extension.error();
  if (auto r = check_self_signature(leaf); !r) return r.error();
  return check_signed_key(leaf, *extension);
}

}  // namespace libp2p::tls::detail
