#pragma once

// The check of a certificate's signature by its own key (a libp2p certificate
// is self-signed, tls/tls.md), with the key built from its numbers rather
// than by OpenSSL 3.0's DER decoders.

#include "libp2p/common/error.hpp"
#include "security/tls/detail/x509.hpp"

namespace libp2p::tls::detail {

// Errc::bad_certificate unless the signature verifies with an algorithm of
// at least 128 bits of security (no MD5, no SHA-1, as go-libp2p and
// rust-libp2p refuse them too): ECDSA on P-256, P-384 or P-521 with SHA-256,
// SHA-384 or SHA-512; Ed25519; RSA (2048 to 8192 bits) PKCS#1 v1.5 with
// SHA-256, SHA-384 or SHA-512.
Result<void> check_self_signature(const X509Certificate& cert);

}  // namespace libp2p::tls::detail
