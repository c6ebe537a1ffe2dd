#pragma once

// The state of one mplex stream, shared by its Session (which routes frames
// to it and sends its frames) and its Stream handle.

#include "libp2p/common/bytes.hpp"
#include "libp2p/common/error.hpp"
#include "libp2p/io/notifier.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <span>

namespace libp2p::mplex::detail {

// A stream id is unique only together with who opened it (spec: "Opening a new stream").
struct StreamKey {
  std::uint64_t id = 0;
  bool local = false;  // opened by this side
  friend bool operator==(const StreamKey&, const StreamKey&) = default;
};

struct StreamKeyHash {
  std::size_t operator()(const StreamKey& k) const noexcept {
    return std::hash<std::uint64_t>{}(k.id) ^ (k.local ? 0x9e3779b97f4a7c15u : 0u);
  }
};

// The data of the write in progress, still to be framed. Points into the
// caller's buffers, which live until its write() returns.
struct PendingWrite {
  std::span<const asio::const_buffer> buffers;
  std::size_t index = 0;   // current buffer
  std::size_t offset = 0;  // within it
  std::size_t left = 0;    // bytes in all buffers still to frame
};

struct StreamState {
  StreamState(asio::any_io_executor ex, StreamKey k) : key(k), readable(ex), writable(ex) {}

  StreamKey key;

  // Receiving: unread bytes are inbox[inbox_offset, size).
  Bytes inbox;
  std::size_t inbox_offset = 0;
  bool remote_closed = false;  // Close received: end of stream after the inbox
  io::Notifier readable;

  // Sending, in this order: NewStream, the pending write's data, Close.
  bool open_pending = false;     // NewStream not sent yet
  std::optional<PendingWrite> write;
  bool close_requested = false;  // close_write() called
  bool close_sent = false;
  bool reset_pending = false;    // a Reset to send
  io::Notifier writable;         // the pending write was framed, or failed

  // Set once the stream is reset (by either side) or its session ended:
  // every later read and write fails with it. write_lost: a write was still
  // being framed then (one already framed has succeeded).
  std::optional<Error> failure;
  bool write_lost = false;

  bool scheduled = false;  // in the session's send queue
  bool in_map = false;     // known to the session: frames for it are routed here
  bool accepted = false;   // an inbound stream handed out by accept_stream()
  bool abandoned = false;  // its handle dropped after close_write(): incoming data is dropped

  std::size_t unread() const { return inbox.size() - inbox_offset; }
  bool fully_closed() const { return close_requested && remote_closed; }
};

}  // namespace libp2p::mplex::detail
