#pragma once

// IP address text as go-multiaddr reads and writes it (Go's net.ParseIP and
// net.IP.String): dotted-quad IPv4 without leading zeros; IPv6 with at most
// one "::", hex fields of 1..4 digits, an optional dotted-quad tail, no zone;
// IPv6 written in RFC 5952 canonical form, IPv4-mapped addresses as
// ::ffff:a.b.c.d (RFC 5952 section 5).

#include "libp2p/common/error.hpp"

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace libp2p::multiformats::detail {

using Ipv4 = std::array<std::uint8_t, 4>;
using Ipv6 = std::array<std::uint8_t, 16>;

// Either form, as 16 bytes (IPv4 becomes IPv4-mapped IPv6, as in Go). The
// error message says why the text is not an address.
Result<Ipv6> parse_ip(std::string_view text);

// Whether `ip` is an IPv4-mapped IPv6 address (::ffff:a.b.c.d).
bool is_ipv4_mapped(const Ipv6& ip);

std::string format_ipv4(const Ipv4& ip);
std::string format_ipv6(const Ipv6& ip);

}  // namespace libp2p::multiformats::detail
