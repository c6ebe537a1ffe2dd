#pragma once

// StreamPort: a stream as the asyncio thread uses it, without a hand-off to
// the network thread per call. The network thread reads ahead into an inbox
// and writes behind from an outbox; the asyncio thread takes from the inbox
// and adds to the outbox under the port's lock. So a read of data that has
// already arrived, and a write while the outbox is below its high-water mark,
// answer at once, on the calling thread.
//
// A call that cannot answer yet parks its op id: the port completes that op,
// without a value, once there is something to answer, and the caller asks
// again. Only the newest parked op of each side is completed; one the caller
// gave up on (a cancelled read) is never completed, and as completions carry
// no data, cancelling loses nothing. Reads take the port from one caller at
// a time, and so do writes, drain and close_write (libp2p.Stream's locks).

#include "libp2p/host/stream.hpp"

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <variant>

namespace libp2p::bindings {

class StreamPort : public std::enable_shared_from_this<StreamPort> {
 public:
  // Read ahead while the inbox holds less than this; resume below half of it.
  static constexpr std::size_t inbox_limit = 1024 * 1024;
  // A write waits while this much is still to be written.
  static constexpr std::size_t outbox_limit = 1024 * 1024;

  // `complete` queues the value-less completion of a parked op (any thread).
  StreamPort(host::Stream stream, std::function<void(std::uint64_t op)> complete);

  struct Parked {};
  // Where read() puts what it takes: a buffer of exactly `size` bytes.
  using Sink = std::function<std::uint8_t*(std::size_t size)>;
  // Up to `max` bytes into sink (returns how many; 0 is end of stream), or
  // the error that ended the stream, or parked.
  std::variant<std::size_t, Error, Parked> read(std::uint64_t op, std::size_t max, const Sink& sink);
  // Takes all of `data` (true), or none of it while the outbox is full (parked).
  std::variant<bool, Error, Parked> write(std::uint64_t op, BytesView data);
  // Answers once everything taken so far is written.
  std::variant<bool, Error, Parked> drain(std::uint64_t op);
  // Half-closes after everything taken so far; answers once done.
  std::variant<bool, Error, Parked> close_write(std::uint64_t op);

  // Network thread: abortive close of the stream (reading ahead and writing
  // behind end with its error).
  void reset();
  // Network thread: Python let go of it. A stream still being read or
  // written is reset; otherwise it goes with the port's last owner, reset
  // then unless both its halves closed (host::Stream).
  void release();

 private:
  struct Chunk {
    std::unique_ptr<std::uint8_t[]> data;
    std::size_t size = 0;  // of data (in the inbox: what it holds)
  };

  void start_reading();  // caller holds the lock
  void start_writing();  // caller holds the lock
  asio::awaitable<void> read_ahead();
  asio::awaitable<void> write_behind();
  std::optional<Error> write_side_error() const;  // caller holds the lock

  host::Stream stream_;  // network thread
  const asio::any_io_executor executor_;
  const std::function<void(std::uint64_t)> complete_;

  std::mutex mutex_;
  // Inbox.
  std::deque<Chunk> inbox_;
  std::size_t inbox_offset_ = 0;  // taken of inbox_.front()
  std::size_t inbox_bytes_ = 0;
  std::optional<Error> read_end_;  // after the inbox: eof or what ended the stream
  bool reading_ = false;           // read_ahead running (or posted)
  bool read_started_ = false;      // the first read() starts reading ahead
  std::uint64_t read_parked_ = 0;
  // Outbox.
  std::deque<Bytes> outbox_;
  std::size_t outbox_bytes_ = 0;  // in outbox_ and being written
  bool writing_ = false;          // write_behind running (or posted): something is still to write
  bool close_requested_ = false;
  bool write_closed_ = false;
  std::optional<Error> write_error_;
  std::uint64_t write_parked_ = 0;
  bool released_ = false;
};

}  // namespace libp2p::bindings
