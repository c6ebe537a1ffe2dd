#pragma once

// The SSL_CTX of a TlsTransport and the per-connection state its callbacks
// use: the libp2p rules (tls/tls.md) as OpenSSL settings.

#include "libp2p/crypto/public_key.hpp"
#include "libp2p/peer/peer_id.hpp"
#include "libp2p/security/tls/certificate.hpp"
#include "security/tls/detail/openssl.hpp"
#include "security/tls/detail/record_cipher.hpp"

#include <optional>
#include <span>
#include <string>

namespace libp2p::tls::detail {

// What one handshake's callbacks read and record; attached to its SSL for
// the duration of the handshake.
struct HandshakeState {
  std::span<const std::string> muxers;   // the server's, for ALPN
  std::optional<peer::PeerId> expected;  // the client's expected server
  std::optional<crypto::PublicKey> remote_key;
  std::optional<Error> error;            // why the callbacks failed the handshake
  TrafficSecrets secrets;                // for the record layer after the handshake
};

void attach(SSL* ssl, HandshakeState* state);

// TLS 1.3 only; our certificate; the peer's certificate required and checked
// by tls::verify_certificate_chain; ALPN offered (client) and selected (server);
// no session tickets, cache or resumption; the traffic secrets reported to
// the HandshakeState (the record layer after the handshake is ours).
Result<SslCtxPtr> make_context(const Certificate& certificate, std::span<const std::string> muxers);

}  // namespace libp2p::tls::detail
