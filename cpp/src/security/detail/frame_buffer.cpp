#include "security/detail/frame_buffer.hpp"

#include "io/detail/spare_buffers.hpp"

#include <algorithm>
#include <cstring>

namespace libp2p::security::detail {

void FrameBuffer::hold_plaintext(const std::uint8_t* plaintext, std::size_t size) {
  plain_begin_ = static_cast<std::size_t>(plaintext - data_.get());
  plain_end_ = plain_begin_ + size;
}

std::size_t FrameBuffer::take_plaintext(asio::mutable_buffer buffer) {
  const std::size_t n = std::min(buffer.size(), plain_end_ - plain_begin_);
  std::memcpy(buffer.data(), data_.get() + plain_begin_, n);
  plain_begin_ += n;
  return n;
}

// Before a read: room for the rest of the frame begun (and for a bigger read
// if the last one filled the buffer), with the pending bytes moved to the
// front when the room behind them runs short.
void FrameBuffer::make_room(std::size_t frame) {
  if (!data_ && capacity_ > 0) data_ = io::detail::take_buffer(capacity_);  // back from a quiet spell, as big
  const std::size_t pending = size();
  std::size_t capacity = std::max(capacity_, std::max(frame, initial_size_));
  if (last_read_filled_) capacity = std::max(capacity, std::min(2 * capacity_, max_size_));
  if (capacity != capacity_) {
    auto bigger = io::detail::take_buffer(capacity);
    if (pending > 0) std::memcpy(bigger.get(), data(), pending);
    io::detail::give_buffer(std::move(data_), capacity_);
    data_ = std::move(bigger);
    capacity_ = capacity;
  } else if (capacity_ - begin_ < frame || capacity_ - end_ < capacity_ / 4) {
    std::memmove(data_.get(), data(), pending);
  } else {
    return;
  }
  begin_ = 0;
  end_ = pending;
}

void FrameBuffer::release() {
  io::detail::give_buffer(std::move(data_), capacity_);
  begin_ = end_ = 0;
}

asio::awaitable<void> FrameBuffer::wait_readable(io::ByteStream& raw) {
  if (release_when_quiet_ && !has_input()) release();
  co_await raw.wait_readable();
}

asio::awaitable<Result<void>> FrameBuffer::fill(io::ByteStream& raw, std::size_t frame) {
  if (begin_ == end_) {
    begin_ = end_ = 0;
    // With memory to let go of, ask whether the read would wait (after a
    // wait_readable there is none, and the data is there).
    if (release_when_quiet_ && data_ && raw.readiness() == io::ByteStream::Readiness::quiet)
      co_await wait_readable(raw);
  }
  make_room(frame);
  const std::size_t room = capacity_ - end_;
  auto n = co_await raw.read_some(asio::buffer(data_.get() + end_, room));
  if (!n) co_return n.error();
  end_ += *n;
  last_read_filled_ = *n == room;
  co_return Result<void>{};
}

}  // namespace libp2p::security::detail
