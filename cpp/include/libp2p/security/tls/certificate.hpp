#pragma once

// The libp2p TLS certificate (tls/tls.md, "Peer Authentication"): a
// self-signed X.509 certificate for a fresh P-256 key, carrying the host's
// public key and its signature of the certificate's key in the libp2p Public
// Key Extension. Pure functions over DER, shared by TLS and QUIC.

#include "libp2p/common/bytes.hpp"
#include "libp2p/common/error.hpp"
#include "libp2p/crypto/key_pair.hpp"
#include "libp2p/crypto/private_key.hpp"
#include "libp2p/crypto/public_key.hpp"

#include <chrono>
#include <span>
#include <string_view>

namespace libp2p::tls {

// The extension's OID, allocated by IANA to libp2p, and the prefix of the
// message the host key signs (followed by the certificate's DER
// SubjectPublicKeyInfo).
inline constexpr std::string_view extension_oid = "1.3.6.1.4.1.53594.1.1";
inline constexpr std::string_view signature_prefix = "libp2p-tls-handshake:";

// Seconds since the epoch, wide enough for the year 4096.
using Time = std::chrono::sys_seconds;

Time current_time();

struct Validity {
  Time not_before;
  Time not_after;
};

// 1975-01-01 to 4096-01-01, as rust-libp2p and the spec's vectors: valid
// whatever the peer's clock says.
Validity default_validity();

struct Certificate {
  Bytes der;               // the X.509 certificate
  crypto::PrivateKey key;  // its ECDSA P-256 key (raw(): DER SEC1 ECPrivateKey)
};

// A certificate for `identity` on a fresh P-256 key, signed with
// ECDSA-SHA256, the extension marked critical (as rust-libp2p does).
Result<Certificate> make_certificate(const crypto::KeyPair& identity, const Validity& validity = default_validity());

// Verifies a received certificate and returns the host key it proves
// (security::Errc says what is wrong):
// - bad_certificate: not one DER certificate; subject/issuer unique ids; a
//   self-signature that does not verify, or not with ECDSA (P-256, P-384,
//   P-521), Ed25519 or RSA PKCS#1 v1.5 and SHA-256 or longer; the extension
//   twice;
// - certificate_not_yet_valid, certificate_expired: `now` is outside its
//   validity;
// - missing_key_extension, unsupported_critical_extension: no libp2p
//   extension; a critical extension other than the RFC 5280 ones OpenSSL
//   and go's crypto/x509 implement (basicConstraints, keyUsage...);
// - bad_payload: the SignedKey or the host key inside does not parse;
// - bad_signature: the host key did not sign this certificate's key.
Result<crypto::PublicKey> verify_certificate(BytesView der, Time now = current_time());

// The same for a chain as a peer sends it: exactly one certificate.
Result<crypto::PublicKey> verify_certificate_chain(std::span<const BytesView> chain, Time now = current_time());

}  // namespace libp2p::tls
