#pragma once

// The libp2p TLS 1.3 handshake (tls/tls.md), "/tls/1.0.0": mutual
// authentication with the libp2p certificate, TLS 1.3 only, no SNI, no
// session tickets or resumption, and the muxer negotiated early over ALPN
// (connections/inlined-muxer-negotiation.md).
//
// One certificate (a fresh P-256 key) per transport, reused for every
// connection, as go-libp2p does. Handshake deadlines belong to the caller:
// closing the raw stream ends a handshake at once.

#include "libp2p/crypto/key_pair.hpp"
#include "libp2p/security/security_transport.hpp"

#include <memory>
#include <string>
#include <vector>

struct ssl_ctx_st;

namespace libp2p::tls {

class TlsTransport final : public security::SecurityTransport {
 public:
  static constexpr std::string_view id = "/tls/1.0.0";

  // `muxers`: the muxer protocol ids for early negotiation, most preferred
  // first (empty: none, the muxer is negotiated afterwards). Throws
  // libp2p::Exception if a muxer id cannot be an ALPN protocol or OpenSSL
  // cannot make the certificate.
  TlsTransport(crypto::KeyPair identity, std::vector<std::string> muxers);
  ~TlsTransport() override;

  std::string_view protocol_id() const override { return id; }

  // On failure the raw stream is closed and the Error says what failed;
  // security::Errc::peer_id_mismatch when the remote is not `expected`. As
  // TLS 1.3 goes, the client finishes before the server has checked its
  // certificate: a server that refuses it shows as an error on the first read.
  asio::awaitable<Result<security::SecureChannel>> secure_outbound(std::unique_ptr<io::ByteStream> raw,
                                                                   std::optional<peer::PeerId> expected) override;
  asio::awaitable<Result<security::SecureChannel>> secure_inbound(std::unique_ptr<io::ByteStream> raw) override;

 private:
  struct ContextFree {
    void operator()(ssl_ctx_st* context) const;
  };

  asio::awaitable<Result<security::SecureChannel>> secure(std::unique_ptr<io::ByteStream> raw, bool client,
                                                          std::optional<peer::PeerId> expected);

  std::vector<std::string> muxers_;
  std::unique_ptr<ssl_ctx_st, ContextFree> context_;
};

}  // namespace libp2p::tls
