#pragma once

// Buffers that readers let go of while their stream is quiet
// (ByteStream::readiness), kept per thread and per size for the next reader
// that wakes up on that thread: it gets one without going through malloc,
// whose trimming of the heap's top would hand it fresh pages. A few of each
// size are kept; the rest are freed.

#include <cstddef>
#include <cstdint>
#include <memory>

namespace libp2p::io::detail {

using Buffer = std::unique_ptr<std::uint8_t[]>;

// A buffer of `size` bytes (uninitialised).
Buffer take_buffer(std::size_t size);
// Gives back a buffer of `size` bytes from take_buffer (or of that size).
void give_buffer(Buffer buffer, std::size_t size);

}  // namespace libp2p::io::detail
