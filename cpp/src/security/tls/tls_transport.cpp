#include "libp2p/security/tls/tls_transport.hpp"

#include "crypto/detail/openssl.hpp"
#include "libp2p/security/errc.hpp"
#include "libp2p/security/tls/alpn.hpp"
#include "libp2p/security/tls/certificate.hpp"
#include "security/tls/detail/context.hpp"
#include "security/tls/detail/tls_stream.hpp"

namespace libp2p::tls {

using security::Errc;

void TlsTransport::ContextFree::operator()(ssl_ctx_st* context) const { SSL_CTX_free(context); }

TlsTransport::TlsTransport(crypto::KeyPair identity, std::vector<std::string> muxers) : muxers_(std::move(muxers)) {
  auto certificate = make_certificate(identity).value();
  context_.reset(detail::make_context(certificate, muxers_).value().release());
}

TlsTransport::~TlsTransport() = default;

asio::awaitable<Result<security::SecureChannel>> TlsTransport::secure_outbound(std::unique_ptr<io::ByteStream> raw,
                                                                              std::optional<peer::PeerId> expected) {
  return secure(std::move(raw), true, std::move(expected));
}

asio::awaitable<Result<security::SecureChannel>> TlsTransport::secure_inbound(std::unique_ptr<io::ByteStream> raw) {
  return secure(std::move(raw), false, std::nullopt);
}

asio::awaitable<Result<security::SecureChannel>> TlsTransport::secure(std::unique_ptr<io::ByteStream> raw, bool client,
                                                                      std::optional<peer::PeerId> expected) {
  detail::SslPtr ssl(SSL_new(context_.get()));
  if (!ssl) {
    raw->close();
    co_return Error(Errc::handshake_failed, "SSL_new: " + crypto::detail::openssl_error());
  }
  if (client)
    SSL_set_connect_state(ssl.get());
  else
    SSL_set_accept_state(ssl.get());
  detail::HandshakeState state{muxers_, std::move(expected), std::nullopt, std::nullopt, {}};
  detail::attach(ssl.get(), &state);
  auto stream = std::make_unique<detail::TlsStream>(std::move(raw), std::move(ssl));
  auto done = co_await stream->handshake(state.secrets);
  detail::attach(stream->ssl(), nullptr);
  if (!done || !state.remote_key) {
    stream->close();
    if (state.error) co_return *state.error;  // the precise reason our checks gave
    if (!done) co_return done.error();
    co_return Error(Errc::handshake_failed, "TLS handshake ended without the peer's certificate");
  }

  const unsigned char* alpn = nullptr;
  unsigned alpn_size = 0;
  SSL_get0_alpn_selected(stream->ssl(), &alpn, &alpn_size);
  auto muxer = early_muxer(alpn ? as_string({alpn, alpn_size}) : std::string_view());
  stream->release_ssl();
  auto remote_peer = peer::PeerId::from_public_key(*state.remote_key);
  co_return security::SecureChannel{std::move(stream), std::move(remote_peer), std::move(*state.remote_key),
                                    std::move(muxer)};
}

}  // namespace libp2p::tls
