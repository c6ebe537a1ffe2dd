#pragma once

// A position in a sequence of buffers that hands out the bytes after it as
// views into those buffers: a secure channel encrypts a frame from the
// caller's buffers in pieces, with no copy to gather them first.

#include "libp2p/io/byte_stream.hpp"

#include <algorithm>
#include <span>
#include <vector>

namespace libp2p::security::detail {

class BufferCursor {
 public:
  explicit BufferCursor(std::span<const asio::const_buffer> buffers) : buffers_(buffers) {
    for (const auto& b : buffers) remaining_ += b.size();
  }

  std::size_t remaining() const { return remaining_; }

  // The next `size` bytes (at most remaining()), as views, into `pieces`.
  void take(std::size_t size, std::vector<BytesView>& pieces) {
    pieces.clear();
    remaining_ -= size;
    while (size > 0) {
      const auto& b = buffers_[index_];
      const std::size_t n = std::min(size, b.size() - offset_);
      pieces.emplace_back(static_cast<const std::uint8_t*>(b.data()) + offset_, n);
      size -= n;
      offset_ += n;
      if (offset_ == b.size()) ++index_, offset_ = 0;
    }
  }

 private:
  std::span<const asio::const_buffer> buffers_;
  std::size_t index_ = 0, offset_ = 0;
  std::size_t remaining_ = 0;
};

}  // namespace libp2p::security::detail
