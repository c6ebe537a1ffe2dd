#pragma once

// The secure channel after the handshake (libp2p/specs noise/README.md,
// "Wire Format"): each Noise transport message goes out as a 2-byte
// big-endian length and the ciphertext, at most 65535 bytes.
//
// Writes encrypt straight from the caller's buffers into one output buffer
// that holds all the frames of the call (up to max_write_batch_frames full
// frames per write to the raw stream). Reads take big chunks of ciphertext and
// decrypt whole frames straight into the caller's buffer when they fit, else
// in place in the read buffer, from which the next reads are served.
//
// Both buffers are reused (no allocation per frame) and grow with the
// traffic: the read buffer starts small and doubles, up to
// max_read_buffer_size, while reads fill it, and is let go of while the
// connection is quiet; the write buffer grows to the largest batch written.

#include "libp2p/io/byte_stream.hpp"
#include "libp2p/security/noise/handshake_state.hpp"

#include <memory>
#include <optional>
#include <vector>

namespace libp2p::security::detail {
class BufferCursor;
class FrameBuffer;
}

namespace libp2p::noise {

class Channel final : public io::ByteStream {
 public:
  static constexpr std::size_t length_size = 2;
  static constexpr std::size_t max_plaintext = max_message_size - tag_size;  // 65519
  static constexpr std::size_t max_frame_size = length_size + max_message_size;
  // Ciphertext is read up to this much at a time.
  static constexpr std::size_t initial_read_buffer_size = 16 * 1024;
  static constexpr std::size_t max_read_buffer_size = 4 * max_frame_size;
  // At most this many full frames go to the raw stream in one write.
  static constexpr std::size_t max_write_batch_frames = 4;

  Channel(std::unique_ptr<io::ByteStream> raw, TransportCiphers ciphers);
  ~Channel() override;

  asio::any_io_executor get_executor() const override { return raw_->get_executor(); }
  asio::awaitable<Result<std::size_t>> read_some(asio::mutable_buffer buffer) override;
  Readiness readiness() const override;
  asio::awaitable<void> wait_readable() override;
  asio::awaitable<Result<void>> write(std::span<const asio::const_buffer> buffers) override;
  asio::awaitable<Result<void>> close_write() override { return raw_->close_write(); }
  void close() override { raw_->close(); }

 private:
  std::size_t decrypt_frames(asio::mutable_buffer buffer);
  Result<std::size_t> encrypt_batch(security::detail::BufferCursor& cursor, std::size_t plaintext);

  std::unique_ptr<io::ByteStream> raw_;
  CipherState send_;
  CipherState receive_;

  std::unique_ptr<security::detail::FrameBuffer> in_;
  std::optional<Error> read_error_;

  Bytes out_;
  std::vector<BytesView> pieces_;
  std::optional<Error> write_error_;
};

}  // namespace libp2p::noise
