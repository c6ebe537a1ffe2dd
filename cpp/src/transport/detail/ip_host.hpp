#pragma once

// The host of an IP transport's multiaddr (/ip4, /ip6, /dns, /dns4, /dns6,
// libp2p/specs addressing), and its resolution at dial time, which TCP,
// WebSocket and QUIC share.

#include "libp2p/common/error.hpp"
#include "libp2p/io/asio.hpp"
#include "libp2p/multiformats/multiaddr.hpp"

#include <boost/asio/ip/address.hpp>

#include <optional>
#include <string>
#include <vector>

namespace libp2p::transport::detail {

struct IpHost {
  enum class Kind { ip4, ip6, dns, dns4, dns6 } kind;
  std::string host;  // an IP address or a DNS name
  bool is_ip() const { return kind == Kind::ip4 || kind == Kind::ip6; }
};

// Empty for a component that names no host.
std::optional<IpHost> ip_host(const multiformats::Component& component);

// The IP addresses `host` stands for: itself, or what DNS answers, only
// IPv4 for /dns4 and only IPv6 for /dns6, in the resolver's order.
asio::awaitable<Result<std::vector<boost::asio::ip::address>>> resolve(asio::any_io_executor executor,
                                                                       const IpHost& host);

}  // namespace libp2p::transport::detail
