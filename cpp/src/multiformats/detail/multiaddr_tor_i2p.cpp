// The values of onion, onion3 (Tor) and garlic64, garlic32 (I2P), read and
// written as go-multiaddr does: "<base32 host>:<port>" for Tor, I2P's own
// base64 and base32 alphabets for garlic.
#include "multiformats/detail/multiaddr_values.hpp"
#include "multiformats/detail/rfc4648.hpp"

namespace libp2p::multiformats::detail {
namespace {

// Tor: RFC 4648 base32, read in either case, written in lower case.
constexpr Rfc4648 onion_base32{"abcdefghijklmnopqrstuvwxyz234567", "onion base32", true};

// I2P's alphabets (go-multiaddr: garlicBase64Encoding, garlicBase32Encoding).
// Go's decoders ignore stray bits after the last byte, so these do too.
constexpr Rfc4648 garlic_base64{"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-~", "garlic64 base64",
                                false, Padding::required, false};
// go-multiaddr pads garlic32 text itself, so any padding up to complete is accepted.
constexpr Rfc4648 garlic_base32{"abcdefghijklmnopqrstuvwxyz234567", "garlic32 base32", false, Padding::optional, false};

std::uint16_t port_of(BytesView v) { return static_cast<std::uint16_t>(v[v.size() - 2] << 8 | v[v.size() - 1]); }

Result<Bytes> parse_tor(std::string_view text, std::size_t host_chars, std::size_t host_bytes) {
  const auto colon = text.find(':');
  if (colon == std::string_view::npos || text.find(':', colon + 1) != std::string_view::npos)
    return value_error("expected <host>:<port>");
  const auto host_text = text.substr(0, colon), port_text = text.substr(colon + 1);
  if (host_text.size() != host_chars)
    return value_error("onion host of " + std::to_string(host_text.size()) + " characters, expected " + std::to_string(host_chars));
  auto host = rfc4648_decode(onion_base32, host_text);
  if (!host) return value_error("invalid onion host: " + host.error().message);
  if (host->size() != host_bytes) return value_error("invalid onion host");
  std::uint16_t port = 0;
  for (char c : port_text) {
    if (c < '0' || c > '9' || port > (65535 - (c - '0')) / 10) return value_error("invalid onion port");
    port = static_cast<std::uint16_t>(port * 10 + (c - '0'));
  }
  if (port == 0) return value_error("onion port must be 1..65535");
  host->push_back(static_cast<std::uint8_t>(port >> 8));
  host->push_back(static_cast<std::uint8_t>(port));
  return *host;
}

Result<void> validate_tor(BytesView v) {
  if (port_of(v) == 0) return value_error("onion port must be 1..65535");
  return {};
}

std::string print_tor(BytesView v) {
  return rfc4648_encode(onion_base32, v.first(v.size() - 2)) + ":" + std::to_string(port_of(v));
}

// Tor v2: 16 base32 characters (10 bytes); v3: 56 characters (35 bytes).
Result<Bytes> parse_onion(std::string_view text) { return parse_tor(text, 16, 10); }
Result<Bytes> parse_onion3(std::string_view text) { return parse_tor(text, 56, 35); }

Result<Bytes> parse_garlic64(std::string_view text) {
  auto bytes = rfc4648_decode(garlic_base64, text);
  if (!bytes) return value_error(bytes.error().message);
  return *bytes;
}

// A garlic64 destination is at least 386 bytes.
Result<void> validate_garlic64(BytesView v) {
  if (v.size() < 386) return value_error("i2p destination of " + std::to_string(v.size()) + " bytes, at least 386 expected");
  return {};
}

std::string print_garlic64(BytesView v) { return rfc4648_encode(garlic_base64, v); }

Result<Bytes> parse_garlic32(std::string_view text) {
  auto bytes = rfc4648_decode(garlic_base32, text);
  if (!bytes) return value_error(bytes.error().message);
  return *bytes;
}

// 32 bytes, or at least 35 for an encrypted leaseset (geti2p.net/spec/b32encrypted).
Result<void> validate_garlic32(BytesView v) {
  if (v.size() < 35 && v.size() != 32)
    return value_error("i2p address of " + std::to_string(v.size()) + " bytes, expected 32 or at least 35");
  return {};
}

std::string print_garlic32(BytesView v) { return rfc4648_encode(garlic_base32, v); }

}  // namespace

const ValueCodec onion_value{parse_onion, validate_tor, print_tor};
const ValueCodec onion3_value{parse_onion3, validate_tor, print_tor};
const ValueCodec garlic64_value{parse_garlic64, validate_garlic64, print_garlic64};
const ValueCodec garlic32_value{parse_garlic32, validate_garlic32, print_garlic32};

}  // namespace libp2p::multiformats::detail
