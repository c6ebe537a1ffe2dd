#pragma once

// TLS 1.3 over a raw ByteStream. OpenSSL runs the handshake, reading and
// writing through a BIO over this class's buffers; the records after it are
// protected by our own record layer (record_cipher.hpp) with the traffic
// secrets OpenSSL derived, the way kernel TLS offload takes them over. So
// writes encrypt straight from the caller's buffers into one batch of full
// records per raw write, and reads decrypt records straight into the
// caller's buffer: no copy through OpenSSL's record buffers.
//
// After the handshake the stream handles what TLS 1.3 sends besides data:
// KeyUpdate (followed, and answered before our next record when requested;
// we also update our own key before its limit), NewSessionTicket (ignored:
// libp2p does not resume sessions), close_notify (the end of the remote's
// data) and other alerts (errors).

#include "libp2p/io/byte_stream.hpp"
#include "security/detail/frame_buffer.hpp"
#include "security/tls/detail/openssl.hpp"
#include "security/tls/detail/record_cipher.hpp"

#include <optional>
#include <vector>

namespace libp2p::security::detail {
class BufferCursor;
}

namespace libp2p::tls::detail {

class TlsStream final : public io::ByteStream {
 public:
  // `ssl` in its client or server state (SSL_set_connect_state / accept_state).
  TlsStream(std::unique_ptr<io::ByteStream> raw, SslPtr ssl);
  // A stream past its handshake, keyed directly (the record layer alone, as
  // the fuzz target drives it).
  TlsStream(std::unique_ptr<io::ByteStream> raw, RecordCipher send, RecordCipher receive);

  SSL* ssl() const { return ssl_.get(); }
  // Frees OpenSSL's state (the SSL object, its buffers and certificates:
  // tens of KiB per connection) once the caller has read what it needs of
  // the handshake: the record layer needs none of it.
  void release_ssl() { ssl_.reset(); }

  // Runs the handshake to its end, sending our last flight, then keys the
  // record layer with `secrets` (filled during the handshake). A failure
  // leaves the raw stream open (the caller closes it) after trying to send
  // our alert.
  asio::awaitable<Result<void>> handshake(TrafficSecrets& secrets);

  asio::any_io_executor get_executor() const override { return raw_->get_executor(); }
  asio::awaitable<Result<std::size_t>> read_some(asio::mutable_buffer buffer) override;
  Readiness readiness() const override;
  asio::awaitable<void> wait_readable() override;
  asio::awaitable<Result<void>> write(std::span<const asio::const_buffer> buffers) override;
  // close_notify, then the raw stream's close_write.
  asio::awaitable<Result<void>> close_write() override;
  void close() override;

 private:
  friend struct BioCallbacks;

  Result<void> start_records(TrafficSecrets& secrets);
  std::size_t open_records(asio::mutable_buffer buffer);
  Result<void> on_handshake_message(BytesView content);
  Result<void> on_alert(BytesView content);
  // Appends records of `type` holding the next `size` bytes after `cursor`.
  Result<void> seal(ContentType type, security::detail::BufferCursor& cursor, std::size_t size);
  Result<void> seal(ContentType type, BytesView content);
  // Our KeyUpdate, when the remote asked for one or our key is worn out.
  Result<void> update_send_key_if_due();
  // `size` more bytes at the end of output_.
  std::uint8_t* append(std::size_t size);
  // Reads more ciphertext from the raw stream.
  asio::awaitable<Result<void>> receive();
  // Sends the pending ciphertext, and whatever is appended meanwhile.
  asio::awaitable<Result<void>> send();

  std::unique_ptr<io::ByteStream> raw_;
  SslPtr ssl_;
  security::detail::FrameBuffer input_;  // ciphertext received (the handshake's too)
  // Ciphertext to send, and in the raw write under way: the first *_size_
  // bytes of each (the vectors only grow, so no byte is zeroed twice).
  Bytes output_, sending_;
  std::size_t output_size_ = 0, sending_size_ = 0;
  bool sending_active_ = false;

  std::optional<RecordCipher> send_cipher_, receive_cipher_;
  Bytes handshake_messages_;  // a post-handshake message received in part
  bool key_update_requested_ = false;
  bool close_notify_sent_ = false;
  std::vector<BytesView> pieces_;
  std::optional<Error> read_error_;
  std::optional<Error> write_error_;
  bool closed_ = false;
};

}  // namespace libp2p::tls::detail
