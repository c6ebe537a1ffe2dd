#pragma once

// The receive buffer of a secure channel whose ciphertext comes in frames
// (Noise transport messages, TLS records): ciphertext read from the raw
// stream in big chunks, and the plaintext of one frame decrypted in place
// that the reader has not taken yet.
//
// It starts small and doubles, up to its maximum, while reads fill it, so a
// quiet connection holds little memory; it is reused, never allocated per
// frame.

#include "libp2p/io/byte_stream.hpp"

#include <cstdint>
#include <memory>

namespace libp2p::security::detail {

class FrameBuffer {
 public:
  FrameBuffer(std::size_t initial_size, std::size_t max_size) : initial_size_(initial_size), max_size_(max_size) {}

  // The ciphertext received and not consumed yet.
  std::uint8_t* data() { return data_.get() + begin_; }
  std::size_t size() const { return end_ - begin_; }
  void consume(std::size_t n) { begin_ += n; }

  // The plaintext of a frame decrypted in place (within what was consumed),
  // held for the next reads.
  bool has_plaintext() const { return plain_begin_ < plain_end_; }
  void hold_plaintext(const std::uint8_t* plaintext, std::size_t size);
  std::size_t take_plaintext(asio::mutable_buffer buffer);

  // Reads more ciphertext from `raw`, with room for at least `frame` bytes
  // from the front of what is pending (the whole frame begun there). Only
  // when no plaintext is held.
  asio::awaitable<Result<void>> fill(io::ByteStream& raw, std::size_t frame);

 private:
  void make_room(std::size_t frame);

  std::size_t initial_size_, max_size_;
  std::unique_ptr<std::uint8_t[]> data_;
  std::size_t capacity_ = 0;
  std::size_t begin_ = 0, end_ = 0;
  bool last_read_filled_ = false;  // the last raw read filled all the room there was
  std::size_t plain_begin_ = 0, plain_end_ = 0;
};

}  // namespace libp2p::security::detail
