#pragma once

// The connection-security extension point (Noise, TLS, plaintext for tests),
// like go-libp2p's sec.SecureTransport: a handshake over a raw ByteStream that
// yields an encrypted ByteStream and the remote's proven identity.

#include "libp2p/crypto/public_key.hpp"
#include "libp2p/io/byte_stream.hpp"
#include "libp2p/peer/peer_id.hpp"

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace libp2p::security {

struct SecureChannel {
  std::unique_ptr<io::ByteStream> stream;  // the encrypted channel
  peer::PeerId remote_peer;                // proven by the handshake
  crypto::PublicKey remote_public_key;
  // The muxer chosen inside the handshake (connections/inlined-muxer-negotiation.md),
  // or none: then the muxer is negotiated with multistream-select afterwards.
  std::optional<std::string> early_muxer;
};

class SecurityTransport {
 public:
  virtual ~SecurityTransport() = default;

  // The multistream-select id, e.g. "/noise".
  virtual std::string_view protocol_id() const = 0;

  // The dialer's side. When `expected` is given, a remote that proves any
  // other PeerId fails the handshake (Errc::peer_id_mismatch).
  virtual asio::awaitable<Result<SecureChannel>> secure_outbound(std::unique_ptr<io::ByteStream> raw,
                                                                 std::optional<peer::PeerId> expected) = 0;

  // The listener's side.
  virtual asio::awaitable<Result<SecureChannel>> secure_inbound(std::unique_ptr<io::ByteStream> raw) = 0;
};

}  // namespace libp2p::security
