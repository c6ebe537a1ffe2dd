#pragma once

// The receiver's checks of a libp2p certificate (tls/tls.md, "Peer
// Authentication") on an already parsed X509, for the handshake's callback
// and for tls::verify_certificate.

#include "libp2p/crypto/public_key.hpp"
#include "libp2p/security/tls/certificate.hpp"

#include <openssl/x509.h>

namespace libp2p::tls::detail {

// `chain_length` is the number of certificates the peer sent; `leaf` the first.
Result<crypto::PublicKey> verify_chain(std::size_t chain_length, X509* leaf, Time now);

}  // namespace libp2p::tls::detail
