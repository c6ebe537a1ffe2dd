#include "libp2p/net/interface_addresses.hpp"

#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>

#include <cstring>

namespace libp2p::net {

using multiformats::Multiaddr;
using multiformats::Protocol;

std::vector<boost::asio::ip::address> interface_addresses() {
  std::vector<boost::asio::ip::address> out;
  ifaddrs* list = nullptr;
  if (getifaddrs(&list) != 0) return out;
  for (auto* i = list; i; i = i->ifa_next) {
    if (!i->ifa_addr || !(i->ifa_flags & IFF_UP)) continue;
    if (i->ifa_addr->sa_family == AF_INET) {
      boost::asio::ip::address_v4::bytes_type bytes;
      std::memcpy(bytes.data(), &reinterpret_cast<const sockaddr_in*>(i->ifa_addr)->sin_addr, 4);
      out.emplace_back(boost::asio::ip::address_v4(bytes));
    } else if (i->ifa_addr->sa_family == AF_INET6) {
      boost::asio::ip::address_v6::bytes_type bytes;
      std::memcpy(bytes.data(), &reinterpret_cast<const sockaddr_in6*>(i->ifa_addr)->sin6_addr, 16);
      boost::asio::ip::address_v6 v6(bytes);
      if (!v6.is_link_local()) out.emplace_back(v6);
    }
  }
  freeifaddrs(list);
  return out;
}

std::vector<Multiaddr> resolve_unspecified(const Multiaddr& address,
                                           const std::vector<boost::asio::ip::address>& interfaces) {
  auto it = address.begin();
  if (it == address.end()) return {address};
  const bool v4 = it->code() == Protocol::Code::ip4;
  if (!v4 && it->code() != Protocol::Code::ip6) return {address};
  boost::system::error_code ec;
  if (!boost::asio::ip::make_address(it->value(), ec).is_unspecified() || ec) return {address};
  // The rest of the address after the IP component.
  const auto rest = Multiaddr::from_bytes(address.bytes().subspan(it->bytes().size()));
  std::vector<Multiaddr> out;
  for (const auto& ip : interfaces) {
    if (ip.is_v4() != v4) continue;
    auto head = Multiaddr::from_string((v4 ? "/ip4/" : "/ip6/") + ip.to_string());
    if (!head) continue;
    auto full = rest ? head->encapsulate(*rest) : head;
    if (full) out.push_back(std::move(*full));
  }
  return out;
}

}  // namespace libp2p::net
