#include "crypto/detail/der.hpp"

#include <array>
#include <cstddef>

namespace libp2p::crypto::detail {
namespace {

constexpr std::uint8_t integer = 0x02;
constexpr std::uint8_t bit_string = 0x03;
constexpr std::uint8_t sequence = 0x30;

// AlgorithmIdentifier { rsaEncryption (1.2.840.113549.1.1.1), NULL }.
constexpr std::array<std::uint8_t, 15> rsa_algorithm = {0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86,
                                                        0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};

// Takes one element with `tag` off the front of `in` and returns its content.
// Lengths of up to three bytes are read (more than any key here needs).
std::optional<BytesView> take(BytesView& in, std::uint8_t tag) {
  if (in.size() < 2 || in[0] != tag) return std::nullopt;
  std::size_t length = in[1];
  std::size_t header = 2;
  if (length >= 0x80) {
    const std::size_t bytes = length & 0x7f;
    if (bytes == 0 || bytes > 3 || in.size() < 2 + bytes) return std::nullopt;
    length = 0;
    for (std::size_t i = 0; i < bytes; ++i) length = length << 8 | in[2 + i];
    header += bytes;
  }
  if (in.size() - header < length) return std::nullopt;
  auto content = in.subspan(header, length);
  in = in.subspan(header + length);
  return content;
}

void put_header(Bytes& out, std::uint8_t tag, std::size_t length) {
  out.push_back(tag);
  if (length < 0x80) {
    out.push_back(static_cast<std::uint8_t>(length));
    return;
  }
  std::size_t bytes = 0;
  for (std::size_t l = length; l; l >>= 8) ++bytes;
  out.push_back(static_cast<std::uint8_t>(0x80 | bytes));
  for (std::size_t i = bytes; i-- > 0;) out.push_back(static_cast<std::uint8_t>(length >> (8 * i)));
}

Bytes element(std::uint8_t tag, BytesView content) {
  Bytes out;
  put_header(out, tag, content.size());
  append(out, content);
  return out;
}

// A non-negative INTEGER: minimal, with a zero byte when the top bit is set.
Bytes positive_integer(BytesView magnitude) {
  while (magnitude.size() > 1 && magnitude[0] == 0) magnitude = magnitude.subspan(1);
  Bytes content;
  if (magnitude.empty() || magnitude[0] & 0x80) content.push_back(0);
  append(content, magnitude);
  return element(integer, content);
}

}  // namespace

bool opens_with_version(BytesView der, std::uint8_t version, std::uint8_t next_tag) {
  auto body = take(der, sequence);
  const std::array<std::uint8_t, 4> expected = {integer, 0x01, version, next_tag};
  return body && body->size() >= expected.size() && equal(body->first(expected.size()), expected);
}

std::optional<RsaPublicNumbers> read_rsa_spki(BytesView der) {
  auto spki = take(der, sequence);
  if (!spki || !der.empty()) return std::nullopt;
  auto algorithm = take(*spki, sequence);
  auto bits = take(*spki, bit_string);
  if (!algorithm || !bits || !spki->empty() || bits->empty() || (*bits)[0] != 0) return std::nullopt;
  if (!equal(rsa_algorithm, element(sequence, *algorithm))) return std::nullopt;
  BytesView key = bits->subspan(1);
  auto numbers = take(key, sequence);
  if (!numbers || !key.empty()) return std::nullopt;
  auto n = take(*numbers, integer);
  auto e = take(*numbers, integer);
  if (!n || !e || !numbers->empty() || n->empty() || e->empty()) return std::nullopt;
  // Negative numbers are not keys; one leading zero is the sign byte.
  if ((*n)[0] & 0x80 || (*e)[0] & 0x80) return std::nullopt;
  if (n->size() > 1 && (*n)[0] == 0) n = n->subspan(1);
  if (e->size() > 1 && (*e)[0] == 0) e = e->subspan(1);
  return RsaPublicNumbers{*n, *e};
}

Bytes rsa_spki(BytesView n, BytesView e) {
  Bytes numbers = positive_integer(n);
  append(numbers, positive_integer(e));
  Bytes bits{0};
  append(bits, element(sequence, numbers));
  Bytes body(rsa_algorithm.begin(), rsa_algorithm.end());
  append(body, element(bit_string, bits));
  return element(sequence, body);
}

}  // namespace libp2p::crypto::detail
