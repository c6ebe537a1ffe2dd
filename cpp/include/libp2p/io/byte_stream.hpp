#pragma once

// ByteStream: a reliable, ordered, bidirectional byte stream. Raw transport
// connections, secured channels and multiplexed streams are all ByteStreams,
// so multistream-select, the security handshakes and the muxers run over any
// of them.
//
// At most one read_some and one write may be outstanding at a time (as with
// Asio sockets). Failures are values: end of stream is asio::error::eof, an
// aborted operation asio::error::operation_aborted.

#include "libp2p/common/bytes.hpp"
#include "libp2p/common/error.hpp"
#include "libp2p/io/asio.hpp"

#include <span>

namespace libp2p::io {

class ByteStream {
 public:
  virtual ~ByteStream() = default;

  virtual asio::any_io_executor get_executor() const = 0;

  // Reads at least one byte into `buffer` (unless it is empty).
  virtual asio::awaitable<Result<std::size_t>> read_some(asio::mutable_buffer buffer) = 0;

  // Readiness, so that a reader can let go of its buffer while the stream is
  // quiet (an idle connection then holds no receive buffers). readiness()
  // says whether read_some would find something without waiting: data, end
  // of stream or an error to report; `unknown` where the stream cannot tell
  // without reading. wait_readable() completes once it would, or once the
  // stream is closed (read_some then says what happened); where readiness()
  // is not `quiet` it completes at once. Not while a read_some is
  // outstanding.
  enum class Readiness { unknown, ready, quiet };
  virtual Readiness readiness() const { return Readiness::unknown; }
  virtual asio::awaitable<void> wait_readable() { co_return; }

  // Writes all of `buffers`, in order (a gather write).
  virtual asio::awaitable<Result<void>> write(std::span<const asio::const_buffer> buffers) = 0;

  // Half-close: this side writes no more; the remote reads end of stream.
  virtual asio::awaitable<Result<void>> close_write() = 0;

  // Abortive close of both directions; pending operations fail.
  virtual void close() = 0;
};

// Writes all of `data`.
asio::awaitable<Result<void>> write(ByteStream& stream, BytesView data);

// Reads exactly `out.size()` bytes; eof before that is an error.
asio::awaitable<Result<void>> read_exactly(ByteStream& stream, std::span<std::uint8_t> out);

}  // namespace libp2p::io
