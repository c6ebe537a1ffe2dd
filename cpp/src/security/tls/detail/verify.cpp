// The receiver's checks of a libp2p certificate (tls/tls.md, "Peer
// Authentication"), on its DER, for TLS over TCP and for QUIC alike.
#include "libp2p/security/tls/certificate.hpp"

#include "common/der.hpp"
#include "libp2p/security/errc.hpp"
#include "security/tls/detail/self_signature.hpp"
#include "security/tls/detail/signed_key.hpp"
#include "security/tls/detail/x509.hpp"

#include <algorithm>
#include <array>
#include <string>

namespace libp2p::tls {
namespace {

using detail::X509Certificate;
using security::Errc;

// The DER contents of the OID 1.3.6.1.4.1.53594.1.1.
constexpr std::array<std::uint8_t, 10> extension_oid_der{0x2b, 0x06, 0x01, 0x04, 0x01, 0x83, 0xa2, 0x5a, 0x01, 0x01};

// The RFC 5280 extensions a critical mark does not make us refuse (the ones
// OpenSSL and go's crypto/x509 implement): none of them bears on a
// self-signed certificate without a chain. All are id-ce (2.5.29) arcs.
constexpr std::array<std::uint8_t, 8> understood_id_ce{
    15,  // keyUsage
    17,  // subjectAltName
    19,  // basicConstraints
    30,  // nameConstraints
    32,  // certificatePolicies
    36,  // policyConstraints
    37,  // extKeyUsage
    54,  // inhibitAnyPolicy
};

bool is_understood(BytesView oid) {
  return oid.size() == 3 && oid[0] == 0x55 && oid[1] == 0x1d &&
         std::find(understood_id_ce.begin(), understood_id_ce.end(), oid[2]) != understood_id_ce.end();
}

bool is_libp2p_extension(BytesView oid) { return equal(oid, extension_oid_der); }

Result<void> check_validity(const X509Certificate& cert, Time now) {
  if (cert.not_before > now) return Error(Errc::certificate_not_yet_valid, "the certificate's NotBefore is in the future");
  if (cert.not_after < now) return Error(Errc::certificate_expired, "the certificate's NotAfter is in the past");
  return {};
}

// The libp2p extension's value; unknown critical extensions fail (tls/tls.md:
// "Endpoints MUST abort ... critical extensions that the endpoint does not
// understand").
Result<BytesView> find_key_extension(const X509Certificate& cert) {
  const detail::Extension* found = nullptr;
  for (const auto& ext : cert.extensions) {
    if (is_libp2p_extension(ext.oid)) {
      if (found) return Error(Errc::bad_certificate, "the libp2p public key extension appears twice");
      found = &ext;
    } else if (ext.critical && !is_understood(ext.oid)) {
      return Error(Errc::unsupported_critical_extension, "unknown critical extension " + der::dotted(ext.oid));
    }
  }
  if (!found) return Error(Errc::missing_key_extension, "no extension " + std::string(extension_oid));
  return found->value;
}

// The host key, if it signed "libp2p-tls-handshake:" || SubjectPublicKeyInfo.
Result<crypto::PublicKey> check_signed_key(const X509Certificate& cert, BytesView extension) {
  auto signed_key = detail::decode_signed_key(extension);
  if (!signed_key) return signed_key.error();
  auto host_key = crypto::PublicKey::from_protobuf(signed_key->public_key);
  if (!host_key) return Error(Errc::bad_payload, "the extension's host key: " + host_key.error().what());
  Bytes message = to_bytes(signature_prefix);
  append(message, cert.subject_public_key_info);
  if (!host_key->verify(message, signed_key->signature))
    return Error(Errc::bad_signature, "the host key's signature of the certificate key does not verify");
  return *host_key;
}

}  // namespace

Result<crypto::PublicKey> verify_certificate(BytesView der, Time now) {
  auto cert = detail::parse_certificate(der);
  if (!cert) return cert.error();
  if (cert->has_unique_ids) return Error(Errc::bad_certificate, "deprecated issuer/subject unique id present");
  if (auto r = check_validity(*cert, now); !r) return r.error();
  auto extension = find_key_extension(*cert);
  if (!extension) return extension.error();
  if (auto r = detail::check_self_signature(*cert); !r) return r.error();
  return check_signed_key(*cert, *extension);
}

Result<crypto::PublicKey> verify_certificate_chain(std::span<const BytesView> chain, Time now) {
  // tls/tls.md: "Endpoints MUST abort the connection attempt if more than one
  // certificate is received".
  if (chain.size() != 1)
    return Error(Errc::bad_certificate, "a chain of " + std::to_string(chain.size()) + " certificates instead of one");
  return verify_certificate(chain.front(), now);
}

}  // namespace libp2p::tls
