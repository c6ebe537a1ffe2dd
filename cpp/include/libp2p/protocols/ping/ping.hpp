#pragma once

// ping (/ipfs/ping/1.0.0, libp2p/specs ping/ping.md): the dialer sends 32
// random bytes, the listener echoes them, the dialer measures the round trip.
// Any number of pings may follow on one stream.

#include "libp2p/host/host.hpp"

#include <chrono>

namespace libp2p::ping {

inline constexpr std::string_view protocol_id = "/ipfs/ping/1.0.0";
inline constexpr std::size_t payload_size = 32;

// Serves pings on `host`: echoes every 32-byte payload until the remote
// closes the stream.
void serve(host::Host& host);

// One ping on an open ping stream: the round-trip time.
asio::awaitable<Result<std::chrono::nanoseconds>> ping_once(io::ByteStream& stream);

// Opens a ping stream to `peer` (dialing it if need be), pings once, closes it.
asio::awaitable<Result<std::chrono::nanoseconds>> ping(host::Host& host, peer::PeerId peer);

}  // namespace libp2p::ping
