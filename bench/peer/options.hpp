#pragma once

// The bench peer's options (bench/CONTRACT.md): one set for both roles, the
// scenario's own options among them.

#include "libp2p/host/config.hpp"

#include <cstdint>
#include <string>

namespace libp2p::bench {

struct Options {
  std::string transport = "tcp";  // or quic-v1
  host::Security security = host::Security::noise;
  host::Muxer muxer = host::Muxer::yamux;
  std::string listen_ip = "127.0.0.1";  // server
  std::string server;                   // client: the server's multiaddr with /p2p/<id>

  std::string scenario;  // client: throughput, streams, connect, handshakes, latency, idle
  std::uint64_t upload = 0;
  std::uint64_t download = 0;
  int streams = 1;
  int count = 1;
  double seconds = 1;
  int concurrency = 1;
  int connections = 1;
};

// A byte count: a plain integer, or one with a KiB, MiB or GiB suffix.
Result<std::uint64_t> parse_bytes(std::string_view text);

// The host configuration both roles share: the one transport, security and
// muxer asked for; no memory transport.
Result<host::Config> host_config(const Options& options);

// The server's listen address: port 0 of listen_ip on the transport.
std::string listen_address(const Options& options);

}  // namespace libp2p::bench
