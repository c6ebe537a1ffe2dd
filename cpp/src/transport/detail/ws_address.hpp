#pragma once

// WebSocket multiaddrs (libp2p/specs websockets/README.md, "Addressing"):
// /<ip4|ip6|dns|dns4|dns6>/<host>/tcp/<port> followed by /ws, /tls/ws,
// /tls/sni/<name>/ws or /wss (the same as /tls/ws). The port-less forms and
// /http-path are not supported.

#include "transport/detail/tcp_address.hpp"

#include <optional>
#include <string>

namespace libp2p::transport::detail {

struct WsAddress {
  TcpAddress tcp;
  bool tls = false;
  std::optional<std::string> sni;  // from /tls/sni/<name>
  multiformats::Multiaddr suffix;  // what follows /tcp/<port>, as given (/ws, /tls/ws, /wss, ...)

  // The TLS server name: the sni if given, else a DNS host; none for an IP.
  std::optional<std::string> server_name() const;
  // The HTTP Host header: the server name, or the IP ([] around IPv6), with the port.
  std::string host_header() const;
};

Result<WsAddress> parse_ws_address(const multiformats::Multiaddr& address);

// `tcp` (an /ip/.../tcp/<port> address) with the WebSocket suffix after it.
multiformats::Multiaddr with_suffix(const multiformats::Multiaddr& tcp, const multiformats::Multiaddr& suffix);

}  // namespace libp2p::transport::detail
