#include "crypto/detail/der.hpp"

#include <array>
#include <cstddef>

namespace libp2p::crypto::detail {

bool opens_with_version(BytesView der, std::uint8_t version, std::uint8_t next_tag) {
  constexpr std::uint8_t sequence = 0x30;
  constexpr std::uint8_t integer = 0x02;
  if (der.size() < 2 || der[0] != sequence) return false;
  // Short form (< 0x80) or long form 0x80 | number of length bytes.
  const std::size_t length_bytes = der[1] < 0x80 ? 0 : der[1] & 0x7f;
  const std::size_t body = 2 + length_bytes;
  const std::array<std::uint8_t, 4> expected = {integer, 0x01, version, next_tag};
  if (der.size() < body + expected.size()) return false;
  return equal(der.subspan(body, expected.size()), expected);
}

}  // namespace libp2p::crypto::detail
