#include "libp2p/security/noise/channel.hpp"

#include "libp2p/security/errc.hpp"

#include <boost/asio/error.hpp>

#include <algorithm>
#include <cstring>
#include <string>

namespace libp2p::noise {
namespace {

using security::Errc;

std::size_t frame_length(const std::uint8_t* header) { return std::size_t{header[0]} << 8 | header[1]; }

}  // namespace

Channel::Channel(std::unique_ptr<io::ByteStream> raw, TransportCiphers ciphers)
    : raw_(std::move(raw)), send_(std::move(ciphers.send)), receive_(std::move(ciphers.receive)) {}

std::size_t Channel::take_plaintext(asio::mutable_buffer buffer) {
  const std::size_t n = std::min(buffer.size(), plain_end_ - plain_begin_);
  std::memcpy(buffer.data(), in_.get() + plain_begin_, n);
  plain_begin_ += n;
  return n;
}

// Decrypts the complete frames at the front of in_: into `buffer` while they
// fit; the first one that does not (when none went there yet) in place. A bad
// frame fails the channel (read_error_) after the good ones before it.
std::size_t Channel::decrypt_frames(asio::mutable_buffer buffer) {
  auto* out = static_cast<std::uint8_t*>(buffer.data());
  std::size_t done = 0;
  while (in_end_ - in_begin_ >= length_size) {
    const std::size_t length = frame_length(in_.get() + in_begin_);
    if (length < tag_size) {
      read_error_ = Error(Errc::decrypt_failed,
                          "noise frame of " + std::to_string(length) + " bytes, shorter than its 16-byte tag");
      break;
    }
    if (in_end_ - in_begin_ < length_size + length) break;
    std::uint8_t* ciphertext = in_.get() + in_begin_ + length_size;
    const std::size_t size = length - tag_size;
    const bool fits = size <= buffer.size() - done;
    if (!fits && done > 0) break;
    std::uint8_t* target = fits ? out + done : ciphertext;
    if (auto r = receive_.decrypt_with_ad({}, BytesView(ciphertext, length), target); !r) {
      read_error_ = r.error();
      break;
    }
    in_begin_ += length_size + length;
    if (!fits) {
      plain_begin_ = in_begin_ - length;
      plain_end_ = plain_begin_ + size;
      break;
    }
    done += size;
  }
  return done;
}

// Before a read: room for at least the rest of the frame begun (and for a
// bigger read if the last one filled the buffer), with the bytes of that frame
// moved to the front when the room behind them runs short.
void Channel::make_room() {
  const std::size_t pending = in_end_ - in_begin_;
  const std::size_t frame = pending >= length_size ? length_size + frame_length(in_.get() + in_begin_) : length_size;
  std::size_t size = std::max(in_size_, std::max(frame, initial_read_buffer_size));
  if (last_read_filled_) size = std::min(std::max(size, 2 * in_size_), max_read_buffer_size);
  if (size != in_size_) {
    auto bigger = std::make_unique_for_overwrite<std::uint8_t[]>(size);
    if (pending > 0) std::memcpy(bigger.get(), in_.get() + in_begin_, pending);
    in_ = std::move(bigger);
    in_size_ = size;
  } else if (in_size_ - in_begin_ < frame || in_size_ - in_end_ < in_size_ / 4) {
    std::memmove(in_.get(), in_.get() + in_begin_, pending);
  } else {
    return;
  }
  in_begin_ = 0;
  in_end_ = pending;
}

// Reads more ciphertext behind what in_ holds.
asio::awaitable<Result<void>> Channel::fill() {
  if (in_begin_ == in_end_) in_begin_ = in_end_ = 0;
  make_room();
  const std::size_t room = in_size_ - in_end_;
  auto n = co_await raw_->read_some(asio::buffer(in_.get() + in_end_, room));
  if (!n) {
    if (n.error().code == asio::error::eof && in_end_ != in_begin_)
      co_return Error(Errc::protocol_error, "noise channel: the stream ended inside a frame");
    co_return n.error();
  }
  in_end_ += *n;
  last_read_filled_ = *n == room;
  co_return Result<void>{};
}

asio::awaitable<Result<std::size_t>> Channel::read_some(asio::mutable_buffer buffer) {
  if (buffer.size() == 0) co_return std::size_t{0};
  for (;;) {
    if (read_error_) co_return *read_error_;
    if (plain_begin_ < plain_end_) co_return take_plaintext(buffer);
    if (const std::size_t done = decrypt_frames(buffer); done > 0) co_return done;
    if (!read_error_ && plain_begin_ == plain_end_) {
      if (auto r = co_await fill(); !r) co_return r.error();
    }
  }
}

// Encrypts the next `plaintext` bytes of `buffers`, from buffers[index] at
// `offset` on, into out_ as frames; returns the bytes of out_ used.
Result<std::size_t> Channel::encrypt_batch(std::span<const asio::const_buffer> buffers, std::size_t& index,
                                           std::size_t& offset, std::size_t plaintext) {
  const std::size_t frames = (plaintext + max_plaintext - 1) / max_plaintext;
  const std::size_t size = plaintext + frames * (length_size + tag_size);
  if (out_.size() < size) out_.resize(size);
  std::uint8_t* frame = out_.data();
  while (plaintext > 0) {
    const std::size_t frame_plaintext = std::min(plaintext, max_plaintext);
    pieces_.clear();
    for (std::size_t want = frame_plaintext; want > 0;) {
      const auto& b = buffers[index];
      const std::size_t n = std::min(want, b.size() - offset);
      pieces_.emplace_back(static_cast<const std::uint8_t*>(b.data()) + offset, n);
      want -= n;
      offset += n;
      if (offset == b.size()) ++index, offset = 0;
    }
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
  std::size_t left = 0;
  for (const auto& b : buffers) left += b.size();
  std::size_t index = 0, offset = 0;
  while (left > 0) {
    const std::size_t batch = std::min(left, max_write_batch_frames * max_plaintext);
    auto size = encrypt_batch(buffers, index, offset, batch);
    if (!size) {
      write_error_ = size.error();
      co_return *write_error_;
    }
    left -= batch;
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
