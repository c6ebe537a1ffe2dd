#pragma once

// QUIC v1 (RFC 9000) as libp2p runs it (libp2p/specs quic/README.md):
// /<ip4|ip6|dns|dns4|dns6>/<host>/udp/<port>/quic-v1 (names resolved at
// dial, listening on IP addresses only). The TLS 1.3 handshake inside QUIC
// authenticates both peers with the libp2p certificate (tls/tls.md, ALPN
// "libp2p"), and QUIC's bidirectional streams are the libp2p streams: no
// security or muxer negotiation, so this is a net::Transport of its own.
//
// One UDP socket per listen address carries every connection on it
// (demultiplexed by connection id); dials leave from a listening socket of
// the same family when there is one (as go-libp2p does, for hole punching),
// else from one shared ephemeral socket per family. Everything runs on the
// transport's executor.

#include "libp2p/crypto/key_pair.hpp"
#include "libp2p/net/transport.hpp"

#include <chrono>
#include <memory>

namespace libp2p::transport {

using multiformats::Multiaddr;

struct QuicConfig {
  std::chrono::milliseconds handshake_timeout{10'000};
  // A connection with nothing received for this long is gone (quic-go's 30 s).
  std::chrono::milliseconds idle_timeout{30'000};
  // A PING after this long without sending, to keep NAT bindings and the
  // connection alive; zero: none.
  std::chrono::milliseconds keep_alive{15'000};
  // Streams the remote may have open at once (go-libp2p: 256).
  std::uint64_t max_streams = 256;
  // Receive windows: initial, and the bound auto-tuning grows them to.
  std::uint64_t stream_window = 512 * 1024;
  std::uint64_t max_stream_window = 6 * 1024 * 1024;
  std::uint64_t connection_window = 1536 * 1024;
  std::uint64_t max_connection_window = 15 * 1024 * 1024;
  // Bytes a stream buffers for sending (unsent plus unacknowledged) before
  // write() waits.
  std::size_t send_buffer = 4 * 1024 * 1024;
  // Inbound handshakes in progress, and connections established but not yet
  // accepted, per listener; more are refused.
  std::size_t max_pending_inbound = 64;

  Result<void> validate() const;
};

class QuicTransport final : public net::Transport {
 public:
  // The connection strings ConnectionInfo reports (go-libp2p's ConnState
  // says Transport "quic-v1", with no separate security or muxer).
  static constexpr std::string_view security_id = "quic-v1";
  static constexpr std::string_view muxer_id = "quic-v1";

  // Throws libp2p::Exception if the certificate cannot be made or loaded,
  // or the config is invalid.
  QuicTransport(asio::any_io_executor executor, crypto::KeyPair identity, QuicConfig config = {});
  ~QuicTransport() override;

  bool can_dial(const Multiaddr& address) const override;
  bool can_listen(const Multiaddr& address) const override;
  // Fails with security::Errc::peer_id_mismatch when the remote proves a
  // PeerId other than `expected`.
  asio::awaitable<Result<std::shared_ptr<net::Connection>>> dial(const Multiaddr& address,
                                                                  std::optional<peer::PeerId> expected) override;
  Result<std::unique_ptr<net::Listener>> listen(const Multiaddr& address) override;

  struct State;

 private:
  std::shared_ptr<State> state_;
};

}  // namespace libp2p::transport
