#include "security/tls/detail/self_signature.hpp"

#include "common/der.hpp"
#include "crypto/detail/backends.hpp"
#include "crypto/detail/openssl.hpp"
#include "libp2p/security/errc.hpp"

#include <array>
#include <optional>
#include <string>
#include <variant>

namespace libp2p::tls::detail {
namespace {

using crypto::detail::EvpPkey;
using security::Errc;

enum class KeyFamily { ec, rsa, ed25519 };

// The DER contents of the OBJECT IDENTIFIERs.
template <std::size_t N>
using Oid = std::array<std::uint8_t, N>;
constexpr Oid<7> ec_public_key{0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01};                 // 1.2.840.10045.2.1
constexpr Oid<9> rsa_encryption{0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01};    // 1.2.840.113549.1.1.1
constexpr Oid<3> ed25519{0x2b, 0x65, 0x70};                                                // 1.3.101.112

struct Curve {
  Oid<8> oid;  // padded with zeros past `size`
  std::size_t size;
  const char* name;
};
constexpr Curve curves[] = {
    {{0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07}, 8, "prime256v1"},  // 1.2.840.10045.3.1.7
    {{0x2b, 0x81, 0x04, 0x00, 0x22}, 5, "secp384r1"},                     // 1.3.132.0.34
    {{0x2b, 0x81, 0x04, 0x00, 0x23}, 5, "secp521r1"},                     // 1.3.132.0.35
};

struct SignatureAlgorithm {
  Oid<9> oid;  // padded with zeros past `size`
  std::size_t size;
  KeyFamily family;
  const EVP_MD* (*digest)();  // nullptr: the algorithm hashes itself (Ed25519)
  int security_bits;
};
// RFC 5758 3.2 (ECDSA), RFC 8410 3 (Ed25519), RFC 4055 5 and RFC 8017 A.2.4
// (RSA PKCS#1 v1.5); the SHA-1 and MD5 ones only to say why they are refused.
constexpr SignatureAlgorithm signature_algorithms[] = {
    {{0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02}, 8, KeyFamily::ec, EVP_sha256, 128},
    {{0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x03}, 8, KeyFamily::ec, EVP_sha384, 192},
    {{0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x04}, 8, KeyFamily::ec, EVP_sha512, 256},
    {{0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x01}, 7, KeyFamily::ec, EVP_sha1, 80},
    {{0x2b, 0x65, 0x70}, 3, KeyFamily::ed25519, nullptr, 128},
    {{0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b}, 9, KeyFamily::rsa, EVP_sha256, 128},
    {{0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0c}, 9, KeyFamily::rsa, EVP_sha384, 192},
    {{0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0d}, 9, KeyFamily::rsa, EVP_sha512, 256},
    {{0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x05}, 9, KeyFamily::rsa, EVP_sha1, 80},
    {{0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x04}, 9, KeyFamily::rsa, nullptr, 64},  // MD5
};

constexpr std::array<std::uint8_t, 2> der_null{der::null, 0x00};

template <std::size_t N>
bool is(BytesView oid, const Oid<N>& expected, std::size_t size = N) {
  return oid.size() == size && std::equal(oid.begin(), oid.end(), expected.begin());
}

Error bad(const std::string& what) { return Error(Errc::bad_certificate, what); }

Result<const SignatureAlgorithm*> signature_algorithm(const AlgorithmIdentifier& id) {
  for (const auto& a : signature_algorithms) {
    if (!is(id.oid, a.oid, a.size)) continue;
    if (a.security_bits < 128)
      return bad("signature algorithm of " + std::to_string(a.security_bits) + " bits of security, below 128");
    // RFC 5758 and RFC 8410: no parameters; RFC 4055: NULL (some encoders leave it out).
    const bool parameters_ok = a.family == KeyFamily::rsa ? id.parameters.empty() || equal(id.parameters, der_null)
                                                          : id.parameters.empty();
    if (!parameters_ok) return bad("unexpected parameters of signature algorithm " + der::dotted(id.oid));
    return &a;
  }
  return bad("unsupported signature algorithm " + der::dotted(id.oid));
}

// The certificate's key, if it is of `family`.
Result<EvpPkey> certificate_key(const X509Certificate& cert, KeyFamily family) {
  const auto& algorithm = cert.key_algorithm;
  if (family == KeyFamily::ec && is(algorithm.oid, ec_public_key)) {
    der::Reader parameters(algorithm.parameters);
    auto curve_oid = parameters.contents(der::object_identifier);
    if (!curve_oid || !parameters.empty()) return bad("an EC key without a named curve");
    for (const auto& curve : curves)
      if (is(*curve_oid, curve.oid, curve.size)) {
        auto key = crypto::detail::ec_public_key(curve.name, cert.public_key);
        if (!key) return bad("the certificate's EC key: " + key.error().message);
        return key;
      }
    return bad("an EC key on an unsupported curve " + der::dotted(*curve_oid));
  }
  if (family == KeyFamily::rsa && is(algorithm.oid, rsa_encryption)) {
    // The checks of libp2p's own RSA keys (canonical DER, 2048 to 8192 bits,
    // as go-libp2p's): a bigger modulus would only make the check slower.
    auto key = crypto::detail::rsa::parse_public(cert.subject_public_key_info);
    if (!key) return bad("the certificate's RSA key: " + key.error().message);
    return std::move(std::get<EvpPkey>(key->key));
  }
  if (family == KeyFamily::ed25519 && is(algorithm.oid, ed25519) && algorithm.parameters.empty()) {
    auto key = crypto::detail::ed25519_public_key(cert.public_key);
    if (!key) return bad("the certificate's Ed25519 key: " + key.error().message);
    return key;
  }
  return bad("a key of algorithm " + der::dotted(algorithm.oid) + " does not make the certificate's signature");
}

}  // namespace

Result<void> check_self_signature(const X509Certificate& cert) {
  // RFC 5280 4.1.1.2: signatureAlgorithm "MUST contain the same algorithm
  // identifier as the signature field in the sequence tbsCertificate".
  if (!cert.signature_algorithms_match) return bad("the two signature algorithms of the certificate differ");
  auto algorithm = signature_algorithm(cert.signature_algorithm);
  if (!algorithm) return algorithm.error();
  auto key = certificate_key(cert, (*algorithm)->family);
  if (!key) return key.error();
  const EVP_MD* digest = (*algorithm)->digest ? (*algorithm)->digest() : nullptr;
  if (!crypto::detail::evp_verify(key->get(), digest, cert.tbs_certificate, cert.signature))
    return bad("the self-signature does not verify");
  return {};
}

}  // namespace libp2p::tls::detail
