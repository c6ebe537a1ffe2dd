#include "security/tls/detail/context.hpp"

#include "crypto/detail/openssl.hpp"
#include "libp2p/security/errc.hpp"
#include "libp2p/security/tls/alpn.hpp"
#include "libp2p/security/tls/certificate.hpp"

#include <openssl/x509_vfy.h>

#include <vector>

namespace libp2p::tls::detail {
namespace {

using security::Errc;

int state_index() {
  static const int index = SSL_get_ex_new_index(0, nullptr, nullptr, nullptr, nullptr);
  return index;
}

HandshakeState* state_of(SSL* ssl) { return ssl ? static_cast<HandshakeState*>(SSL_get_ex_data(ssl, state_index())) : nullptr; }

int alert_for(const Error& error) {
  if (error.code == Errc::certificate_expired) return X509_V_ERR_CERT_HAS_EXPIRED;
  if (error.code == Errc::certificate_not_yet_valid) return X509_V_ERR_CERT_NOT_YET_VALID;
  return X509_V_ERR_CERT_REJECTED;  // the bad_certificate alert
}

// The certificates the peer sent, checked from their DER as QUIC's are.
Result<crypto::PublicKey> verify_chain(STACK_OF(X509)* chain) {
  std::vector<Bytes> certificates;
  for (int i = 0; chain && i < sk_X509_num(chain); ++i) {
    X509* cert = sk_X509_value(chain, i);
    const int size = i2d_X509(cert, nullptr);
    if (size <= 0) return Error(Errc::bad_certificate, "cannot encode the peer's certificate: " + crypto::detail::openssl_error());
    Bytes& der = certificates.emplace_back(static_cast<std::size_t>(size));
    unsigned char* p = der.data();
    i2d_X509(cert, &p);
  }
  const std::vector<BytesView> views(certificates.begin(), certificates.end());
  return verify_certificate_chain(views, current_time());
}

// Replaces OpenSSL's chain verification: a libp2p certificate is self-signed
// and carries a critical extension OpenSSL does not know, so we check it all
// ourselves (tls/tls.md, "Peer Authentication").
int verify_peer(X509_STORE_CTX* store, void*) {
  auto* ssl = static_cast<SSL*>(X509_STORE_CTX_get_ex_data(store, SSL_get_ex_data_X509_STORE_CTX_idx()));
  HandshakeState* state = state_of(ssl);
  if (!state) {
    X509_STORE_CTX_set_error(store, X509_V_ERR_APPLICATION_VERIFICATION);
    return 0;
  }
  auto key = verify_chain(X509_STORE_CTX_get0_untrusted(store));
  if (!key) {
    state->error = prefixed("the peer's certificate", key.error());
    X509_STORE_CTX_set_error(store, alert_for(key.error()));
    return 0;
  }
  if (state->expected) {
    auto actual = peer::PeerId::from_public_key(*key);
    if (actual != *state->expected) {
      state->error = Error(Errc::peer_id_mismatch,
                           "dialed " + state->expected->to_string() + ", the remote is " + actual.to_string());
      X509_STORE_CTX_set_error(store, X509_V_ERR_APPLICATION_VERIFICATION);
      return 0;
    }
  }
  state->remote_key = std::move(*key);
  return 1;
}

// The server's ALPN choice; tls/tls.md: "The server MUST abort the handshake
// if it doesn't support any of the application protocols offered".
int select_protocol(SSL* ssl, const unsigned char** out, unsigned char* out_size, const unsigned char* in,
                    unsigned int in_size, void*) {
  HandshakeState* state = state_of(ssl);
  if (!state) return SSL_TLSEXT_ERR_ALERT_FATAL;
  auto chosen = select_alpn({in, in_size}, state->muxers);
  if (!chosen) {
    state->error = Error(Errc::handshake_failed, "the client offers no ALPN protocol we support (not even \"libp2p\")");
    return SSL_TLSEXT_ERR_ALERT_FATAL;
  }
  *out = reinterpret_cast<const unsigned char*>(chosen->data());
  *out_size = static_cast<unsigned char>(chosen->size());
  return SSL_TLSEXT_ERR_OK;
}

// OpenSSL 3.0 tells a connection's traffic secrets only through the key log
// (NSS key log format: "<label> <client random hex> <secret hex>").
void keep_traffic_secret(const SSL* ssl, const char* line) {
  HandshakeState* state = state_of(const_cast<SSL*>(ssl));
  if (!state) return;
  const std::string_view text(line);
  Bytes* secret = nullptr;
  if (text.starts_with("CLIENT_TRAFFIC_SECRET_0 ")) secret = &state->secrets.client;
  if (text.starts_with("SERVER_TRAFFIC_SECRET_0 ")) secret = &state->secrets.server;
  const auto at = text.rfind(' ');
  if (!secret || at == std::string_view::npos) return;
  const std::string_view hex = text.substr(at + 1);
  if (hex.size() % 2 != 0) return;
  auto digit = [](char c) { return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10; };
  secret->clear();
  for (std::size_t i = 0; i < hex.size(); i += 2)
    secret->push_back(static_cast<std::uint8_t>(digit(hex[i]) << 4 | digit(hex[i + 1])));
}

Error failure(const char* what) {
  return Error(Errc::handshake_failed, std::string("cannot set up TLS: ") + what + ": " + crypto::detail::openssl_error());
}

Result<void> use_certificate(SSL_CTX* context, const Certificate& certificate) {
  auto key = crypto::detail::decode_private_der(certificate.key.raw(), "EC");
  if (!key) return prefixed("TLS certificate key", key.error());
  if (SSL_CTX_use_certificate_ASN1(context, static_cast<int>(certificate.der.size()), certificate.der.data()) != 1)
    return failure("certificate");
  if (SSL_CTX_use_PrivateKey(context, key->get()) != 1 || SSL_CTX_check_private_key(context) != 1)
    return failure("certificate key");
  return {};
}

}  // namespace

void attach(SSL* ssl, HandshakeState* state) { SSL_set_ex_data(ssl, state_index(), state); }

Result<SslCtxPtr> make_context(const Certificate& certificate, std::span<const std::string> muxers) {
  auto alpn = encode_alpn(muxers);
  if (!alpn) return alpn.error();
  if (state_index() < 0) return failure("ex_data index");
  SslCtxPtr context(SSL_CTX_new(TLS_method()));
  if (!context) return failure("SSL_CTX_new");
  SSL_CTX* c = context.get();
  // tls/tls.md: "Endpoints MUST NOT negotiate lower TLS versions."
  if (SSL_CTX_set_min_proto_version(c, TLS1_3_VERSION) != 1) return failure("TLS 1.3");
  if (auto r = use_certificate(c, certificate); !r) return r.error();
  // Both sides require and verify the other's certificate.
  SSL_CTX_set_verify(c, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, nullptr);
  SSL_CTX_set_cert_verify_callback(c, verify_peer, nullptr);
  if (SSL_CTX_set_alpn_protos(c, alpn->data(), static_cast<unsigned>(alpn->size())) != 0) return failure("ALPN");
  SSL_CTX_set_alpn_select_cb(c, select_protocol, nullptr);
  // No session tickets, no session cache: every connection is a full handshake.
  SSL_CTX_set_options(c, SSL_OP_NO_TICKET);
  SSL_CTX_set_session_cache_mode(c, SSL_SESS_CACHE_OFF);
  if (SSL_CTX_set_num_tickets(c, 0) != 1) return failure("tickets");
  SSL_CTX_set_keylog_callback(c, keep_traffic_secret);
  // The handshake's record buffers go once it is over.
  SSL_CTX_set_mode(c, SSL_MODE_RELEASE_BUFFERS);
  return context;
}

}  // namespace libp2p::tls::detail
