#pragma once

// The libp2p handshake payload (libp2p/specs noise/README.md, "The libp2p
// Handshake Payload") that authenticates a Noise static key with a libp2p
// identity key, and the early muxer negotiation it carries
// (connections/inlined-muxer-negotiation.md).

#include "libp2p/crypto/key_pair.hpp"
#include "libp2p/crypto/public_key.hpp"
#include "libp2p/peer/peer_id.hpp"
#include "libp2p/security/noise/cipher_state.hpp"
#include "libp2p/security/noise/x25519.hpp"

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace libp2p::noise {

// What the identity key signs: this prefix, then the Noise static public key.
inline constexpr std::string_view static_key_prefix = "noise-libp2p-static-key:";
// Bounds on what a remote may send: an RSA-8192 signature has 1024 bytes;
// go-libp2p ignores lists of more than 100 muxers, we refuse them.
inline constexpr std::size_t max_signature_size = 1024;
inline constexpr std::size_t max_stream_muxers = 100;

// NoiseHandshakePayload; of NoiseExtensions only stream_muxers (the
// WebTransport certhashes concern WebTransport, which does not run here).
struct HandshakePayload {
  Bytes identity_key;  // a PublicKey protobuf
  Bytes identity_sig;
  std::vector<std::string> stream_muxers;
};

// Without muxers the message has no extensions field.
Bytes encode_payload(const HandshakePayload& payload);
// Parses and bounds every field (identity key, signature, muxer count).
Result<HandshakePayload> decode_payload(BytesView bytes);

// Our payload: `identity`'s key and its signature of `static_key`, and our muxers.
Result<Bytes> make_payload(const crypto::KeyPair& identity, const DhPublicKey& static_key,
                           std::span<const std::string> muxers);

// The remote as its payload proves it.
struct RemoteIdentity {
  crypto::PublicKey public_key;
  peer::PeerId peer_id;
  std::vector<std::string> stream_muxers;
};

// Decodes the remote's payload and checks that its identity key signed
// `remote_static` (Errc::bad_payload, Errc::bad_signature).
Result<RemoteIdentity> verify_payload(BytesView bytes, const DhPublicKey& remote_static);

// The early muxer: the first of the initiator's muxers the responder also
// lists; none if either list is empty (multistream-select then negotiates
// one); Errc::no_common_muxer if both list muxers but none in common.
Result<std::optional<std::string>> select_early_muxer(std::span<const std::string> initiator,
                                                      std::span<const std::string> responder);

}  // namespace libp2p::noise
