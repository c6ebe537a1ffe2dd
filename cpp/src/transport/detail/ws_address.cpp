#include "transport/detail/ws_address.hpp"

#include "libp2p/transport/errc.hpp"

namespace libp2p::transport::detail {

using multiformats::Multiaddr;
using multiformats::Protocol;

namespace {

// The suffix's TLS settings, if it is one of the WebSocket forms.
bool parse_suffix(const std::vector<multiformats::Component>& suffix, WsAddress& out) {
  using Code = Protocol::Code;
  auto is = [&](std::size_t i, Code code) { return suffix[i].code() == code; };
  switch (suffix.size()) {
    case 1:
      out.tls = is(0, Code::wss);
      return out.tls || is(0, Code::ws);
    case 2:
      out.tls = true;
      return is(0, Code::tls) && is(1, Code::ws);
    case 3:
      out.tls = true;
      out.sni = suffix[1].value();
      return is(0, Code::tls) && is(1, Code::sni) && is(2, Code::ws);
    default:
      return false;
  }
}

}  // namespace

std::optional<std::string> WsAddress::server_name() const {
  if (sni) return sni;
  if (!tcp.is_ip()) return tcp.host;
  return std::nullopt;
}

std::string WsAddress::host_header() const {
  auto name = server_name();
  std::string host = name ? *name : tcp.kind == IpHost::Kind::ip6 ? "[" + tcp.host + "]" : tcp.host;
  return host + ":" + std::to_string(tcp.port);
}

Result<WsAddress> parse_ws_address(const Multiaddr& address) {
  auto unsupported = [&] { return Error(Errc::unsupported_address, address.to_string() + " is not a WebSocket address"); };
  const auto components = address.components();
  if (components.size() < 3) return unsupported();
  const auto tcp_size = components[0].bytes().size() + components[1].bytes().size();
  auto tcp_part = Multiaddr::from_bytes(address.bytes().subspan(0, tcp_size));
  auto suffix = Multiaddr::from_bytes(address.bytes().subspan(tcp_size));
  if (!tcp_part || !suffix) return unsupported();
  auto tcp = parse_tcp_address(*tcp_part);
  if (!tcp) return unsupported();
  WsAddress out;
  out.tcp = std::move(*tcp);
  out.suffix = std::move(*suffix);
  if (!parse_suffix({components.begin() + 2, components.end()}, out)) return unsupported();
  return out;
}

Multiaddr with_suffix(const Multiaddr& tcp, const Multiaddr& suffix) { return tcp.encapsulate(suffix).value(); }

}  // namespace libp2p::transport::detail
