#pragma once

// Messages prefixed with their length as an unsigned varint, the framing of
// multistream-select, identify, the plaintext handshake and many protocols.
// Reads never go past the message's end, so what follows stays in the stream.

#include "libp2p/io/byte_stream.hpp"

namespace libp2p::io {

// Reads one message of at most `max_size` bytes; a longer announced length
// fails before any memory is reserved.
asio::awaitable<Result<Bytes>> read_length_prefixed(ByteStream& stream, std::size_t max_size);

// Writes `message` with its length prefix, in one write.
asio::awaitable<Result<void>> write_length_prefixed(ByteStream& stream, BytesView message);

}  // namespace libp2p::io
