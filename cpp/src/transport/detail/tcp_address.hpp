#pragma once

// Multiaddrs of TCP endpoints: /<host>/tcp/<port>, both ways.

#include "libp2p/common/error.hpp"
#include "libp2p/multiformats/multiaddr.hpp"
#include "transport/detail/ip_host.hpp"

#include <boost/asio/ip/tcp.hpp>

#include <string>

namespace libp2p::transport::detail {

struct TcpAddress : IpHost {
  std::uint16_t port;
};

// Exactly two components: a host, then tcp.
Result<TcpAddress> parse_tcp_address(const multiformats::Multiaddr& address);
multiformats::Multiaddr to_multiaddr(const boost::asio::ip::tcp::endpoint& endpoint);
// The address part of a multiaddr: /ip4/<a>, /ip6/<a> or /ip6zone/<z>/ip6/<a>.
std::string ip_multiaddr(const boost::asio::ip::address& ip);

}  // namespace libp2p::transport::detail
