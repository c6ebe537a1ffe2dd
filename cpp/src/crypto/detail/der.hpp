#pragma once

#include "libp2p/common/bytes.hpp"

#include <cstdint>

namespace libp2p::crypto::detail {

// True when `der` opens a SEQUENCE whose first element is INTEGER `version`
// followed by an element with tag `next_tag`: this tells a type-specific
// private key (PKCS#1 RSAPrivateKey: 0 then INTEGER; SEC1 ECPrivateKey: 1
// then OCTET STRING) from a PKCS#8 PrivateKeyInfo (0 then SEQUENCE), which
// OpenSSL's decoders would also accept.
bool opens_with_version(BytesView der, std::uint8_t version, std::uint8_t next_tag);

}  // namespace libp2p::crypto::detail
