#pragma once

#include "libp2p/common/error.hpp"
#include "libp2p/muxer/yamux/frame.hpp"

#include <chrono>
#include <cstdint>

namespace libp2p::yamux {

// Settings of a yamux session. The defaults interoperate with go-libp2p and
// rust-libp2p and suit a fast link; validate() says precisely what is wrong.
struct Config {
  // The receive window a stream starts with. The spec fixes 256 KiB as what
  // both sides assume; a larger value is announced on the SYN/ACK frame.
  std::uint32_t initial_stream_window = initial_window;

  // A stream's receive window grows with the measured bandwidth-delay product
  // (it doubles when the remote uses half of it within two round trips) up to
  // this (go-libp2p: 16 MiB).
  std::uint32_t max_stream_window = 16 * 1024 * 1024;

  // Windows grow only while the sum of all streams' receive windows stays at
  // most this; every stream keeps at least its initial window. Bounds what a
  // connection can make us buffer beyond streams x initial window.
  std::uint64_t max_connection_window = 64 * 1024 * 1024;

  // The largest Data payload we send; longer writes are split. rust-yamux
  // rejects frames above 1 MiB, go-yamux sends 64 KiB.
  std::uint32_t max_frame_size = 256 * 1024;

  // Streams the remote may have open at once; an inbound SYN beyond it is
  // answered with RST (go-yamux's MaxIncomingStreams).
  std::uint32_t max_inbound_streams = 1000;

  // Inbound streams not yet taken by accept_stream(); beyond it a SYN is
  // answered with RST (go-yamux's AcceptBacklog). We ACK a stream when it is
  // accepted, so a remote that honours the ACK backlog never hits this.
  std::uint32_t accept_backlog = 256;

  // open_stream() waits while this many of our streams are unacknowledged
  // (spec "ACK backlog & backpressure": SHOULD be at most 256).
  std::uint32_t ack_backlog = 256;

  // A Ping every interval keeps the connection alive and measures the round
  // trip; one unanswered for a whole interval with nothing else received
  // closes the session. Zero turns keep-alive off (a Ping still measures the
  // round trip once, when the session starts).
  std::chrono::milliseconds keepalive_interval = std::chrono::seconds(30);

  Result<void> validate() const;
};

}  // namespace libp2p::yamux
