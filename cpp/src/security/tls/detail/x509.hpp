#pragma once

// The parts of an X.509 certificate (RFC 5280, section 4.1) that the checks
// of a libp2p certificate need, read from its DER by hand: OpenSSL 3.0's
// d2i_X509 builds a decoder chain for the public key on every call, a fifth
// of a QUIC handshake's CPU. The views point into the DER.

#include "libp2p/common/bytes.hpp"
#include "libp2p/common/error.hpp"
#include "libp2p/security/tls/certificate.hpp"

#include <vector>

namespace libp2p::tls::detail {

// AlgorithmIdentifier ::= SEQUENCE { algorithm OBJECT IDENTIFIER, parameters ANY OPTIONAL }
struct AlgorithmIdentifier {
  BytesView encoding;    // the whole SEQUENCE
  BytesView oid;         // the OBJECT IDENTIFIER's contents
  BytesView parameters;  // the whole parameters element; empty when absent
};

// Extension ::= SEQUENCE { extnID, critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING }
struct Extension {
  BytesView oid;
  bool critical;
  BytesView value;  // the OCTET STRING's contents
};

struct X509Certificate {
  BytesView tbs_certificate;  // the whole TBSCertificate, as signed
  AlgorithmIdentifier signature_algorithm;
  BytesView signature;  // the signatureValue's bytes
  bool signature_algorithms_match;  // TBSCertificate.signature == signatureAlgorithm
  Time not_before, not_after;
  BytesView subject_public_key_info;  // the whole SubjectPublicKeyInfo
  AlgorithmIdentifier key_algorithm;
  BytesView public_key;  // the subjectPublicKey's bytes
  bool has_unique_ids;   // issuerUniqueID or subjectUniqueID
  std::vector<Extension> extensions;
};

// The certificate in `der`, all of it; Errc::bad_certificate says what does
// not parse. Names and the serial number are skipped unread (no check of a
// libp2p certificate looks at them).
Result<X509Certificate> parse_certificate(BytesView der);

}  // namespace libp2p::tls::detail
