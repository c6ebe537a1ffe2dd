#pragma once

// A TLS endpoint made directly with OpenSSL (a BIO pair pumped over a
// ByteStream), configured freely by a test: the misbehaving peer that
// TlsTransport must refuse, or a plain one to talk to from outside our code.

#include "libp2p/io/byte_stream.hpp"
#include "libp2p/security/tls/certificate.hpp"

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <functional>
#include <stdexcept>
#include <string>

namespace libp2p::test {

class RawPeer {
 public:
  // A peer with a libp2p certificate for `identity` that accepts any
  // certificate from the other side; `configure` changes the rest.
  RawPeer(bool client, const crypto::KeyPair& identity, const std::function<void(SSL_CTX*)>& configure = {}) {
    ctx_ = SSL_CTX_new(TLS_method());
    use_certificate(ctx_, tls::make_certificate(identity).value());
    SSL_CTX_set_min_proto_version(ctx_, TLS1_3_VERSION);
    SSL_CTX_set_verify(ctx_, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, [](int, X509_STORE_CTX*) { return 1; });
    if (configure) configure(ctx_);
    ssl_ = SSL_new(ctx_);
    BIO* inner = nullptr;
    BIO_new_bio_pair(&inner, 1 << 16, &network_, 1 << 16);
    SSL_set_bio(ssl_, inner, inner);
    if (client)
      SSL_set_connect_state(ssl_);
    else
      SSL_set_accept_state(ssl_);
  }
  ~RawPeer() {
    SSL_free(ssl_);
    BIO_free(network_);
    SSL_CTX_free(ctx_);
  }
  RawPeer(const RawPeer&) = delete;
  RawPeer& operator=(const RawPeer&) = delete;

  SSL* ssl() const { return ssl_; }
  SSL_CTX* ctx() const { return ctx_; }

  // Replaces the context's certificate (from `configure`: before the SSL exists).
  static void use_certificate(SSL_CTX* ctx, const tls::Certificate& certificate) {
    const unsigned char* p = certificate.key.raw().data();
    EVP_PKEY* key = d2i_AutoPrivateKey(nullptr, &p, static_cast<long>(certificate.key.raw().size()));
    const bool ok = key &&
                    SSL_CTX_use_certificate_ASN1(ctx, static_cast<int>(certificate.der.size()), certificate.der.data()) == 1 &&
                    SSL_CTX_use_PrivateKey(ctx, key) == 1;
    EVP_PKEY_free(key);
    if (!ok) throw std::runtime_error("RawPeer: cannot load the certificate");
  }

  // True when the handshake completes; the reason from OpenSSL otherwise.
  asio::awaitable<std::string> handshake(io::ByteStream& raw) {
    for (;;) {
      ERR_clear_error();
      const int r = SSL_do_handshake(ssl_);
      const int error = r == 1 ? SSL_ERROR_NONE : SSL_get_error(ssl_, r);
      co_await flush(raw);
      if (r == 1) co_return "";
      if (error != SSL_ERROR_WANT_READ) co_return reason();
      if (!co_await fill(raw)) co_return "eof";
    }
  }

  asio::awaitable<bool> write(io::ByteStream& raw, BytesView data) {
    std::size_t written = 0;
    const bool ok = SSL_write_ex(ssl_, data.data(), data.size(), &written) == 1;
    co_await flush(raw);
    co_return ok;
  }

  // Reads `size` bytes of application data; fewer on end of stream or error.
  asio::awaitable<Bytes> read(io::ByteStream& raw, std::size_t size) {
    Bytes out(size);
    std::size_t done = 0;
    while (done < size) {
      std::size_t n = 0;
      ERR_clear_error();
      const int r = SSL_read_ex(ssl_, out.data() + done, size - done, &n);
      co_await flush(raw);  // whatever reading produced (a KeyUpdate answer)
      if (r == 1) {
        done += n;
        continue;
      }
      if (SSL_get_error(ssl_, r) != SSL_ERROR_WANT_READ || !co_await fill(raw)) break;
    }
    out.resize(done);
    co_return out;
  }

  // Sends what OpenSSL has written.
  asio::awaitable<void> flush(io::ByteStream& raw) {
    std::uint8_t buffer[4096];
    int n = 0;
    while ((n = BIO_read(network_, buffer, sizeof buffer)) > 0)
      (void)co_await io::write(raw, BytesView(buffer, static_cast<std::size_t>(n)));
  }

 private:
  asio::awaitable<bool> fill(io::ByteStream& raw) {
    std::uint8_t buffer[4096];
    auto n = co_await raw.read_some(asio::buffer(buffer));
    if (!n) co_return false;
    BIO_write(network_, buffer, static_cast<int>(*n));
    co_return true;
  }

  static std::string reason() {
    char text[256] = "unknown";
    if (auto code = ERR_get_error()) ERR_error_string_n(code, text, sizeof text);
    ERR_clear_error();
    return text;
  }

  SSL_CTX* ctx_ = nullptr;
  SSL* ssl_ = nullptr;
  BIO* network_ = nullptr;
};

}  // namespace libp2p::test
