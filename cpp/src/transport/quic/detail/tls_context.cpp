// GnuTLS credentials with the libp2p certificate (tls/tls.md), for QUIC.
#include "transport/quic/detail/gnutls.hpp"

#include "libp2p/security/tls/certificate.hpp"
#include "libp2p/transport/errc.hpp"

#include <gnutls/crypto.h>

namespace libp2p::transport::quic::detail {

using transport::Errc;

TlsContext::TlsContext(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
TlsContext::~TlsContext() = default;

TlsContext::Impl::~Impl() {
  if (credentials) gnutls_certificate_free_credentials(credentials);
}

Result<std::shared_ptr<TlsContext>> TlsContext::make(const crypto::KeyPair& identity) {
  auto certificate = tls::make_certificate(identity);
  if (!certificate) return certificate.error();
  // GnuTLS reads the DER certificate and the DER SEC1 key OpenSSL made.
  return load(certificate->der, certificate->key.raw(), false);
}

Result<std::shared_ptr<TlsContext>> TlsContext::load(BytesView certificate, BytesView key, bool pem) {
  auto impl = std::make_unique<Impl>();
  if (int rv = gnutls_certificate_allocate_credentials(&impl->credentials); rv != 0)
    return Error(Errc::bad_certificate, std::string("gnutls_certificate_allocate_credentials: ") + gnutls_strerror(rv));
  gnutls_datum_t cert{const_cast<unsigned char*>(certificate.data()), static_cast<unsigned>(certificate.size())};
  gnutls_datum_t k{const_cast<unsigned char*>(key.data()), static_cast<unsigned>(key.size())};
  if (int rv = gnutls_certificate_set_x509_key_mem2(impl->credentials, &cert, &k,
                                                    pem ? GNUTLS_X509_FMT_PEM : GNUTLS_X509_FMT_DER, nullptr, 0);
      rv < 0)
    return Error(Errc::bad_certificate, std::string("GnuTLS does not load the certificate and key: ") + gnutls_strerror(rv));
  // The peer's certificate is checked by verify_peer_certificate (engine.cpp)
  // with the libp2p rules, not against a trust store.
  gnutls_certificate_set_verify_function(impl->credentials, verify_peer_certificate);
  if (int rv = gnutls_rnd(GNUTLS_RND_KEY, impl->reset_secret.data(), impl->reset_secret.size()); rv != 0)
    return Error(Errc::bad_certificate, std::string("gnutls_rnd: ") + gnutls_strerror(rv));
  return std::shared_ptr<TlsContext>(new TlsContext(std::move(impl)));
}

}  // namespace libp2p::transport::quic::detail
