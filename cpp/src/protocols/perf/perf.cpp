#include "libp2p/protocols/perf/perf.hpp"

#include <boost/asio/error.hpp>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <limits>
#include <string>
#include <vector>

namespace libp2p::perf {

namespace {

using Clock = std::chrono::steady_clock;

// What both sides send. The spec asks for predetermined bytes; zeros will do,
// and one read-only buffer serves every stream of every host.
constexpr std::array<std::uint8_t, chunk_size> zeros{};

std::chrono::nanoseconds between(Clock::time_point from, Clock::time_point to) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(to - from);
}

// Writes `prefix` then `count` bytes of `zeros`, one chunk per write (the
// prefix gathered with the first), so a huge count costs no memory: each
// write waits for the remote to take the previous one.
asio::awaitable<Result<void>> send_zeros(io::ByteStream& stream, std::uint64_t count, BytesView prefix = {}) {
  while (count > 0 || !prefix.empty()) {
    const auto n = static_cast<std::size_t>(std::min<std::uint64_t>(count, chunk_size));
    std::array<asio::const_buffer, 2> parts;
    std::size_t used = 0;
    if (!prefix.empty()) parts[used++] = asio::buffer(prefix.data(), prefix.size());
    if (n > 0) parts[used++] = asio::buffer(zeros.data(), n);
    if (auto r = co_await stream.write(std::span(parts.data(), used)); !r) co_return r.error();
    prefix = {};
    count -= n;
  }
  co_return Result<void>{};
}

// Reads and discards until end of stream, into one buffer; returns how many
// bytes came. Stops early once more than `limit` came.
asio::awaitable<Result<std::uint64_t>> read_to_end(io::ByteStream& stream, std::uint64_t limit) {
  std::vector<std::uint8_t> buffer(chunk_size);
  std::uint64_t total = 0;
  while (total <= limit) {
    auto n = co_await stream.read_some(asio::buffer(buffer));
    if (!n) {
      if (n.error().code == asio::error::eof) break;
      co_return n.error();
    }
    total += *n;
  }
  co_return total;
}

asio::awaitable<Result<std::uint64_t>> read_header(io::ByteStream& stream) {
  Header header;
  std::size_t have = 0;
  while (have < header.size()) {
    auto n = co_await stream.read_some(asio::buffer(header.data() + have, header.size() - have));
    if (!n) {
      if (n.error().code != asio::error::eof) co_return prefixed("perf: reading the header", n.error());
      co_return Error(asio::error::eof, "perf: the stream ended after " + std::to_string(have) + " of the " +
                                            std::to_string(header_size) + " header bytes");
    }
    have += *n;
  }
  co_return decode_header(header);
}

}  // namespace

Header encode_header(std::uint64_t download_bytes) {
  Header header;
  for (std::size_t i = 0; i < header.size(); ++i)
    header[i] = static_cast<std::uint8_t>(download_bytes >> (8 * (header.size() - 1 - i)));
  return header;
}

std::uint64_t decode_header(const Header& header) {
  std::uint64_t value = 0;
  for (auto byte : header) value = (value << 8) | byte;
  return value;
}

void serve(host::Host& host) {
  host.set_stream_handler(std::string(protocol_id), [](host::Stream stream) -> asio::awaitable<void> {
    if (auto r = co_await respond(stream); !r) {
      spdlog::debug("perf with {}: {}", stream.remote_peer().to_string(), r.error().what());
      stream.close();
    }
  });
}

asio::awaitable<Result<std::uint64_t>> respond(io::ByteStream& stream) {
  auto requested = co_await read_header(stream);
  if (!requested) co_return requested.error();
  // perf.md, server step 3: the download MUST NOT start before the upload ended.
  auto uploaded = co_await read_to_end(stream, std::numeric_limits<std::uint64_t>::max());
  if (!uploaded) co_return prefixed("perf: reading the upload", uploaded.error());
  if (auto r = co_await send_zeros(stream, *requested); !r)
    co_return prefixed("perf: sending the " + std::to_string(*requested) + " bytes asked for", r.error());
  if (auto r = co_await stream.close_write(); !r) co_return prefixed("perf: closing the stream", r.error());
  co_return *uploaded;
}

asio::awaitable<Result<Measurement>> run(io::ByteStream& stream, std::uint64_t upload_bytes,
                                         std::uint64_t download_bytes) {
  const auto header = encode_header(download_bytes);
  const auto start = Clock::now();
  if (auto r = co_await send_zeros(stream, upload_bytes, header); !r) co_return prefixed("perf: uploading", r.error());
  if (auto r = co_await stream.close_write(); !r) co_return prefixed("perf: closing the upload", r.error());
  const auto uploaded = Clock::now();
  auto received = co_await read_to_end(stream, download_bytes);
  if (!received) co_return prefixed("perf: downloading", received.error());
  const auto asked = " the " + std::to_string(download_bytes) + " bytes asked for";
  if (*received > download_bytes)
    co_return Error(asio::error::message_size, "perf: the server sent more than" + asked);
  if (*received < download_bytes)
    co_return Error(asio::error::eof,
                    "perf: the server ended the stream after " + std::to_string(*received) + " of" + asked);
  const auto end = Clock::now();
  Measurement m;
  m.upload_bytes = upload_bytes;
  m.download_bytes = *received;
  m.upload_time = between(start, uploaded);
  m.download_time = between(uploaded, end);
  m.total_time = between(start, end);
  co_return m;
}

asio::awaitable<Result<Measurement>> perf(host::Host& host, peer::PeerId peer, std::uint64_t upload_bytes,
                                          std::uint64_t download_bytes) {
  const auto start = Clock::now();
  auto stream = co_await host.new_stream(std::move(peer), std::vector<std::string>(1, std::string(protocol_id)));
  if (!stream) co_return stream.error();
  auto m = co_await run(*stream, upload_bytes, download_bytes);
  if (!m) {
    stream->close();
    co_return m;
  }
  m->total_time = between(start, Clock::now());
  co_return m;
}

}  // namespace libp2p::perf
