#pragma once

#include <boost/system/error_code.hpp>

namespace libp2p::crypto {

// Failures of the key layer (the error_code category "crypto").
enum class Errc {
  bad_protobuf = 1,      // a PublicKey/PrivateKey protobuf that does not parse
  unsupported_key_type,  // a KeyType this library does not know
  bad_public_key,        // a public key's Data that is not the spec's encoding
  bad_private_key,       // a private key's Data that is not the spec's encoding
  bad_key_size,          // an RSA modulus outside [2048, 8192] bits
  signing_failed,        // the signature could not be produced
  key_generation_failed, // no key could be generated
  key_file,              // a key file that cannot be read, written or parsed
};

const boost::system::error_category& crypto_category() noexcept;

inline boost::system::error_code make_error_code(Errc e) noexcept { return {static_cast<int>(e), crypto_category()}; }

}  // namespace libp2p::crypto

template <>
struct boost::system::is_error_code_enum<libp2p::crypto::Errc> : std::true_type {};
