#pragma once

// A stream's receive buffer: a byte ring that grows (doubling) only as far
// as it is filled, which the stream's receive window bounds.

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>

namespace libp2p::yamux::detail {

class RingBuffer {
 public:
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  std::size_t capacity() const { return capacity_; }

  // Grows the memory to at most `limit` bytes (the stream's window), or to
  // exactly what is needed if that is more.
  void append(const std::uint8_t* data, std::size_t n, std::size_t limit) {
    if (n == 0) return;
    if (size_ + n > capacity_) grow(size_ + n, limit);
    std::size_t tail = (head_ + size_) % capacity_;
    const std::size_t first = std::min(n, capacity_ - tail);
    std::memcpy(data_.get() + tail, data, first);
    std::memcpy(data_.get(), data + first, n - first);
    size_ += n;
  }

  std::size_t read(std::uint8_t* out, std::size_t n) {
    n = std::min(n, size_);
    if (n == 0) return 0;
    const std::size_t first = std::min(n, capacity_ - head_);
    std::memcpy(out, data_.get() + head_, first);
    std::memcpy(out + first, data_.get(), n - first);
    size_ -= n;
    head_ = size_ == 0 ? 0 : (head_ + n) % capacity_;
    return n;
  }

  // Drops the content and the memory.
  void reset() {
    data_.reset();
    capacity_ = head_ = size_ = 0;
  }

 private:
  static constexpr std::size_t min_capacity = 16 * 1024;

  void grow(std::size_t needed, std::size_t limit) {
    const std::size_t capacity = std::max(needed, std::min(std::max(2 * capacity_, min_capacity), limit));
    auto data = std::make_unique_for_overwrite<std::uint8_t[]>(capacity);
    const std::size_t n = size_;
    if (n > 0) read(data.get(), n);
    data_ = std::move(data);
    capacity_ = capacity;
    head_ = 0;
    size_ = n;
  }

  std::unique_ptr<std::uint8_t[]> data_;
  std::size_t capacity_ = 0;
  std::size_t head_ = 0;
  std::size_t size_ = 0;
};

}  // namespace libp2p::yamux::detail
