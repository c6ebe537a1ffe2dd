#pragma once

// multistream-select 1.0 over a ByteStream, in both roles. Messages are read
// byte-precisely, so whatever follows the negotiation stays in the stream for
// the protocol that was chosen.

#include "libp2p/io/byte_stream.hpp"
#include "libp2p/multistream/message.hpp"

#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace libp2p::multistream {

// Reads one message; returns its line without the newline.
asio::awaitable<Result<std::string>> read_message(io::ByteStream& stream, std::size_t max_size = max_message_size);

// Dialer: proposes `protocols` in order until the listener accepts one, and
// returns it. The header and the first proposal go out in one write.
asio::awaitable<Result<std::string>> select(io::ByteStream& stream, std::span<const std::string> protocols);

// Dialer, optimistic (rust-libp2p's V1Lazy, go-multistream's lazy client): for
// a single protocol, sends nothing yet and returns a stream whose first write
// carries header, proposal and data in one write, and whose first read first
// consumes the listener's confirmation. Saves a round trip; if the listener
// refuses, the first read fails with Errc::not_supported.
std::unique_ptr<io::ByteStream> select_lazy(std::unique_ptr<io::ByteStream> stream, std::string protocol);

// Dialer: asks for the listener's protocols ("ls").
asio::awaitable<Result<std::vector<std::string>>> list_protocols(io::ByteStream& stream);

// What a listener supports.
struct Supported {
  std::function<bool(std::string_view)> contains;       // does it handle this protocol?
  std::function<std::vector<std::string>()> list;       // the protocols for "ls"
};

// Listener: answers "ls" and refuses ("na") proposals until one is supported,
// confirms it and returns it.
asio::awaitable<Result<std::string>> handle(io::ByteStream& stream, const Supported& supported);

}  // namespace libp2p::multistream
