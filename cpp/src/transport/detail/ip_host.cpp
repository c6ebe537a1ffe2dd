#include "transport/detail/ip_host.hpp"

#include "libp2p/transport/errc.hpp"

#include <boost/asio/ip/tcp.hpp>

namespace libp2p::transport::detail {

using multiformats::Protocol;

std::optional<IpHost> ip_host(const multiformats::Component& component) {
  using Kind = IpHost::Kind;
  Kind kind;
  switch (component.code()) {
    case Protocol::Code::ip4: kind = Kind::ip4; break;
    case Protocol::Code::ip6: kind = Kind::ip6; break;
    case Protocol::Code::dns: kind = Kind::dns; break;
    case Protocol::Code::dns4: kind = Kind::dns4; break;
    case Protocol::Code::dns6: kind = Kind::dns6; break;
    default: return std::nullopt;
  }
  return IpHost{kind, component.value()};
}

asio::awaitable<Result<std::vector<boost::asio::ip::address>>> resolve(asio::any_io_executor executor,
                                                                       const IpHost& host) {
  std::vector<boost::asio::ip::address> out;
  if (host.is_ip()) {
    boost::system::error_code ec;
    auto ip = boost::asio::ip::make_address(host.host, ec);
    if (ec) co_return Error(Errc::unsupported_address, host.host + ": " + ec.message());
    out.push_back(ip);
    co_return out;
  }
  // The TCP resolver only for the names: getaddrinfo's answer is the same for UDP.
  boost::asio::ip::tcp::resolver resolver(executor);
  auto [ec, results] = co_await resolver.async_resolve(host.host, "0", use_result);
  if (ec) co_return Error(Errc::resolve_failed, "resolving " + host.host + ": " + ec.message());
  using Kind = IpHost::Kind;
  for (const auto& entry : results) {
    const auto ip = entry.endpoint().address();
    if ((host.kind == Kind::dns4 && !ip.is_v4()) || (host.kind == Kind::dns6 && !ip.is_v6())) continue;
    out.push_back(ip);
  }
  if (out.empty()) co_return Error(Errc::resolve_failed, host.host + " has no address of the family asked for");
  co_return out;
}

}  // namespace libp2p::transport::detail
