#pragma once

// mplex settings. mplex has no flow control (spec: "Implementation notes"), so
// a receiver bounds what it buffers per stream and resets a stream whose
// unread data would exceed that bound, as go-mplex (after a grace period) and
// js-libp2p-mplex (at once) do. A slow reader costs only its own stream, never
// the connection, and a connection holds at most
// (max_inbound_streams + max_outbound_streams) * max_stream_buffer unread bytes.

#include "libp2p/common/error.hpp"
#include "libp2p/muxer/mplex/frame.hpp"

#include <cstddef>

namespace libp2p::mplex {

struct Config {
  // Unread bytes one stream may buffer; a frame that would take a stream
  // beyond this resets that stream. 4 MiB, as js-libp2p-mplex.
  std::size_t max_stream_buffer = 4 << 20;

  // Streams the remote may have open at once; a NewStream beyond it is
  // answered with a Reset. 1024, as js-libp2p-mplex.
  std::size_t max_inbound_streams = 1024;

  // Streams this side may have open at once; open_stream() fails beyond it.
  std::size_t max_outbound_streams = 1024;

  // Largest frame payload accepted from the remote; a larger frame is a
  // protocol violation. 1 MiB, the spec's limit (go-mplex and rust-libp2p's).
  std::size_t max_message_size = mplex::max_message_size;

  // Writes are cut into frames of at most this many bytes, so streams
  // interleave on the connection. At most max_message_size (the remote's limit).
  std::size_t split_send_size = 64 * 1024;

  // Bytes the writer gathers into one write on the connection.
  std::size_t max_write_batch = 256 * 1024;

  // Every value in range; the error names the first that is not.
  Result<void> validate() const;
};

}  // namespace libp2p::mplex
