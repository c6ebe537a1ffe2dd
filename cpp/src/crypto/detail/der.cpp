#include "crypto/detail/der.hpp"

#include "common/der.hpp"

#include <array>
#include <cstddef>

namespace libp2p::crypto::detail {
namespace {

using der::bit_string;
using der::element;
using der::integer;
using der::sequence;

// AlgorithmIdentifier { rsaEncryption (1.2.840.113549.1.1.1), NULL }.
constexpr std::array<std::uint8_t, 15> rsa_algorithm = {0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86,
                                                        0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};

// The contents of the next element of `in` if it has `tag`; `in` moves past it.
std::optional<BytesView> take(BytesView& in, std::uint8_t tag) {
  der::Reader reader(in);
  auto element = reader.next(tag);
  if (!element) return std::nullopt;
  in = in.subspan(element->encoding.size());
  return element->contents;
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
