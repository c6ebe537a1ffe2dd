#include "libp2p/host/config.hpp"

#include <boost/asio/error.hpp>

#include <algorithm>

namespace libp2p::host {

std::string_view protocol_id(Security security) {
  switch (security) {
    case Security::noise: return "/noise";
    case Security::tls: return "/tls/1.0.0";
    case Security::plaintext: return "/plaintext/2.0.0";
  }
  return "";
}

std::string_view protocol_id(Muxer muxer) { return muxer == Muxer::yamux ? "/yamux/1.0.0" : "/mplex/6.7.0"; }

namespace {

template <class T>
bool has_duplicates(std::vector<T> list) {
  std::sort(list.begin(), list.end());
  return std::adjacent_find(list.begin(), list.end()) != list.end();
}

Error invalid(std::string what) { return Error(asio::error::invalid_argument, "host config: " + what); }

}  // namespace

Result<void> Config::validate() const {
  if (security.empty()) return invalid("security is empty: a host needs at least one security protocol");
  if (has_duplicates(security)) return invalid("security lists a protocol twice");
  if (muxers.empty()) return invalid("muxers is empty: a host needs at least one stream multiplexer");
  if (has_duplicates(muxers)) return invalid("muxers lists a multiplexer twice");
  if (!tcp && !memory && !websocket && !quic)
    return invalid("no transport enabled (tcp, quic, websocket and memory are all off)");
  if (handshake_timeout <= std::chrono::milliseconds::zero()) return invalid("handshake_timeout must be positive");
  if (negotiation_timeout <= std::chrono::milliseconds::zero()) return invalid("negotiation_timeout must be positive");
  if (swarm.dial_timeout <= std::chrono::milliseconds::zero()) return invalid("swarm.dial_timeout must be positive");
  if (swarm.dial_stagger < std::chrono::milliseconds::zero()) return invalid("swarm.dial_stagger must not be negative");
  if (max_pending_inbound == 0) return invalid("max_pending_inbound must be at least 1");
  if (auto r = yamux.validate(); !r) return prefixed("host config: yamux", r.error());
  if (auto r = mplex.validate(); !r) return prefixed("host config: mplex", r.error());
  if (auto r = quic_options.validate(); quic && !r) return prefixed("host config: quic_options", r.error());
  if (auto r = websocket_options.validate(); websocket && !r) return prefixed("host config: websocket_options", r.error());
  return {};
}

}  // namespace libp2p::host
