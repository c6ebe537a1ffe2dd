#pragma once

// TLS over a raw ByteStream: OpenSSL's SSL reads and writes through a BIO
// over two buffers of this class, and coroutines move the ciphertext between
// those buffers and the raw stream. The handshake and the record layer run
// on the same object, so nothing read ahead is lost between them.
//
// Writes coalesce small buffers into full 16 KiB records, hand OpenSSL up to
// 16 records per SSL_write and send the ciphertext in one raw write per 256
// KiB; reads decrypt every record already received that fits the caller's
// buffer. The buffers are reused: no allocation per record.

#include "libp2p/io/byte_stream.hpp"
#include "security/tls/detail/openssl.hpp"

#include <optional>

namespace libp2p::tls::detail {

class TlsStream final : public io::ByteStream {
 public:
  // `ssl` in its client or server state (SSL_set_connect_state / accept_state).
  TlsStream(std::unique_ptr<io::ByteStream> raw, SslPtr ssl);

  SSL* ssl() const { return ssl_.get(); }

  // Runs the handshake to its end, sending our last flight. A failure leaves
  // the raw stream open (the caller closes it) after trying to send our alert.
  asio::awaitable<Result<void>> handshake();

  asio::any_io_executor get_executor() const override { return raw_->get_executor(); }
  asio::awaitable<Result<std::size_t>> read_some(asio::mutable_buffer buffer) override;
  asio::awaitable<Result<void>> write(std::span<const asio::const_buffer> buffers) override;
  // close_notify, then the raw stream's close_write.
  asio::awaitable<Result<void>> close_write() override;
  void close() override;

 private:
  friend struct BioCallbacks;

  // Decrypts into `out` what the records received so far hold.
  std::size_t decrypt_available(std::span<std::uint8_t> out, int& ssl_error);
  Result<void> encrypt(BytesView plaintext);
  Result<void> encrypt_coalesced(BytesView& data);
  // Reads more ciphertext from the raw stream.
  asio::awaitable<Result<void>> receive();
  // Sends the pending ciphertext, and whatever is appended meanwhile.
  asio::awaitable<Result<void>> send();

  std::unique_ptr<io::ByteStream> raw_;
  SslPtr ssl_;
  Bytes input_;  // ciphertext received, [input_begin_, input_end_) not yet given to OpenSSL
  std::size_t input_begin_ = 0;
  std::size_t input_end_ = 0;
  Bytes output_;   // ciphertext OpenSSL wrote, not yet sent
  Bytes sending_;  // ciphertext in the raw write under way
  bool sending_active_ = false;
  Bytes staging_;  // plaintext gathered into one record
  std::optional<Error> read_error_;
  std::optional<Error> write_error_;
  bool closed_ = false;
};

}  // namespace libp2p::tls::detail
