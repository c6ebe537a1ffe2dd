#include "security/tls/detail/tls_stream.hpp"

#include "crypto/detail/openssl.hpp"
#include "libp2p/security/errc.hpp"
#include "security/detail/buffer_cursor.hpp"

#include <boost/asio/error.hpp>
#include <openssl/err.h>

#include <algorithm>
#include <cstring>
#include <string>

namespace libp2p::tls::detail {
namespace {

using security::Errc;

// The receive buffer holds one record at first, and grows to 16 while the
// raw reads fill it; writes send up to 16 full records per raw write.
constexpr std::size_t initial_input_size = record_header_size + max_record_ciphertext;
constexpr std::size_t max_input_size = 16 * initial_input_size;
constexpr std::size_t max_records_per_write = 16;

// Post-handshake messages (RFC 8446 §4.6): NewSessionTicket carries a ticket
// of up to 2^16-1 bytes; nothing legitimate comes near this bound.
constexpr std::size_t max_handshake_message = 1 << 17;
constexpr std::uint8_t new_session_ticket = 4;
constexpr std::uint8_t key_update = 24;
constexpr std::uint8_t update_requested = 1;
constexpr std::uint8_t close_notify = 0;
constexpr std::uint8_t user_canceled = 90;

// The failure OpenSSL reports now, as an Error; empties the error queue.
Error ssl_failure(int ssl_error, Errc code, std::string_view during) {
  std::string what(during);
  if (ssl_error == SSL_ERROR_SSL) return Error(code, what + ": " + crypto::detail::openssl_error());
  ERR_clear_error();
  if (ssl_error == SSL_ERROR_SYSCALL) return Error(code, what + ": the connection ended unexpectedly");
  return Error(code, what + ": OpenSSL error " + std::to_string(ssl_error));
}

Error violation(std::string what) { return Error(Errc::protocol_error, "TLS: " + what); }

std::size_t record_length(const std::uint8_t* header) { return std::size_t{header[3]} << 8 | header[4]; }

}  // namespace

// The BIO under the SSL during the handshake: reads take the received
// ciphertext, writes append to the outgoing buffer; both never block (a read
// with nothing to give asks to be retried, and the coroutines fill the buffer).
struct BioCallbacks {
  static TlsStream& stream(BIO* bio) { return *static_cast<TlsStream*>(BIO_get_data(bio)); }

  static int write(BIO* bio, const char* data, std::size_t size, std::size_t* written) {
    std::memcpy(stream(bio).append(size), data, size);
    *written = size;
    return 1;
  }

  static int read(BIO* bio, char* data, std::size_t size, std::size_t* read) {
    auto& input = stream(bio).input_;
    BIO_clear_retry_flags(bio);
    const std::size_t n = std::min(size, input.size());
    if (n == 0) {
      BIO_set_retry_read(bio);
      *read = 0;
      return 0;
    }
    std::memcpy(data, input.data(), n);
    input.consume(n);
    *read = n;
    return 1;
  }

  static long ctrl(BIO* bio, int command, long, void*) {
    switch (command) {
      case BIO_CTRL_FLUSH: return 1;
      case BIO_CTRL_PENDING: return static_cast<long>(stream(bio).input_.size());
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
    : raw_(std::move(raw)), ssl_(std::move(ssl)), input_(initial_input_size, max_input_size) {
  BIO* bio = BIO_new(BioCallbacks::method());
  if (bio) {
    BIO_set_data(bio, this);
    BIO_set_init(bio, 1);
    SSL_set_bio(ssl_.get(), bio, bio);  // the SSL owns the BIO
  }
}

TlsStream::TlsStream(std::unique_ptr<io::ByteStream> raw, RecordCipher send, RecordCipher receive)
    : raw_(std::move(raw)),
      input_(initial_input_size, max_input_size),
      send_cipher_(std::move(send)),
      receive_cipher_(std::move(receive)) {
  input_.release_when_quiet();
}

std::uint8_t* TlsStream::append(std::size_t size) {
  if (output_.size() < output_size_ + size) output_.resize(output_size_ + size);
  std::uint8_t* p = output_.data() + output_size_;
  output_size_ += size;
  return p;
}

asio::awaitable<Result<void>> TlsStream::handshake(TrafficSecrets& secrets) {
  if (!SSL_get_rbio(ssl_.get())) co_return Error(Errc::handshake_failed, "cannot create the TLS BIO");
  for (;;) {
    ERR_clear_error();
    const int r = SSL_do_handshake(ssl_.get());
    const int ssl_error = r == 1 ? SSL_ERROR_NONE : SSL_get_error(ssl_.get(), r);
    std::optional<Error> failure;
    if (ssl_error != SSL_ERROR_NONE && ssl_error != SSL_ERROR_WANT_READ)
      failure = ssl_failure(ssl_error, Errc::handshake_failed, "TLS handshake");
    // Our next flight, or the alert that tells the peer why we stop.
    if (output_size_ > 0) {
      auto sent = co_await send();
      if (!sent && !failure) co_return prefixed("TLS handshake", sent.error());
    }
    if (failure) co_return *failure;
    if (r == 1) co_return start_records(secrets);
    if (auto received = co_await receive(); !received) {
      if (received.error().code == asio::error::eof)
        co_return Error(Errc::handshake_failed, "TLS handshake: the remote closed the connection");
      co_return prefixed("TLS handshake", received.error());
    }
  }
}

Result<void> TlsStream::start_records(TrafficSecrets& secrets) {
  struct Wipe {
    TrafficSecrets& s;
    ~Wipe() {
      crypto::detail::cleanse(s.client);
      crypto::detail::cleanse(s.server);
    }
  } wipe{secrets};
  // Without read-ahead OpenSSL reads no byte past the handshake: what
  // follows it is in input_, for our record layer.
  if (SSL_has_pending(ssl_.get())) return violation("OpenSSL holds records past the handshake");
  if (secrets.client.empty() || secrets.server.empty())
    return Error(Errc::handshake_failed, "TLS handshake: OpenSSL reported no traffic secrets");
  const SSL_CIPHER* cipher = SSL_get_current_cipher(ssl_.get());
  auto suite = cipher_suite(cipher ? SSL_CIPHER_get_protocol_id(cipher) : 0);
  if (!suite) return suite.error();
  const bool server = SSL_is_server(ssl_.get()) == 1;
  auto send = RecordCipher::make(*suite, server ? secrets.server : secrets.client, true);
  if (!send) return send.error();
  auto receive = RecordCipher::make(*suite, server ? secrets.client : secrets.server, false);
  if (!receive) return receive.error();
  send_cipher_.emplace(std::move(*send));
  receive_cipher_.emplace(std::move(*receive));
  input_.release_when_quiet();
  return {};
}

asio::awaitable<Result<void>> TlsStream::receive() {
  // During the handshake: at least one byte more than what OpenSSL could not use yet.
  co_return co_await input_.fill(*raw_, input_.size() + 1);
}

// Opens the complete records at the front of input_: application data into
// `buffer` while it fits, the first record that does not (when none went
// there yet) in place; handshake messages and alerts are handled on the way.
// A bad record fails the stream (read_error_) after the good ones before it.
std::size_t TlsStream::open_records(asio::mutable_buffer buffer) {
  auto* out = static_cast<std::uint8_t*>(buffer.data());
  std::size_t done = 0;
  while (input_.size() >= record_header_size && !read_error_) {
    std::uint8_t* record = input_.data();
    const std::size_t length = record_length(record);
    // §5.2: after the handshake every record is an encrypted one, with the outer type application_data.
    if (record[0] != static_cast<std::uint8_t>(ContentType::application_data)) {
      read_error_ = violation("a record of type " + std::to_string(record[0]) + " after the handshake");
      break;
    }
    if (length > max_record_ciphertext) {
      read_error_ = Error(Errc::message_too_large, "TLS record of " + std::to_string(length) + " bytes, limit " +
                                                       std::to_string(max_record_ciphertext) + " (record_overflow)");
      break;
    }
    if (length < record_tag_size + 1) {
      read_error_ = violation("a record of " + std::to_string(length) + " bytes, too short for its tag");
      break;
    }
    if (input_.size() < record_header_size + length) break;
    const bool fits = length - record_tag_size <= buffer.size() - done;
    if (!fits && done > 0) break;
    std::uint8_t* target = fits ? out + done : record + record_header_size;
    auto opened = receive_cipher_->open(BytesView(record, record_header_size + length), target);
    if (!opened) {
      read_error_ = opened.error();
      break;
    }
    input_.consume(record_header_size + length);
    const BytesView content(target, opened->size);
    switch (opened->type) {
      case ContentType::application_data:
        if (!fits) {
          input_.hold_plaintext(target, opened->size);
          return done;
        }
        done += opened->size;
        break;
      case ContentType::handshake:
        if (auto r = on_handshake_message(content); !r) read_error_ = r.error();
        break;
      case ContentType::alert:
        if (auto r = on_alert(content); !r) read_error_ = r.error();
        break;
      default:
        read_error_ = violation("a record of content type " + std::to_string(static_cast<int>(opened->type)));
    }
  }
  return done;
}

Result<void> TlsStream::on_handshake_message(BytesView content) {
  if (content.empty()) return violation("a handshake record with no content");  // §5.1
  handshake_messages_.insert(handshake_messages_.end(), content.begin(), content.end());
  while (handshake_messages_.size() >= 4) {
    const std::uint8_t* m = handshake_messages_.data();
    const std::size_t length = std::size_t{m[1]} << 16 | std::size_t{m[2]} << 8 | m[3];
    if (length > max_handshake_message)
      return violation("a post-handshake message of " + std::to_string(length) + " bytes");
    if (handshake_messages_.size() < 4 + length) break;
    if (m[0] == key_update) {
      // §4.6.3; §5.1: a KeyUpdate ends its record (it must not span a key change).
      if (length != 1 || m[4] > update_requested) return violation("a malformed KeyUpdate");
      if (handshake_messages_.size() != 5) return violation("a KeyUpdate that does not end its record");
      if (m[4] == update_requested) key_update_requested_ = true;
      handshake_messages_.clear();
      return receive_cipher_->update();
    }
    if (m[0] != new_session_ticket)  // tickets are useless to us: libp2p does not resume
      return violation("the handshake message of type " + std::to_string(m[0]) + " after the handshake");
    handshake_messages_.erase(handshake_messages_.begin(), handshake_messages_.begin() + 4 + static_cast<std::ptrdiff_t>(length));
  }
  return {};
}

Result<void> TlsStream::on_alert(BytesView content) {
  if (content.size() != 2) return violation("an alert of " + std::to_string(content.size()) + " bytes");
  const std::uint8_t description = content[1];
  if (description == close_notify) {  // the remote's clean half-close
    read_error_ = Error(asio::error::eof);
    return {};
  }
  if (description == user_canceled) return {};  // §6.1: a close_notify follows
  return violation(std::string("the remote sent the alert ") + SSL_alert_desc_string_long(description));
}

asio::awaitable<Result<std::size_t>> TlsStream::read_some(asio::mutable_buffer buffer) {
  for (;;) {
    if (closed_) co_return Error(asio::error::operation_aborted);
    if (input_.has_plaintext()) co_return input_.take_plaintext(buffer);
    if (read_error_) co_return *read_error_;
    if (buffer.size() == 0) co_return std::size_t{0};
    if (const std::size_t done = open_records(buffer); done > 0) co_return done;  // an error shows on the next call
    if (read_error_ || input_.has_plaintext()) continue;
    const std::size_t frame = input_.size() >= record_header_size
                                  ? record_header_size + record_length(input_.data())
                                  : record_header_size;
    if (auto r = co_await input_.fill(*raw_, frame); !r) {
      if (r.error().code != asio::error::eof) co_return r.error();  // a cancelled read may be retried
      read_error_ = violation(input_.size() > 0 ? "the connection ended inside a record"
                                                : "the connection ended without close_notify");
    }
  }
}

// As the Noise channel: what was received and not read, else the raw stream.
io::ByteStream::Readiness TlsStream::readiness() const {
  if (closed_ || read_error_ || input_.has_input()) return Readiness::ready;
  return raw_->readiness();
}

asio::awaitable<void> TlsStream::wait_readable() {
  if (!closed_ && !read_error_ && !input_.has_input()) co_await input_.wait_readable(*raw_);
}

Result<void> TlsStream::seal(ContentType type, security::detail::BufferCursor& cursor, std::size_t size) {
  while (size > 0) {
    const std::size_t plaintext = std::min(size, max_record_plaintext);
    cursor.take(plaintext, pieces_);
    if (auto r = send_cipher_->seal(type, pieces_, plaintext, append(record_size(plaintext))); !r) return r;
    size -= plaintext;
  }
  return {};
}

Result<void> TlsStream::seal(ContentType type, BytesView content) {
  const asio::const_buffer buffer(content.data(), content.size());
  security::detail::BufferCursor cursor(std::span(&buffer, 1));
  return seal(type, cursor, content.size());
}

Result<void> TlsStream::update_send_key_if_due() {
  if (!key_update_requested_ && !send_cipher_->key_exhausted()) return {};
  // §4.6.3: ours never requests one back; the records after it use the next key.
  const std::uint8_t message[] = {key_update, 0, 0, 1, 0};
  if (auto r = seal(ContentType::handshake, message); !r) return r;
  key_update_requested_ = false;
  return send_cipher_->update();
}

asio::awaitable<Result<void>> TlsStream::write(std::span<const asio::const_buffer> buffers) {
  if (closed_) co_return Error(asio::error::operation_aborted);
  if (write_error_) co_return *write_error_;
  if (close_notify_sent_) co_return violation("a write after close_write");
  security::detail::BufferCursor cursor(buffers);
  while (cursor.remaining() > 0) {
    const std::size_t batch = std::min(cursor.remaining(), max_records_per_write * max_record_plaintext);
    auto sealed = update_send_key_if_due();
    if (sealed) sealed = seal(ContentType::application_data, cursor, batch);
    if (!sealed) {
      write_error_ = sealed.error();
      co_return *write_error_;
    }
    if (auto r = co_await send(); !r) co_return r.error();
  }
  co_return Result<void>{};
}

asio::awaitable<Result<void>> TlsStream::send() {
  if (sending_active_) co_return violation("concurrent writes");
  sending_active_ = true;
  // During the handshake the reader may append (an alert) while a raw write
  // is under way: it goes into output_, sending_ stays put.
  while (output_size_ > 0 && !write_error_) {
    std::swap(output_, sending_);
    std::swap(output_size_, sending_size_);
    auto r = co_await io::write(*raw_, BytesView(sending_.data(), sending_size_));
    sending_size_ = 0;
    if (!r) write_error_ = r.error();
  }
  sending_active_ = false;
  if (write_error_) co_return *write_error_;
  co_return Result<void>{};
}

asio::awaitable<Result<void>> TlsStream::close_write() {
  if (closed_) co_return Error(asio::error::operation_aborted);
  if (write_error_) co_return *write_error_;
  if (!close_notify_sent_) {  // only once
    const std::uint8_t alert[] = {1, close_notify};  // level warning (§6)
    if (auto r = seal(ContentType::alert, alert); !r) {
      write_error_ = r.error();
      co_return *write_error_;
    }
    close_notify_sent_ = true;
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
