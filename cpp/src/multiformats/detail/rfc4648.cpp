#include "multiformats/detail/rfc4648.hpp"

#include "libp2p/multiformats/errc.hpp"
#include "multiformats/detail/alphabet.hpp"

#include <bit>
#include <numeric>

namespace libp2p::multiformats::detail {
namespace {

unsigned bits_per_char(const Rfc4648& base) { return static_cast<unsigned>(std::countr_zero(base.alphabet.size())); }

// Characters per group that ends on a byte boundary: 2 (base16), 8 (base32), 4 (base64).
std::size_t group_size(unsigned bits) { return 8 / std::gcd(8u, bits); }

// A last group of `chars` characters is complete unless one character carries
// no bit of any byte (RFC 4648 section 6: 1, 3 or 6 base32 characters).
bool valid_tail(std::size_t chars, unsigned bits) { return (chars * bits) % 8 < bits; }

Error bad(const Rfc4648& base, std::string what) { return Error(Errc::bad_base, std::string(base.name) + ": " + what); }

// Strips the '=' padding allowed by `base.padding` from the end of `text`.
Result<std::string_view> strip_padding(const Rfc4648& base, std::string_view text) {
  const auto group = group_size(bits_per_char(base));
  auto data_size = text.find_last_not_of('=') + 1;  // npos + 1 == 0: all '='
  const auto pads = text.size() - data_size;
  const auto expected = (group - data_size % group) % group;
  switch (base.padding) {
    case Padding::none:
      if (pads) return bad(base, "unexpected '=' padding");
      break;
    case Padding::required:
      if (pads != expected) return bad(base, "expected " + std::to_string(expected) + " '=' of padding, got " + std::to_string(pads));
      break;
    case Padding::optional:
      if (pads > expected) return bad(base, "too much '=' padding");
      break;
  }
  return text.substr(0, data_size);
}

}  // namespace

std::string rfc4648_encode(const Rfc4648& base, BytesView data) {
  const unsigned bits = bits_per_char(base);
  const unsigned mask = (1u << bits) - 1;
  std::string out;
  out.reserve((data.size() * 8 + bits - 1) / bits + group_size(bits));
  unsigned buffer = 0, buffered = 0;
  for (auto byte : data) {
    buffer = (buffer << 8) | byte;
    buffered += 8;
    while (buffered >= bits) {
      buffered -= bits;
      out.push_back(base.alphabet[(buffer >> buffered) & mask]);
    }
  }
  if (buffered) out.push_back(base.alphabet[(buffer << (bits - buffered)) & mask]);
  if (base.padding == Padding::required) {
    while (out.size() % group_size(bits)) out.push_back('=');
  }
  return out;
}

Result<Bytes> rfc4648_decode(const Rfc4648& base, std::string_view text) {
  static_assert(sizeof(unsigned) >= 4);
  auto stripped = strip_padding(base, text);
  if (!stripped) return stripped.error();
  const std::string_view chars = *stripped;
  const unsigned bits = bits_per_char(base);
  if (!valid_tail(chars.size() % group_size(bits), bits))
    return bad(base, "invalid length " + std::to_string(chars.size()));
  const auto table = reverse_alphabet(base.alphabet, base.case_insensitive);
  Bytes out;
  out.reserve(chars.size() * bits / 8);
  unsigned buffer = 0, buffered = 0;
  for (std::size_t i = 0; i < chars.size(); ++i) {
    const int value = table[static_cast<unsigned char>(chars[i])];
    if (value < 0) return bad(base, "invalid character at offset " + std::to_string(i));
    buffer = ((buffer << bits) | static_cast<unsigned>(value)) & 0xffff;
    buffered += bits;
    if (buffered >= 8) {
      buffered -= 8;
      out.push_back(static_cast<std::uint8_t>(buffer >> buffered));
    }
  }
  if (base.strict_trailing_bits && (buffer & ((1u << buffered) - 1)))
    return bad(base, "non-zero bits after the last byte (not a canonical encoding)");
  return out;
}

}  // namespace libp2p::multiformats::detail
