#pragma once

// unsigned-varint (github.com/multiformats/unsigned-varint): LEB128 limited to
// 9 bytes (63 bits), minimal encodings only.

#include "libp2p/common/bytes.hpp"
#include "libp2p/common/error.hpp"

#include <array>
#include <cstdint>

namespace libp2p::multiformats::varint {

inline constexpr std::size_t max_size = 9;
inline constexpr std::uint64_t max_value = (std::uint64_t{1} << 63) - 1;

// The encoding of `value` (at most max_value) in a fixed buffer, and its length.
struct Encoded {
  std::array<std::uint8_t, max_size + 1> bytes{};
  std::size_t size = 0;
  BytesView view() const { return {bytes.data(), size}; }
};
Encoded encode(std::uint64_t value);
void append(Bytes& out, std::uint64_t value);
std::size_t encoded_size(std::uint64_t value);

struct Decoded {
  std::uint64_t value;
  std::size_t size;  // bytes consumed
};
// Decodes one varint from the front of `in`. Errc::truncated means more input
// may complete it; every other error is final.
Result<Decoded> decode(BytesView in);

// Reads a varint from the front of `in` and advances it past the varint.
Result<std::uint64_t> read(BytesView& in);

}  // namespace libp2p::multiformats::varint
