#include "common/der.hpp"

#include <string>

namespace libp2p::der {

std::optional<std::uint8_t> Reader::peek() const {
  if (in_.empty()) return std::nullopt;
  return in_[0];
}

std::optional<Element> Reader::next() {
  if (in_.size() < 2 || (in_[0] & 0x1f) == 0x1f) return std::nullopt;  // no multi-byte tags
  std::size_t length = in_[1];
  std::size_t header = 2;
  if (length & 0x80) {
    const std::size_t digits = length & 0x7f;
    // 0x80 is BER's indefinite length; four bytes are more than anything here needs.
    if (digits == 0 || digits > 4 || in_.size() < 2 + digits) return std::nullopt;
    if (in_[2] == 0) return std::nullopt;  // not the fewest bytes
    length = 0;
    for (std::size_t i = 0; i < digits; ++i) length = length << 8 | in_[2 + i];
    if (length < 0x80) return std::nullopt;  // the short form was due
    header += digits;
  }
  if (in_.size() - header < length) return std::nullopt;
  Element element{in_[0], in_.subspan(header, length), in_.first(header + length)};
  in_ = in_.subspan(header + length);
  return element;
}

std::optional<Element> Reader::next(std::uint8_t tag) {
  if (peek() != tag) return std::nullopt;
  return next();
}

std::optional<BytesView> Reader::contents(std::uint8_t tag) {
  auto element = next(tag);
  if (!element) return std::nullopt;
  return element->contents;
}

void append_element(Bytes& out, std::uint8_t tag, BytesView contents) {
  out.push_back(tag);
  const std::size_t length = contents.size();
  if (length < 0x80) {
    out.push_back(static_cast<std::uint8_t>(length));
  } else {
    std::size_t digits = 0;
    for (std::size_t l = length; l; l >>= 8) ++digits;
    out.push_back(static_cast<std::uint8_t>(0x80 | digits));
    for (std::size_t i = digits; i-- > 0;) out.push_back(static_cast<std::uint8_t>(length >> (8 * i)));
  }
  append(out, contents);
}

Bytes element(std::uint8_t tag, BytesView contents) {
  Bytes out;
  append_element(out, tag, contents);
  return out;
}

std::optional<BytesView> whole_bytes(BytesView bits) {
  if (bits.empty() || bits[0] != 0) return std::nullopt;
  return bits.subspan(1);
}

std::string dotted(BytesView oid) {
  std::string out;
  std::uint64_t arc = 0;
  bool first = true;
  for (std::size_t i = 0; i < oid.size(); ++i) {
    if (arc > (UINT64_MAX >> 7)) return "?";
    arc = arc << 7 | (oid[i] & 0x7f);
    if (oid[i] & 0x80) continue;
    if (first) {  // X.690 8.19.4: the first two arcs share one subidentifier
      const std::uint64_t top = arc < 80 ? arc / 40 : 2;
      out = std::to_string(top);
      out += '.';
      out += std::to_string(arc - 40 * top);
      first = false;
    } else {
      out += '.';
      out += std::to_string(arc);
    }
    arc = 0;
  }
  if (first || (oid.back() & 0x80)) return "?";
  return out;
}

}  // namespace libp2p::der
