#include "multiformats/detail/ip.hpp"

#include "libp2p/multiformats/errc.hpp"

#include <algorithm>

namespace libp2p::multiformats::detail {
namespace {

constexpr std::uint8_t mapped_prefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

Error bad(std::string_view why) { return Error(Errc::bad_multiaddr, std::string(why)); }

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Four decimal fields 0..255 without leading zeros.
Result<Ipv4> parse_ipv4(std::string_view s) {
  Ipv4 ip{};
  std::size_t field = 0;
  unsigned value = 0, digits = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c >= '0' && c <= '9') {
      if (digits == 1 && value == 0) return bad("IPv4 field with a leading zero");
      value = value * 10 + static_cast<unsigned>(c - '0');
      ++digits;
      if (value > 255) return bad("IPv4 field above 255");
    } else if (c == '.') {
      if (digits == 0 || i + 1 == s.size()) return bad("empty IPv4 field");
      if (field == 3) return bad("more than four IPv4 fields");
      ip[field++] = static_cast<std::uint8_t>(value);
      value = digits = 0;
    } else {
      return bad("unexpected character in an IPv4 address");
    }
  }
  if (field < 3 || digits == 0) return bad("fewer than four IPv4 fields");
  ip[3] = static_cast<std::uint8_t>(value);
  return ip;
}

// Follows Go's netip.parseIPv6, zones excluded.
Result<Ipv6> parse_ipv6(std::string_view s) {
  Ipv6 ip{};
  int ellipsis = -1;  // byte index the "::" stands at
  if (s.starts_with("::")) {
    ellipsis = 0;
    s.remove_prefix(2);
    if (s.empty()) return ip;
  }
  std::size_t i = 0;
  while (i < 16) {
    std::size_t off = 0;
    unsigned field = 0;
    for (; off < s.size() && hex_value(s[off]) >= 0; ++off) {
      if (off == 4) return bad("IPv6 field of more than 4 hex digits");
      field = field * 16 + static_cast<unsigned>(hex_value(s[off]));
    }
    if (off == 0) return bad("empty IPv6 field");
    if (off < s.size() && s[off] == '.') {
      if (ellipsis < 0 && i != 12) return bad("an embedded IPv4 address must be the last 32 bits");
      if (i + 4 > 16) return bad("no room for the embedded IPv4 address");
      auto v4 = parse_ipv4(s);
      if (!v4) return v4.error();
      std::copy(v4->begin(), v4->end(), ip.begin() + static_cast<std::ptrdiff_t>(i));
      i += 4;
      s = {};
      break;
    }
    ip[i] = static_cast<std::uint8_t>(field >> 8);
    ip[i + 1] = static_cast<std::uint8_t>(field);
    i += 2;
    s.remove_prefix(off);
    if (s.empty()) break;
    if (s[0] != ':') return bad("unexpected character in an IPv6 address");
    if (s.size() == 1) return bad("IPv6 address ends with ':'");
    s.remove_prefix(1);
    if (s[0] == ':') {
      if (ellipsis >= 0) return bad("more than one \"::\"");
      ellipsis = static_cast<int>(i);
      s.remove_prefix(1);
      if (s.empty()) break;
    }
  }
  if (!s.empty()) return bad("IPv6 address longer than 128 bits");
  if (i < 16) {
    if (ellipsis < 0) return bad("IPv6 address shorter than 128 bits");
    const auto at = static_cast<std::size_t>(ellipsis);
    std::copy_backward(ip.begin() + static_cast<std::ptrdiff_t>(at), ip.begin() + static_cast<std::ptrdiff_t>(i), ip.end());
    std::fill(ip.begin() + static_cast<std::ptrdiff_t>(at), ip.begin() + static_cast<std::ptrdiff_t>(at + 16 - i), 0);
  } else if (ellipsis >= 0) {
    return bad("\"::\" must stand for at least one zero field");
  }
  return ip;
}

void append_hex(std::string& out, unsigned value) {
  static constexpr char digits[] = "0123456789abcdef";
  bool started = false;
  for (int shift = 12; shift >= 0; shift -= 4) {
    const unsigned d = (value >> shift) & 0xf;
    if (d || started || shift == 0) {
      out.push_back(digits[d]);
      started = true;
    }
  }
}

}  // namespace

Result<Ipv6> parse_ip(std::string_view text) {
  // Go's netip.ParseAddr: the first '.' or ':' decides the family.
  for (char c : text) {
    if (c == '.') {
      auto v4 = parse_ipv4(text);
      if (!v4) return v4.error();
      Ipv6 ip{};
      std::copy(std::begin(mapped_prefix), std::end(mapped_prefix), ip.begin());
      std::copy(v4->begin(), v4->end(), ip.begin() + 12);
      return ip;
    }
    if (c == ':') return parse_ipv6(text);
    if (c == '%') return bad("a zone without an address");
  }
  return bad("neither IPv4 nor IPv6");
}

bool is_ipv4_mapped(const Ipv6& ip) { return std::equal(std::begin(mapped_prefix), std::end(mapped_prefix), ip.begin()); }

std::string format_ipv4(const Ipv4& ip) {
  return std::to_string(ip[0]) + "." + std::to_string(ip[1]) + "." + std::to_string(ip[2]) + "." + std::to_string(ip[3]);
}

// RFC 5952 section 4: lower-case hex without leading zeros; the longest run
// of two or more zero fields (the first of equal runs) becomes "::".
std::string format_ipv6(const Ipv6& ip) {
  if (is_ipv4_mapped(ip)) return "::ffff:" + format_ipv4({ip[12], ip[13], ip[14], ip[15]});
  auto field = [&](int i) { return static_cast<unsigned>(ip[2 * i] << 8 | ip[2 * i + 1]); };
  int zero_start = -1, zero_len = 1;
  for (int i = 0; i < 8;) {
    int j = i;
    while (j < 8 && field(j) == 0) ++j;
    if (j - i > zero_len) zero_start = i, zero_len = j - i;
    i = j > i ? j : i + 1;
  }
  std::string out;
  for (int i = 0; i < 8; ++i) {
    if (i == zero_start) {
      out += "::";
      i += zero_len - 1;
      continue;
    }
    if (i > 0 && !out.ends_with(':')) out.push_back(':');
    append_hex(out, field(i));
  }
  return out;
}

}  // namespace libp2p::multiformats::detail
