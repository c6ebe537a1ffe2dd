#include "transport/detail/tcp_address.hpp"

#include "libp2p/transport/errc.hpp"

namespace libp2p::transport::detail {

using multiformats::Protocol;

Result<TcpAddress> parse_tcp_address(const multiformats::Multiaddr& address) {
  auto unsupported = [&] { return Error(Errc::unsupported_address, address.to_string() + " is not a TCP address"); };
  auto components = address.components();
  if (components.size() != 2 || components[1].code() != Protocol::Code::tcp) return unsupported();
  auto host = ip_host(components[0]);
  if (!host) return unsupported();
  TcpAddress out{std::move(*host), 0};
  auto port = components[1].value_bytes();  // 2 bytes, big-endian
  out.port = static_cast<std::uint16_t>(port[0] << 8 | port[1]);
  return out;
}

std::string ip_multiaddr(const boost::asio::ip::address& ip) {
  if (ip.is_v4()) return "/ip4/" + ip.to_string();
  std::string text;
  auto v6 = ip.to_v6();
  if (v6.scope_id() != 0) text = "/ip6zone/" + std::to_string(v6.scope_id());  // link-local
  v6.scope_id(0);
  return text + "/ip6/" + v6.to_string();
}

multiformats::Multiaddr to_multiaddr(const boost::asio::ip::tcp::endpoint& endpoint) {
  return multiformats::Multiaddr::from_string(ip_multiaddr(endpoint.address()) + "/tcp/" + std::to_string(endpoint.port()))
      .value();
}

}  // namespace libp2p::transport::detail
