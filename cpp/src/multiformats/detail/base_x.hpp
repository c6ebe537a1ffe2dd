#pragma once

// Big-number bases (base58btc, base36): the bytes are one big-endian number
// written in the alphabet's digits, and every leading zero byte is written as
// the alphabet's zero digit (multibase rfcs/Base36.md, the same rule as
// bitcoin's base58). Quadratic in the length: decode_bignum bounds its input.

#include "libp2p/common/bytes.hpp"
#include "libp2p/common/error.hpp"

#include <string>
#include <string_view>

namespace libp2p::multiformats::detail {

struct BaseX {
  std::string_view alphabet;  // at most 64 digits, the first is zero
  std::string_view name;      // for error messages
  bool case_insensitive = false;
};

// Decoding is quadratic: longer texts are refused.
inline constexpr std::size_t max_bignum_text_size = 8192;

std::string encode_bignum(const BaseX& base, BytesView data);
Result<Bytes> decode_bignum(const BaseX& base, std::string_view text);

}  // namespace libp2p::multiformats::detail
