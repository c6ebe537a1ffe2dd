#include "multiformats/detail/multiaddr_values.hpp"

#include "libp2p/multiformats/cid.hpp"
#include "libp2p/multiformats/errc.hpp"
#include "libp2p/multiformats/multibase.hpp"
#include "libp2p/multiformats/multihash.hpp"
#include "libp2p/multiformats/varint.hpp"
#include "multiformats/detail/ip.hpp"

#include <algorithm>
#include <limits>

namespace libp2p::multiformats::detail {

Error value_error(std::string why) { return Error(Errc::bad_multiaddr, std::move(why)); }

namespace {

Result<void> ok() { return {}; }

// Go's strconv.ParseUint(text, 10, bits): digits only, leading zeros allowed.
enum class Number { ok, not_a_number, too_large };
Number parse_decimal(std::string_view text, std::uint64_t max, std::uint64_t& value) {
  if (text.empty()) return Number::not_a_number;
  value = 0;
  bool too_large = false;
  for (char c : text) {
    if (c < '0' || c > '9') return Number::not_a_number;
    const auto digit = static_cast<std::uint64_t>(c - '0');
    if (value > (max - digit) / 10) too_large = true;
    else value = value * 10 + digit;
  }
  return too_large ? Number::too_large : Number::ok;
}

Result<std::uint64_t> decimal(std::string_view text, std::uint64_t max, std::string_view what) {
  std::uint64_t value = 0;
  switch (parse_decimal(text, max, value)) {
    case Number::ok: return value;
    case Number::not_a_number: return value_error("invalid " + std::string(what) + ": not a decimal number");
    case Number::too_large: break;
  }
  return value_error(std::string(what) + " out of range 0.." + std::to_string(max));
}

Bytes big_endian(std::uint64_t value, std::size_t size) {
  Bytes out(size);
  for (std::size_t i = size; i-- > 0; value >>= 8) out[i] = static_cast<std::uint8_t>(value);
  return out;
}

std::uint64_t from_big_endian(BytesView bytes) {
  std::uint64_t value = 0;
  for (auto b : bytes) value = value << 8 | b;
  return value;
}

std::string print_number(BytesView value) { return std::to_string(from_big_endian(value)); }

// ip4, ip6 -----------------------------------------------------------------

Result<Bytes> parse_ip4(std::string_view text) {
  auto ip = parse_ip(text);
  if (!ip || !is_ipv4_mapped(*ip))
    return value_error("invalid IPv4 address" + (ip ? std::string() : ": " + ip.error().message));
  return Bytes(ip->begin() + 12, ip->end());
}

std::string print_ip4(BytesView v) { return format_ipv4({v[0], v[1], v[2], v[3]}); }

Result<Bytes> parse_ip6(std::string_view text) {
  auto ip = parse_ip(text);
  if (!ip) return value_error("invalid IPv6 address: " + ip.error().message);
  return Bytes(ip->begin(), ip->end());
}

std::string print_ip6(BytesView v) {
  Ipv6 ip;
  std::copy(v.begin(), v.end(), ip.begin());
  return format_ipv6(ip);
}

// Numbers --------------------------------------------------------------------

Result<Bytes> parse_port(std::string_view text) {
  auto port = decimal(text, 65535, "port");
  if (!port) return port.error();
  return big_endian(*port, 2);
}

Result<Bytes> parse_ipcidr(std::string_view text) {
  auto bits = decimal(text, 255, "CIDR mask");
  if (!bits) return bits.error();
  return big_endian(*bits, 1);
}

Result<Bytes> parse_memory(std::string_view text) {
  auto id = decimal(text, std::numeric_limits<std::uint64_t>::max(), "memory address");
  if (!id) return id.error();
  return big_endian(*id, 8);
}

Result<void> any_value(BytesView) { return ok(); }

// Names: dns, dns4, dns6, dnsaddr, sni, ip6zone --------------------------------

Result<void> validate_name(BytesView v) {
  if (v.empty()) return value_error("empty value");
  if (std::ranges::find(v, '/') != v.end()) return value_error("value contains '/'");
  return ok();
}

Result<Bytes> parse_raw(std::string_view text) { return to_bytes(text); }
std::string print_raw(BytesView v) { return std::string(as_string(v)); }

// unix: a path, the rest of the text address -----------------------------------

Result<void> validate_unix(BytesView v) {
  // go-multiaddr: the text form needs the leading '/' and drops a trailing one.
  if (v.size() < 2) return value_error("path too short");
  if (v.front() != '/') return value_error("path must begin with '/'");
  if (v.back() == '/') return value_error("path must not end with '/'");
  return ok();
}

// http-path: percent-encoded (Go's url.QueryUnescape / url.QueryEscape) --------

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

Result<Bytes> parse_http_path(std::string_view text) {
  Bytes out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%') {
      if (i + 2 >= text.size() || hex_digit(text[i + 1]) < 0 || hex_digit(text[i + 2]) < 0)
        return value_error("invalid percent-encoding at offset " + std::to_string(i));
      out.push_back(static_cast<std::uint8_t>(hex_digit(text[i + 1]) * 16 + hex_digit(text[i + 2])));
      i += 2;
    } else {
      out.push_back(static_cast<std::uint8_t>(text[i] == '+' ? ' ' : text[i]));
    }
  }
  return out;
}

Result<void> validate_http_path(BytesView v) {
  if (v.empty()) return value_error("empty http path");
  return ok();
}

std::string print_http_path(BytesView v) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(v.size() * 3);
  for (auto b : v) {
    const char c = static_cast<char>(b);
    // RFC 3986 unreserved characters stay; Go's QueryEscape escapes the rest.
    const bool unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                            c == '_' || c == '.' || c == '~';
    if (unreserved) out.push_back(c);
    else if (c == ' ') out.push_back('+');
    else out += {'%', hex[b >> 4], hex[b & 0xf]};
  }
  return out;
}

// p2p: a PeerId, sha2-256 or identity multihash (peer-ids spec) -----------------

Result<void> check_peer_id(const Multihash& m) {
  if (m.code() != Multihash::Code::sha2_256 && m.code() != Multihash::Code::identity)
    return value_error("a PeerId must be a sha2-256 or identity multihash, not " + std::string(Multihash::name(m.code())));
  return ok();
}

Result<void> validate_p2p(BytesView v) {
  auto m = Multihash::from_bytes(v);
  if (!m) return value_error("invalid PeerId: " + m.error().message);
  return check_peer_id(*m);
}

// A base58btc multihash ("Qm...", "1..."), or a libp2p-key CIDv1 in any base.
Result<Bytes> parse_p2p(std::string_view text) {
  if (text.starts_with("Qm") || text.starts_with("1")) {
    auto bytes = multibase::base58btc_decode(text);
    if (!bytes) return value_error("invalid PeerId: " + bytes.error().message);
    return *bytes;
  }
  auto cid = Cid::from_string(text);
  if (!cid) return value_error("invalid PeerId: " + cid.error().message);
  if (cid->version() != Cid::Version::v1 || cid->codec() != multicodec::libp2p_key)
    return value_error("a PeerId CID must have the libp2p-key codec");
  return Bytes(cid->hash().bytes().begin(), cid->hash().bytes().end());
}

std::string print_p2p(BytesView v) { return multibase::base58btc_encode(v); }

// certhash: a multihash of any function, in multibase -----------------------------

// go-multihash's Decode: <varint code><varint size><exactly size bytes>, any code.
Result<void> validate_certhash(BytesView v) {
  BytesView rest = v;
  auto code = varint::read(rest);
  if (!code) return value_error("invalid multihash code: " + code.error().message);
  auto size = varint::read(rest);
  if (!size) return value_error("invalid multihash size: " + size.error().message);
  if (*size != rest.size())
    return value_error("multihash digest of " + std::to_string(rest.size()) + " bytes, its header says " + std::to_string(*size));
  return ok();
}

Result<Bytes> parse_certhash(std::string_view text) {
  auto bytes = multibase::decode(text);
  if (!bytes) return value_error("invalid multibase: " + bytes.error().message);
  return *bytes;
}

std::string print_certhash(BytesView v) { return multibase::encode(multibase::Base::base64url, v); }

}  // namespace

const ValueCodec ip4_value{parse_ip4, any_value, print_ip4};
const ValueCodec ip6_value{parse_ip6, any_value, print_ip6};
const ValueCodec port_value{parse_port, any_value, print_number};
const ValueCodec ipcidr_value{parse_ipcidr, any_value, print_number};
const ValueCodec memory_value{parse_memory, any_value, print_number};
const ValueCodec name_value{parse_raw, validate_name, print_raw};
const ValueCodec unix_value{parse_raw, validate_unix, print_raw};
const ValueCodec http_path_value{parse_http_path, validate_http_path, print_http_path};
const ValueCodec p2p_value{parse_p2p, validate_p2p, print_p2p};
const ValueCodec certhash_value{parse_certhash, validate_certhash, print_certhash};

}  // namespace libp2p::multiformats::detail
