#pragma once

// Everything a Host can be told, with the defaults a libp2p user expects:
// a new Ed25519 identity, TCP, QUIC v1, WebSocket and the memory transport, Noise then TLS,
// yamux, identify and ping. validate() names the first wrong field.

#include "libp2p/crypto/key_pair.hpp"
#include "libp2p/multiformats/multiaddr.hpp"
#include "libp2p/muxer/mplex/config.hpp"
#include "libp2p/muxer/yamux/config.hpp"
#include "libp2p/net/swarm.hpp"
#include "libp2p/transport/quic.hpp"
#include "libp2p/transport/websocket.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace libp2p::host {

enum class Security { noise, tls, plaintext /* tests only */ };
enum class Muxer { yamux, mplex };

std::string_view protocol_id(Security security);
std::string_view protocol_id(Muxer muxer);

struct Config {
  // The node's identity; a new Ed25519 key pair when empty.
  std::optional<crypto::KeyPair> identity;
  // Addresses to listen on when the host starts (none: dial only).
  std::vector<multiformats::Multiaddr> listen;

  // In order of preference; offered in this order when dialing.
  std::vector<Security> security{Security::noise, Security::tls};
  std::vector<Muxer> muxers{Muxer::yamux};
  bool tcp = true;
  bool memory = true;
  // /tcp/<port>/ws, and /tls/ws (/wss) once websocket_options has a certificate.
  bool websocket = true;
  transport::WebSocketConfig websocket_options;
  // /udp/<port>/quic-v1: its own TLS 1.3 and streams (security and muxers
  // above do not apply to it).
  bool quic = true;
  transport::QuicConfig quic_options;

  yamux::Config yamux;
  mplex::Config mplex;
  net::SwarmConfig swarm;  // dial timeout, stagger between addresses

  // The whole upgrade of one connection: security and muxer negotiation.
  std::chrono::milliseconds handshake_timeout{10'000};
  // multistream-select on a new stream, both directions.
  std::chrono::milliseconds negotiation_timeout{10'000};
  // Inbound connections accepted but not yet through their upgrade, per listener.
  std::size_t max_pending_inbound = 64;

  // What identify tells other peers.
  std::string agent_version = "libp2p-cxx/0.1.0";
  std::string protocol_version = "ipfs/0.1.0";
  bool identify = true;
  bool ping = true;
  // Serve perf (/perf/1.0.0). Off: the perf spec says it SHOULD NOT be on by
  // default, as it lets any peer make the node send data without bound.
  bool perf = false;

  Result<void> validate() const;
};

}  // namespace libp2p::host
