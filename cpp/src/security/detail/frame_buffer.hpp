#pragma once

// The receive buffer of a secure channel whose ciphertext comes in frames
// (Noise transport messages, TLS records): ciphertext read from the raw
// stream in big chunks, and the plaintext of one frame decrypted in place
// that the reader has not taken yet.
//
// It starts small and doubles, up to its maximum, while reads fill it; it is
// reused, never allocated per frame. Once its owner asks for it
// (release_when_quiet), whenever everything received is consumed and the raw
// stream is quiet (ByteStream::readiness), it lets go of its memory until
// data arrives: a quiet connection holds no receive buffer.

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

  // Not during a handshake: let go of between two flights, the buffer's
  // place in the heap is taken by the handshake's own allocations and the
  // next buffer goes elsewhere (measured: 3 KiB more per idle TLS
  // connection than never letting go).
  void release_when_quiet() { release_when_quiet_ = true; }
  // The memory held, for tests.
  std::size_t capacity() const { return data_ ? capacity_ : 0; }
  // Whether reading would find something without waiting for `raw`.
  bool has_input() const { return has_plaintext() || size() > 0; }
  // Waits until `raw` is readable, holding no memory meanwhile when nothing
  // is pending (and release_when_quiet): for the channel's wait_readable.
  asio::awaitable<void> wait_readable(io::ByteStream& raw);
  // Reads more ciphertext from `raw`, with room for at least `frame` bytes
  // from the front of what is pending (the whole frame begun there). Only
  // when no plaintext is held.
  asio::awaitable<Result<void>> fill(io::ByteStream& raw, std::size_t frame);

 private:
  void make_room(std::size_t frame);
  void release();

  std::size_t initial_size_, max_size_;
  std::unique_ptr<std::uint8_t[]> data_;
  std::size_t capacity_ = 0;  // also while data_ is let go of: the size to take back
  std::size_t begin_ = 0, end_ = 0;
  bool last_read_filled_ = false;  // the last raw read filled all the room there was
  bool release_when_quiet_ = false;
  std::size_t plain_begin_ = 0, plain_end_ = 0;
};

}  // namespace libp2p::security::detail
