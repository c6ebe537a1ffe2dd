#pragma once

// The few DER structures the keys need, read and written by hand: OpenSSL 3.0's
// generic DER decoders and encoders cost about a millisecond per key.

#include "libp2p/common/bytes.hpp"

#include <cstdint>
#include <optional>

namespace libp2p::crypto::detail {

// True when `der` opens a SEQUENCE whose first element is INTEGER `version`
// followed by an element with tag `next_tag`: this tells a type-specific
// private key (PKCS#1 RSAPrivateKey: 0 then INTEGER; SEC1 ECPrivateKey: 1
// then OCTET STRING) from a PKCS#8 PrivateKeyInfo (0 then SEQUENCE), which
// OpenSSL's decoders would also accept.
bool opens_with_version(BytesView der, std::uint8_t version, std::uint8_t next_tag);

// An RSA SubjectPublicKeyInfo (RFC 8017 A.1.1 inside RFC 5280 4.1):
// SEQUENCE { SEQUENCE { rsaEncryption, NULL }, BIT STRING { SEQUENCE { n, e } } }.
struct RsaPublicNumbers {
  BytesView n;  // big-endian, as written (sign byte removed)
  BytesView e;
};
// Reads the structure; whether it is canonical DER is for the caller to check
// by writing it again with rsa_spki.
std::optional<RsaPublicNumbers> read_rsa_spki(BytesView der);
// The canonical DER of the key with big-endian magnitudes n and e.
Bytes rsa_spki(BytesView n, BytesView e);

}  // namespace libp2p::crypto::detail
