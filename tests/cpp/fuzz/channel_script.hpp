#pragma once

// What the secure-channel fuzz targets (noise_fuzz, tls_records_fuzz) share:
// running a task to its end (a hang aborts), the corruptions a script adds to
// the byte stream it builds (raw bytes, bit flips) with the read sizes it
// asks for, and the check of what the channel then reads.

#include "libp2p/io/byte_stream.hpp"

#include <boost/asio/error.hpp>
#include <boost/asio/io_context.hpp>

#include <algorithm>
#include <cstdlib>
#include <limits>
#include <map>
#include <vector>

namespace libp2p::fuzz {

inline void run(asio::io_context& io, asio::awaitable<void> task) {
  bool done = false;
  asio::co_spawn(io, std::move(task), [&](std::exception_ptr e) {
    if (e) std::abort();
    done = true;
  });
  io.restart();
  io.run();
  if (!done) std::abort();  // a hang: nothing left to run, yet not finished
}

// The script's input, read a byte at a time (0 past its end).
struct Input {
  BytesView bytes;
  std::size_t at = 0;
  bool more() const { return at < bytes.size(); }
  std::size_t next() { return at < bytes.size() ? bytes[at++] : 0; }
  std::size_t next16() { return next() << 8 | next(); }
};

struct Corruptions {
  static constexpr std::size_t none = std::numeric_limits<std::size_t>::max();

  std::size_t corrupted_at = none;  // the first corrupted byte of the stream
  std::vector<std::size_t> read_sizes;
  std::map<std::size_t, std::uint8_t> flipped;  // position -> bits flipped there, in the end

  // Appends up to the next input byte's value of raw input bytes.
  void raw_bytes(Bytes& stream, Input& in) {
    const std::size_t n = std::min(in.next(), in.bytes.size() - in.at);
    if (n > 0) corrupted_at = std::min(corrupted_at, stream.size());
    append(stream, in.bytes.subspan(in.at, n));
    in.at += n;
  }

  // Flips a bit of what the stream holds.
  void flip(Bytes& stream, Input& in) {
    const std::size_t at = in.next16();
    if (stream.empty()) return;
    const auto mask = static_cast<std::uint8_t>(1u << (at % 8));
    stream[at % stream.size()] ^= mask;
    flipped[at % stream.size()] ^= mask;  // a second flip of the same bit undoes the first
  }

  void read_size(Input& in) { read_sizes.push_back(in.next16() + 1); }

  // Once the script is read: the flips that stayed count as corruption.
  void finish() {
    for (const auto& [at, mask] : flipped)
      if (mask != 0) corrupted_at = std::min(corrupted_at, at);
    if (read_sizes.empty()) read_sizes.push_back(4096);
  }
};

// Reads `channel` with the script's read sizes until it fails, and aborts
// unless it delivered exactly `expected`, then ended cleanly (eof) exactly
// when `clean_end`.
inline asio::awaitable<void> read_all(io::ByteStream& channel, const std::vector<std::size_t>& read_sizes,
                                      const Bytes& expected, bool clean_end) {
  Bytes got, buffer;
  for (std::size_t k = 0;; ++k) {
    buffer.resize(read_sizes[k % read_sizes.size()]);
    auto n = co_await channel.read_some(asio::buffer(buffer));
    if (!n) {
      if (got != expected) std::abort();
      if ((n.error().code == asio::error::eof) != clean_end) std::abort();
      co_return;
    }
    if (*n == 0 || *n > buffer.size()) std::abort();
    got.insert(got.end(), buffer.begin(), buffer.begin() + static_cast<std::ptrdiff_t>(*n));
    if (got.size() > expected.size()) std::abort();
  }
}

}  // namespace libp2p::fuzz
