#include "libp2p/security/noise/channel.hpp"

#include "libp2p/security/errc.hpp"
#include "security/detail/buffer_cursor.hpp"
#include "security/detail/frame_buffer.hpp"

#include <boost/asio/error.hpp>

#include <algorithm>
#include <string>

namespace libp2p::noise {
namespace {

using security::Errc;

std::size_t frame_length(const std::uint8_t* header) { return std::size_t{header[0]} << 8 | header[1]; }

}  // namespace

Channel::Channel(std::unique_ptr<io::ByteStream> raw, TransportCiphers ciphers)
    : raw_(std::move(raw)),
      send_(std::move(ciphers.send)),
      receive_(std::move(ciphers.receive)),
      in_(std::make_unique<security::detail::FrameBuffer>(initial_read_buffer_size, max_read_buffer_size)) {
  in_->release_when_quiet();
}

Channel::~Channel() = default;

// Decrypts the complete frames at the front of in_: into `buffer` while they
// fit; the first one that does not (when none went there yet) in place. A bad
// frame fails the channel (read_error_) after the good ones before it.
std::size_t Channel::decrypt_frames(asio::mutable_buffer buffer) {
  auto* out = static_cast<std::uint8_t*>(buffer.data());
  std::size_t done = 0;
  while (in_->size() >= length_size) {
    const std::size_t length = frame_length(in_->data());
    if (length < tag_size) {
      read_error_ = Error(Errc::decrypt_failed,
                          "noise frame of " + std::to_string(length) + " bytes, shorter than its 16-byte tag");
      break;
    }
    if (in_->size() < length_size + length) break;
    std::uint8_t* ciphertext = in_->data() + length_size;
    const std::size_t size = length - tag_size;
    const bool fits = size <= buffer.size() - done;
    if (!fits && done > 0) break;
    std::uint8_t* target = fits ? out + done : ciphertext;
    if (auto r = receive_.decrypt_with_ad({}, BytesView(ciphertext, length), target); !r) {
      read_error_ = r.error();
      break;
    }
    in_->consume(length_size + length);
    if (!fits) {
      in_->hold_plaintext(target, size);
      break;
    }
    done += size;
  }
  return done;
}

asio::awaitable<Result<std::size_t>> Channel::read_some(asio::mutable_buffer buffer) {
  if (buffer.size() == 0) co_return std::size_t{0};
  for (;;) {
    if (read_error_) co_return *read_error_;
    if (in_->has_plaintext()) co_return in_->take_plaintext(buffer);
    if (const std::size_t done = decrypt_frames(buffer); done > 0) co_return done;
    if (read_error_ || in_->has_plaintext()) continue;
    const std::size_t frame = in_->size() >= length_size ? length_size + frame_length(in_->data()) : length_size;
    if (auto r = co_await in_->fill(*raw_, frame); !r) {
      if (r.error().code == asio::error::eof && in_->size() > 0)
        co_return Error(Errc::protocol_error, "noise channel: the stream ended inside a frame");
      co_return r.error();
    }
  }
}

// Bytes received and not read yet (a partial frame too: the reader holds on
// to its buffer then), else as the raw stream says.
io::ByteStream::Readiness Channel::readiness() const {
  if (read_error_ || in_->has_input()) return Readiness::ready;
  return raw_->readiness();
}

// Without asking the raw stream again: its wait completes at once if it is readable.
asio::awaitable<void> Channel::wait_readable() {
  if (!read_error_ && !in_->has_input()) co_await in_->wait_readable(*raw_);
}

// Encrypts the next `plaintext` bytes after `cursor` into out_ as frames;
// returns the bytes of out_ used.
Result<std::size_t> Channel::encrypt_batch(security::detail::BufferCursor& cursor, std::size_t plaintext) {
  const std::size_t frames = (plaintext + max_plaintext - 1) / max_plaintext;
  const std::size_t size = plaintext + frames * (length_size + tag_size);
  if (out_.size() < size) out_.resize(size);
  std::uint8_t* frame = out_.data();
  while (plaintext > 0) {
    const std::size_t frame_plaintext = std::min(plaintext, max_plaintext);
    cursor.take(frame_plaintext, pieces_);
    const std::size_t length = frame_plaintext + tag_size;
    frame[0] = static_cast<std::uint8_t>(length >> 8);
    frame[1] = static_cast<std::uint8_t>(length);
    if (auto r = send_.encrypt_with_ad({}, pieces_, frame + length_size); !r) return r.error();
    frame += length_size + length;
    plaintext -= frame_plaintext;
  }
  return size;
}

asio::awaitable<Result<void>> Channel::write(std::span<const asio::const_buffer> buffers) {
  if (write_error_) co_return *write_error_;
  security::detail::BufferCursor cursor(buffers);
  while (cursor.remaining() > 0) {
    auto size = encrypt_batch(cursor, std::min(cursor.remaining(), max_write_batch_frames * max_plaintext));
    if (!size) {
      write_error_ = size.error();
      co_return *write_error_;
    }
    const asio::const_buffer frames(out_.data(), *size);
    // How much of a failed write went out is unknown: the frames after it could not be read.
    if (auto r = co_await raw_->write(std::span(&frames, 1)); !r) {
      write_error_ = r.error();
      co_return *write_error_;
    }
  }
  co_return Result<void>{};
}

}  // namespace libp2p::noise
