#pragma once

// perf (/perf/1.0.0, libp2p/specs perf/perf.md): a throughput benchmark.
// The client writes the number of bytes it wants back (a big-endian u64),
// uploads any number of bytes and closes its write side; the server reads to
// the end, then sends the bytes asked for and closes.
//
// The spec's "Security Considerations": serving perf lets any peer make this
// node send and receive without bound, so Host config's `perf` is off by
// default; turn it on only for nodes that benchmark.

#include "libp2p/host/host.hpp"

#include <array>
#include <chrono>
#include <cstdint>

namespace libp2p::perf {

inline constexpr std::string_view protocol_id = "/perf/1.0.0";
inline constexpr std::size_t header_size = 8;
// Bytes per write and per read.
inline constexpr std::size_t chunk_size = 64 * 1024;

using Header = std::array<std::uint8_t, header_size>;

// The header the client sends: how many bytes the server should send back.
Header encode_header(std::uint64_t download_bytes);
std::uint64_t decode_header(const Header& header);

// One run as the client measured it.
struct Measurement {
  std::uint64_t upload_bytes = 0;
  std::uint64_t download_bytes = 0;
  // From the first header byte written to the write side closed.
  std::chrono::nanoseconds upload_time{};
  // From the write side closed to the server's end of stream.
  std::chrono::nanoseconds download_time{};
  // With perf(): from asking for the stream to its end, negotiation included
  // (the spec's "from stream open to stream close"); with run(), upload + download.
  std::chrono::nanoseconds total_time{};
};

// Serves perf on `host`. A stream that ends inside the header, or fails, is
// reset; the bytes asked for are written from one shared buffer as the
// client reads them, however many it asks for.
void serve(host::Host& host);

// The server's side of one stream; returns how many bytes were uploaded.
asio::awaitable<Result<std::uint64_t>> respond(io::ByteStream& stream);

// The client's side of one open perf stream. Fails unless the server sends
// exactly `download_bytes` and then ends the stream.
asio::awaitable<Result<Measurement>> run(io::ByteStream& stream, std::uint64_t upload_bytes,
                                         std::uint64_t download_bytes);

// Opens a perf stream to `peer` (dialing it if need be) and runs once. A
// failed (or cancelled) run resets the stream.
asio::awaitable<Result<Measurement>> perf(host::Host& host, peer::PeerId peer, std::uint64_t upload_bytes,
                                          std::uint64_t download_bytes);

}  // namespace libp2p::perf
