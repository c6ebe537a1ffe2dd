#pragma once

// Owning pointers for the OpenSSL objects the TLS code uses.

#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <memory>

namespace libp2p::tls::detail {

template <class T, void (*FreeFn)(T*)>
struct Deleter {
  void operator()(T* p) const { FreeFn(p); }
};

template <class T, void (*FreeFn)(T*)>
using Owned = std::unique_ptr<T, Deleter<T, FreeFn>>;

using X509Ptr = Owned<X509, X509_free>;
using SslCtxPtr = Owned<SSL_CTX, SSL_CTX_free>;
using SslPtr = Owned<SSL, SSL_free>;

}  // namespace libp2p::tls::detail
