#include "stream_port.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>

#include <algorithm>
#include <cassert>
#include <cstring>
#include <iterator>
#include <vector>

namespace libp2p::bindings {

namespace {

// What one read ahead asks for: from 4 KiB (an idle stream holds no more),
// doubled after each read that filled it, up to 64 KiB, and halved after one
// that filled a quarter or less. Such a short answer is copied out, keeping
// the buffer for the next read.
constexpr std::size_t min_read_size = 4 * 1024;
constexpr std::size_t max_read_size = 64 * 1024;

}  // namespace

StreamPort::StreamPort(host::Stream stream, std::function<void(std::uint64_t)> complete)
    : stream_(std::move(stream)), executor_(stream_.get_executor()), complete_(std::move(complete)) {}

std::variant<std::size_t, Error, StreamPort::Parked> StreamPort::read(std::uint64_t op, std::size_t max,
                                                                      const Sink& sink) {
  assert(max > 0);
  std::lock_guard lock(mutex_);
  if (!read_started_) {
    read_started_ = true;
    start_reading();
  }
  if (inbox_bytes_ == 0) {
    if (!read_end_) {
      read_parked_ = op;
      return Parked{};
    }
    if (read_end_->code == asio::error::eof) return std::size_t{0};
    return *read_end_;
  }
  const std::size_t n = std::min(max, inbox_bytes_);
  std::uint8_t* out = sink(n);
  for (std::size_t left = n; left > 0;) {
    Chunk& front = inbox_.front();
    const std::size_t take = std::min(left, front.size - inbox_offset_);
    std::memcpy(out, front.data.get() + inbox_offset_, take);
    out += take;
    left -= take;
    inbox_offset_ += take;
    if (inbox_offset_ == front.size) {
      inbox_.pop_front();
      inbox_offset_ = 0;
    }
  }
  inbox_bytes_ -= n;
  if (!reading_ && !read_end_ && !released_ && inbox_bytes_ < inbox_limit / 2) start_reading();
  return n;
}

std::variant<bool, Error, StreamPort::Parked> StreamPort::write(std::uint64_t op, BytesView data) {
  Bytes copy(data.begin(), data.end());  // before the lock: the network thread may want it meanwhile
  std::lock_guard lock(mutex_);
  if (auto e = write_side_error()) return *e;
  if (outbox_bytes_ >= outbox_limit) {
    write_parked_ = op;
    return Parked{};
  }
  // Even an empty write goes to the stream: on a stream proposed
  // optimistically it sends the proposal (multistream's lazy dialer).
  outbox_bytes_ += copy.size();
  outbox_.push_back(std::move(copy));
  if (!writing_) start_writing();
  return true;
}

std::variant<bool, Error, StreamPort::Parked> StreamPort::drain(std::uint64_t op) {
  std::lock_guard lock(mutex_);
  if (write_error_) return *write_error_;
  if (!writing_) return true;
  write_parked_ = op;
  return Parked{};
}

std::variant<bool, Error, StreamPort::Parked> StreamPort::close_write(std::uint64_t op) {
  std::lock_guard lock(mutex_);
  if (write_error_) return *write_error_;
  if (write_closed_) return true;
  if (!close_requested_) {
    close_requested_ = true;
    if (!writing_) start_writing();
  }
  write_parked_ = op;
  return Parked{};
}

std::optional<Error> StreamPort::write_side_error() const {
  if (write_error_) return write_error_;
  if (close_requested_) return Error(asio::error::bad_descriptor, "the stream is closed for writing");
  return std::nullopt;
}

void StreamPort::reset() { stream_.close(); }

void StreamPort::release() {
  bool busy;
  {
    std::lock_guard lock(mutex_);
    released_ = true;
    busy = reading_ || writing_;
  }
  // Still reading: the remote has not ended its side (or that is still on
  // its way), so the stream is not fully closed and would be reset anyway.
  if (busy) stream_.close();
}

void StreamPort::start_reading() {
  reading_ = true;
  asio::post(executor_, [self = shared_from_this()] {
    asio::co_spawn(self->executor_, self->read_ahead(), [self](std::exception_ptr) {});
  });
}

void StreamPort::start_writing() {
  writing_ = true;
  asio::post(executor_, [self = shared_from_this()] {
    asio::co_spawn(self->executor_, self->write_behind(), [self](std::exception_ptr) {});
  });
}

asio::awaitable<void> StreamPort::read_ahead() {
  Chunk buffer;
  std::size_t size = min_read_size;
  for (;;) {
    if (!buffer.data) buffer = {std::make_unique_for_overwrite<std::uint8_t[]>(size), size};
    auto n = co_await stream_.read_some(asio::buffer(buffer.data.get(), buffer.size));
    std::uint64_t parked;
    bool more;
    {
      std::lock_guard lock(mutex_);
      if (!n) {
        read_end_ = n.error();
      } else if (*n > buffer.size / 4) {
        size = *n == buffer.size ? std::min(2 * size, max_read_size) : size;
        buffer.size = *n;
        inbox_.push_back(std::move(buffer));
        buffer = {};
      } else if (*n > 0) {
        Chunk small{std::make_unique_for_overwrite<std::uint8_t[]>(*n), *n};
        std::memcpy(small.data.get(), buffer.data.get(), *n);
        inbox_.push_back(std::move(small));
        if (size > min_read_size) {
          size /= 2;
          buffer = {};
        }
      }
      if (n) inbox_bytes_ += *n;
      parked = std::exchange(read_parked_, 0);
      more = n && !released_ && inbox_bytes_ < inbox_limit;
      if (!more) reading_ = false;
    }
    if (parked) complete_(parked);
    if (!more) co_return;
  }
}

asio::awaitable<void> StreamPort::write_behind() {
  std::vector<Bytes> batch;
  std::vector<asio::const_buffer> buffers;
  for (;;) {
    bool close = false;
    bool done = false;
    std::uint64_t drained = 0;
    {
      std::lock_guard lock(mutex_);
      batch.assign(std::make_move_iterator(outbox_.begin()), std::make_move_iterator(outbox_.end()));
      outbox_.clear();
      if (batch.empty()) {
        close = close_requested_ && !write_closed_ && !write_error_;
        done = !close;
        if (done) {
          writing_ = false;  // what drain() waits for
          drained = std::exchange(write_parked_, 0);
        }
      }
    }
    if (done) {
      if (drained) complete_(drained);
      co_return;
    }
    std::size_t bytes = 0;
    buffers.clear();
    for (const auto& b : batch) {
      buffers.push_back(asio::buffer(b));
      bytes += b.size();
    }
    // Not a conditional expression of two co_awaits: GCC 12 destroys its temporaries twice.
    Result<void> r;
    if (close) {
      r = co_await stream_.close_write();
    } else {
      r = co_await stream_.write(buffers);
    }
    std::uint64_t parked;
    {
      std::lock_guard lock(mutex_);
      outbox_bytes_ -= bytes;
      if (!r) {
        write_error_ = r.error();
        outbox_.clear();  // never written: the error says so
        outbox_bytes_ = 0;
      } else if (close) {
        write_closed_ = true;
      }
      parked = std::exchange(write_parked_, 0);
    }
    if (parked) complete_(parked);
  }
}

}  // namespace libp2p::bindings
