#include "libp2p/security/tls/certificate.hpp"

#include "crypto/detail/openssl.hpp"
#include "libp2p/security/errc.hpp"
#include "security/tls/detail/openssl.hpp"
#include "security/tls/detail/signed_key.hpp"

#include <openssl/bn.h>
#include <openssl/rand.h>
#include <openssl/x509v3.h>

#include <array>

namespace libp2p::tls {
namespace {

using crypto::detail::openssl_error;
using detail::Owned;

using BignumPtr = Owned<BIGNUM, BN_free>;
using ObjectPtr = Owned<ASN1_OBJECT, ASN1_OBJECT_free>;
using OctetStringPtr = Owned<ASN1_OCTET_STRING, ASN1_OCTET_STRING_free>;
using ExtensionPtr = Owned<X509_EXTENSION, X509_EXTENSION_free>;

Error failure(const std::string& what) {
  return Error(security::Errc::handshake_failed, "cannot make the TLS certificate: " + what + ": " + openssl_error());
}

// A random positive 63-bit serial number (as go-libp2p), also the subject's
// serialNumber: RFC 5280 wants a non-empty issuer name.
Result<void> set_serial_and_names(X509* cert) {
  std::array<unsigned char, 8> random{};
  if (RAND_bytes(random.data(), static_cast<int>(random.size())) != 1) return failure("RAND_bytes");
  random[0] &= 0x7f;
  random[7] |= 0x01;  // never zero
  BignumPtr serial(BN_bin2bn(random.data(), static_cast<int>(random.size()), nullptr));
  if (!serial || !BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(cert))) return failure("serial number");
  char* decimal = BN_bn2dec(serial.get());
  if (!decimal) return failure("serial number");
  X509_NAME* name = X509_get_subject_name(cert);
  const int added = X509_NAME_add_entry_by_NID(name, NID_serialNumber, MBSTRING_ASC,
                                               reinterpret_cast<const unsigned char*>(decimal), -1, -1, 0);
  OPENSSL_free(decimal);
  if (added != 1 || X509_set_issuer_name(cert, name) != 1) return failure("subject name");
  return {};
}

Result<void> set_validity(X509* cert, const Validity& validity) {
  auto seconds = [](Time t) { return static_cast<std::time_t>(t.time_since_epoch().count()); };
  // ASN1_TIME_set picks UTCTime up to 2049 and GeneralizedTime after, as RFC 5280 wants.
  if (!ASN1_TIME_set(X509_getm_notBefore(cert), seconds(validity.not_before)) ||
      !ASN1_TIME_set(X509_getm_notAfter(cert), seconds(validity.not_after)))
    return failure("validity");
  return {};
}

Result<void> add_key_extension(X509* cert, BytesView value) {
  ObjectPtr oid(OBJ_txt2obj(std::string(extension_oid).c_str(), 1));
  OctetStringPtr data(ASN1_OCTET_STRING_new());
  if (!oid || !data || !ASN1_OCTET_STRING_set(data.get(), value.data(), static_cast<int>(value.size())))
    return failure("extension");
  // tls/tls.md: "This extension MAY be marked critical."
  ExtensionPtr ext(X509_EXTENSION_create_by_OBJ(nullptr, oid.get(), 1, data.get()));
  if (!ext || X509_add_ext(cert, ext.get(), -1) != 1) return failure("extension");
  return {};
}

// The extension's value: the host key and its signature of the certificate key.
Result<Bytes> signed_key_for(const crypto::KeyPair& identity, const crypto::PublicKey& certificate_key) {
  Bytes message = to_bytes(signature_prefix);
  append(message, certificate_key.raw());  // ECDSA raw(): the DER SubjectPublicKeyInfo
  auto signature = identity.sign(message);
  if (!signature) return prefixed("signing the TLS certificate key", signature.error());
  return detail::encode_signed_key(identity.public_key().to_protobuf(), *signature);
}

Result<Bytes> to_der(X509* cert) {
  const int size = i2d_X509(cert, nullptr);
  if (size <= 0) return failure("DER encoding");
  Bytes der(static_cast<std::size_t>(size));
  unsigned char* p = der.data();
  i2d_X509(cert, &p);
  return der;
}

}  // namespace

Time current_time() { return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now()); }

Validity default_validity() {
  using namespace std::chrono;
  return {sys_days(year(1975) / January / 1), sys_days(year(4096) / January / 1)};
}

Result<Certificate> make_certificate(const crypto::KeyPair& identity, const Validity& validity) {
  auto key = crypto::PrivateKey::generate(crypto::KeyType::ECDSA);
  if (!key) return prefixed("TLS certificate key", key.error());
  auto pkey = crypto::detail::decode_private_der(key->raw(), "EC");
  if (!pkey) return prefixed("TLS certificate key", pkey.error());
  auto extension = signed_key_for(identity, key->public_key());
  if (!extension) return extension.error();

  detail::X509Ptr cert(X509_new());
  if (!cert || X509_set_version(cert.get(), X509_VERSION_3) != 1) return failure("X509_new");
  if (auto r = set_serial_and_names(cert.get()); !r) return r.error();
  if (auto r = set_validity(cert.get(), validity); !r) return r.error();
  if (X509_set_pubkey(cert.get(), pkey->get()) != 1) return failure("public key");
  if (auto r = add_key_extension(cert.get(), *extension); !r) return r.error();
  if (X509_sign(cert.get(), pkey->get(), EVP_sha256()) <= 0) return failure("signing");
  auto der = to_der(cert.get());
  if (!der) return der.error();
  return Certificate{std::move(*der), std::move(*key)};
}

}  // namespace libp2p::tls
