#include "security/tls/detail/tls_stream.hpp"

#include "crypto/detail/openssl.hpp"
#include "libp2p/security/errc.hpp"

#include <boost/asio/error.hpp>
#include <openssl/err.h>

#include <algorithm>
#include <cstring>

namespace libp2p::tls::detail {
namespace {

using security::Errc;

constexpr std::size_t max_record = 16384;             // TLS plaintext per record (RFC 8446 5.1)
constexpr std::size_t max_records_per_write = 16;     // per SSL_write call
constexpr std::size_t send_threshold = 256 * 1024;    // ciphertext per raw write
constexpr std::size_t input_size = 64 * 1024;         // ciphertext per raw read

// The failure OpenSSL reports now, as an Error; empties the error queue.
Error ssl_failure(int ssl_error, Errc code, std::string_view during) {
  std::string what(during);
  if (ssl_error == SSL_ERROR_SSL) {
    const unsigned long last = ERR_peek_last_error();
    if (code == Errc::protocol_error && ERR_GET_REASON(last) == SSL_R_DECRYPTION_FAILED_OR_BAD_RECORD_MAC)
      code = Errc::decrypt_failed;
    return Error(code, what + ": " + crypto::detail::openssl_error());
  }
  ERR_clear_error();
  if (ssl_error == SSL_ERROR_SYSCALL) return Error(code, what + ": the connection ended unexpectedly");
  return Error(code, what + ": OpenSSL error " + std::to_string(ssl_error));
}

}  // namespace

// The BIO under the SSL: reads take the received ciphertext, writes append
// to the outgoing buffer; both never block (a read with nothing to give asks
// to be retried, and the coroutines fill the buffer).
struct BioCallbacks {
  static TlsStream& stream(BIO* bio) { return *static_cast<TlsStream*>(BIO_get_data(bio)); }

  static int write(BIO* bio, const char* data, std::size_t size, std::size_t* written) {
    auto& s = stream(bio);
    const auto* bytes = reinterpret_cast<const std::uint8_t*>(data);  // same type: insert is a memcpy
    s.output_.insert(s.output_.end(), bytes, bytes + size);
    *written = size;
    return 1;
  }

  static int read(BIO* bio, char* data, std::size_t size, std::size_t* read) {
    auto& s = stream(bio);
    BIO_clear_retry_flags(bio);
    const std::size_t n = std::min(size, s.input_end_ - s.input_begin_);
    if (n == 0) {
      BIO_set_retry_read(bio);
      *read = 0;
      return 0;
    }
    std::memcpy(data, s.input_.data() + s.input_begin_, n);
    s.input_begin_ += n;
    if (s.input_begin_ == s.input_end_) s.input_begin_ = s.input_end_ = 0;
    *read = n;
    return 1;
  }

  static long ctrl(BIO* bio, int command, long, void*) {
    switch (command) {
      case BIO_CTRL_FLUSH: return 1;
      case BIO_CTRL_PENDING: {
        auto& s = stream(bio);
        return static_cast<long>(s.input_end_ - s.input_begin_);
      }
      default: return 0;
    }
  }

  static BIO_METHOD* method() {
    static BIO_METHOD* const m = [] {
      BIO_METHOD* m = BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK, "libp2p ByteStream");
      if (m) {
        BIO_meth_set_write_ex(m, write);
        BIO_meth_set_read_ex(m, read);
        BIO_meth_set_ctrl(m, ctrl);
      }
      return m;
    }();
    return m;
  }
};

TlsStream::TlsStream(std::unique_ptr<io::ByteStream> raw, SslPtr ssl)
    : raw_(std::move(raw)), ssl_(std::move(ssl)), input_(input_size) {
  BIO* bio = BIO_new(BioCallbacks::method());
  if (bio) {
    BIO_set_data(bio, this);
    BIO_set_init(bio, 1);
    SSL_set_bio(ssl_.get(), bio, bio);  // the SSL owns the BIO
  }
}

asio::awaitable<Result<void>> TlsStream::handshake() {
  if (!SSL_get_rbio(ssl_.get())) co_return Error(Errc::handshake_failed, "cannot create the TLS BIO");
  for (;;) {
    ERR_clear_error();
    const int r = SSL_do_handshake(ssl_.get());
    const int ssl_error = r == 1 ? SSL_ERROR_NONE : SSL_get_error(ssl_.get(), r);
    std::optional<Error> failure;
    if (ssl_error != SSL_ERROR_NONE && ssl_error != SSL_ERROR_WANT_READ)
      failure = ssl_failure(ssl_error, Errc::handshake_failed, "TLS handshake");
    // Our next flight, or the alert that tells the peer why we stop.
    if (!output_.empty()) {
      auto sent = co_await send();
      if (!sent && !failure) co_return prefixed("TLS handshake", sent.error());
    }
    if (failure) co_return *failure;
    if (r == 1) co_return Result<void>{};
    if (auto received = co_await receive(); !received) {
      if (received.error().code == asio::error::eof)
        co_return Error(Errc::handshake_failed, "TLS handshake: the remote closed the connection");
      co_return prefixed("TLS handshake", received.error());
    }
  }
}

std::size_t TlsStream::decrypt_available(std::span<std::uint8_t> out, int& ssl_error) {
  std::size_t total = 0;
  ssl_error = SSL_ERROR_NONE;
  while (total < out.size()) {
    std::size_t n = 0;
    ERR_clear_error();
    const int r = SSL_read_ex(ssl_.get(), out.data() + total, out.size() - total, &n);
    if (r != 1) {
      ssl_error = SSL_get_error(ssl_.get(), r);
      break;
    }
    total += n;
  }
  return total;
}

asio::awaitable<Result<std::size_t>> TlsStream::read_some(asio::mutable_buffer buffer) {
  for (;;) {
    if (closed_) co_return Error(asio::error::operation_aborted);
    if (read_error_) co_return *read_error_;
    if (buffer.size() == 0) co_return std::size_t{0};
    int ssl_error = SSL_ERROR_NONE;
    const std::size_t n = decrypt_available({static_cast<std::uint8_t*>(buffer.data()), buffer.size()}, ssl_error);
    switch (ssl_error) {
      case SSL_ERROR_NONE:
      case SSL_ERROR_WANT_READ: break;
      // close_notify: the remote's clean half-close.
      case SSL_ERROR_ZERO_RETURN: read_error_ = Error(asio::error::eof); break;
      default: read_error_ = ssl_failure(ssl_error, Errc::protocol_error, "TLS read"); break;
    }
    // An error after some data shows on the next call.
    if (n > 0) co_return n;
    if (read_error_) co_return *read_error_;
    if (auto received = co_await receive(); !received) {
      if (received.error().code != asio::error::eof) co_return received.error();  // a cancelled read may be retried
      read_error_ = Error(Errc::protocol_error, "TLS read: the connection ended without close_notify");
    }
  }
}

asio::awaitable<Result<void>> TlsStream::receive() {
  auto n = co_await raw_->read_some(asio::buffer(input_.data() + input_end_, input_.size() - input_end_));
  if (!n) co_return n.error();
  input_end_ += *n;
  co_return Result<void>{};
}

Result<void> TlsStream::encrypt(BytesView plaintext) {
  std::size_t written = 0;
  ERR_clear_error();
  const int r = SSL_write_ex(ssl_.get(), plaintext.data(), plaintext.size(), &written);
  if (r != 1) {
    write_error_ = ssl_failure(SSL_get_error(ssl_.get(), r), Errc::protocol_error, "TLS write");
    return *write_error_;
  }
  return {};
}

// Takes from the front of `data` into full records: small pieces gather in
// staging_, whole records go to OpenSSL directly.
Result<void> TlsStream::encrypt_coalesced(BytesView& data) {
  if (!staging_.empty() || data.size() < max_record) {
    const std::size_t n = std::min(data.size(), max_record - staging_.size());
    staging_.insert(staging_.end(), data.begin(), data.begin() + static_cast<std::ptrdiff_t>(n));
    data = data.subspan(n);
    if (staging_.size() < max_record) return {};
    auto r = encrypt(staging_);
    staging_.clear();
    return r;
  }
  const std::size_t n = std::min(data.size() - data.size() % max_record, max_record * max_records_per_write);
  auto r = encrypt(data.first(n));
  data = data.subspan(n);
  return r;
}

asio::awaitable<Result<void>> TlsStream::write(std::span<const asio::const_buffer> buffers) {
  if (closed_) co_return Error(asio::error::operation_aborted);
  if (write_error_) co_return *write_error_;
  for (const auto& buffer : buffers) {
    BytesView data(static_cast<const std::uint8_t*>(buffer.data()), buffer.size());
    while (!data.empty()) {
      if (auto r = encrypt_coalesced(data); !r) co_return r.error();
      if (output_.size() >= send_threshold) {
        if (auto r = co_await send(); !r) co_return r.error();
      }
    }
  }
  if (!staging_.empty()) {
    auto r = encrypt(staging_);
    staging_.clear();
    if (!r) co_return r.error();
  }
  co_return co_await send();
}

asio::awaitable<Result<void>> TlsStream::send() {
  if (sending_active_) co_return Error(Errc::protocol_error, "TLS: concurrent writes");
  sending_active_ = true;
  // The reader may append (an alert) while a raw write is under way: it goes
  // into output_, sending_ stays put.
  while (!output_.empty() && !write_error_) {
    std::swap(output_, sending_);
    auto r = co_await io::write(*raw_, sending_);
    sending_.clear();
    if (!r) write_error_ = r.error();
  }
  sending_active_ = false;
  if (write_error_) co_return *write_error_;
  co_return Result<void>{};
}

asio::awaitable<Result<void>> TlsStream::close_write() {
  if (closed_) co_return Error(asio::error::operation_aborted);
  if (write_error_) co_return *write_error_;
  ERR_clear_error();
  // Only once: a second SSL_shutdown would read (and drop) the peer's data.
  if (!(SSL_get_shutdown(ssl_.get()) & SSL_SENT_SHUTDOWN) && SSL_shutdown(ssl_.get()) < 0) {
    write_error_ = ssl_failure(SSL_get_error(ssl_.get(), -1), Errc::protocol_error, "TLS close_notify");
    co_return *write_error_;
  }
  if (auto r = co_await send(); !r) co_return r.error();
  co_return co_await raw_->close_write();
}

void TlsStream::close() {
  if (closed_) return;
  closed_ = true;
  raw_->close();
}

}  // namespace libp2p::tls::detail
