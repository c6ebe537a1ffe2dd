#pragma once

// Private to the engine's two .cpp files: the ngtcp2 and GnuTLS types.

#include "transport/quic/detail/engine.hpp"

#include <gnutls/gnutls.h>
#include <ngtcp2/ngtcp2.h>
#include <ngtcp2/ngtcp2_crypto.h>
#include <ngtcp2/ngtcp2_crypto_gnutls.h>

namespace libp2p::transport::quic::detail {

struct TlsContext::Impl {
  ~Impl();
  gnutls_certificate_credentials_t credentials = nullptr;
  std::array<std::uint8_t, 32> reset_secret{};  // stateless reset tokens (RFC 9000 §10.3.2)
};

// GnuTLS's verify callback on the credentials: hands the peer's chain to
// the connection's EngineEvents::verify_peer.
int verify_peer_certificate(gnutls_session_t session);

}  // namespace libp2p::transport::quic::detail
