#pragma once

// The addresses a listener on an unspecified IP (0.0.0.0, ::) is reachable
// at: this machine's interface addresses (IPv6 link-local ones left out, as
// go-multiaddr's ResolveUnspecifiedAddress does).

#include "libp2p/multiformats/multiaddr.hpp"

#include <boost/asio/ip/address.hpp>

#include <vector>

namespace libp2p::net {

// The addresses of the interfaces that are up.
std::vector<boost::asio::ip::address> interface_addresses();

// `address` itself unless its first component is an unspecified ip4/ip6;
// then one address per interface address of that family.
std::vector<multiformats::Multiaddr> resolve_unspecified(const multiformats::Multiaddr& address,
                                                         const std::vector<boost::asio::ip::address>& interfaces);

}  // namespace libp2p::net
