#pragma once

#include <boost/system/error_code.hpp>

namespace libp2p::peer {

// Failures of the peer-identity layer (the error_code category "peer").
enum class Errc {
  bad_peer_id = 1,      // not a PeerId: bytes or text of the wrong form
  bad_envelope,         // a signed envelope that is malformed or cannot be made
  invalid_signature,    // the envelope's signature does not verify for the domain
  wrong_payload_type,   // an envelope that carries another kind of payload
  bad_peer_record,      // a peer record that is malformed
  peer_id_mismatch,     // a record's PeerId is not the signer's
};

const boost::system::error_category& peer_category() noexcept;

inline boost::system::error_code make_error_code(Errc e) noexcept { return {static_cast<int>(e), peer_category()}; }

}  // namespace libp2p::peer

template <>
struct boost::system::is_error_code_enum<libp2p::peer::Errc> : std::true_type {};
