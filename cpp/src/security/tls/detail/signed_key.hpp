#pragma once

// The value of the libp2p Public Key Extension (tls/tls.md):
//
//   SignedKey ::= SEQUENCE {
//     publicKey OCTET STRING,  -- the host's PublicKey protobuf
//     signature OCTET STRING   -- over "libp2p-tls-handshake:" || SubjectPublicKeyInfo
//   }
//
// in DER.

#include "libp2p/common/bytes.hpp"
#include "libp2p/common/error.hpp"

namespace libp2p::tls::detail {

struct SignedKey {
  BytesView public_key;
  BytesView signature;
};

Bytes encode_signed_key(BytesView public_key, BytesView signature);

// Strict DER: definite minimal lengths, nothing after the SEQUENCE or inside
// it after the two OCTET STRINGs. The views point into `der`.
Result<SignedKey> decode_signed_key(BytesView der);

}  // namespace libp2p::tls::detail
