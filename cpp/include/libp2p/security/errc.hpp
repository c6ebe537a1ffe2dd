#pragma once

#include <boost/system/error_code.hpp>

namespace libp2p::security {

// Failures of the security handshakes (the error_code category "security").
enum class Errc {
  handshake_failed = 1,  // a malformed or undecryptable handshake message
  bad_payload,           // the libp2p payload / certificate extension does not parse
  bad_signature,         // the identity key's signature over the channel key is wrong
  peer_id_mismatch,      // the remote proved a PeerId other than the one dialed
  no_common_muxer,       // early muxer negotiation found no muxer both support
  decrypt_failed,        // a transport message failed authentication
  message_too_large,     // a frame above the protocol's limit
  nonce_exhausted,       // 2^64-1 messages: the channel must not go on (Noise spec)
  bad_certificate,       // a certificate (chain) that does not parse or is not a valid self-signed one
  certificate_not_yet_valid,       // a certificate whose NotBefore is in the future
  certificate_expired,             // a certificate whose NotAfter is in the past
  missing_key_extension,           // no libp2p Public Key Extension in the certificate (TLS spec)
  unsupported_critical_extension,  // a critical certificate extension this library does not understand
  protocol_error,                  // the remote broke the secure channel's protocol (alert, truncation...)
};

const boost::system::error_category& security_category() noexcept;

inline boost::system::error_code make_error_code(Errc e) noexcept { return {static_cast<int>(e), security_category()}; }

}  // namespace libp2p::security

template <>
struct boost::system::is_error_code_enum<libp2p::security::Errc> : std::true_type {};
