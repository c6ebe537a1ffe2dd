#pragma once

// The bit-group encodings of RFC 4648 (base16, base32, base64 and variants):
// each character carries log2(alphabet size) bits, big-endian.

#include "libp2p/common/bytes.hpp"
#include "libp2p/common/error.hpp"

#include <string>
#include <string_view>

namespace libp2p::multiformats::detail {

enum class Padding {
  none,      // no '=' allowed (RFC 4648 section 3.2 permits omitting it)
  required,  // exactly the '=' that complete the last group
  optional,  // none up to exactly the complete padding
};

struct Rfc4648 {
  std::string_view alphabet;  // 16, 32 or 64 characters
  std::string_view name;      // for error messages
  bool case_insensitive = false;
  Padding padding = Padding::none;
  // RFC 4648 section 3.5: canonical encodings have zero bits after the last
  // byte. Strict decoders reject others, so text round-trips exactly.
  bool strict_trailing_bits = true;
};

std::string rfc4648_encode(const Rfc4648& base, BytesView data);
Result<Bytes> rfc4648_decode(const Rfc4648& base, std::string_view text);

}  // namespace libp2p::multiformats::detail
