#pragma once

// The QUIC engine: one connection's protocol state (ngtcp2 0.12 with its
// GnuTLS crypto helper) behind a sans-I/O interface. Datagrams and the clock
// go in; packets, stream events and the next deadline come out. This header
// and its two .cpp files are the only code that knows ngtcp2 or GnuTLS: their
// pre-1.0 API changes stay here.
//
// The TLS side follows tls/tls.md as /tls/1.0.0 does: TLS 1.3 only, ALPN
// "libp2p", mutual authentication with the libp2p certificate (made and
// verified by security/tls/certificate.hpp), no session resumption.

#include "libp2p/common/bytes.hpp"
#include "libp2p/common/error.hpp"
#include "libp2p/crypto/key_pair.hpp"

#include <boost/asio/ip/udp.hpp>

#include <array>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>

namespace libp2p::transport::quic::detail {

// Nanoseconds of the steady clock, ngtcp2's time base.
using Timestamp = std::uint64_t;
inline constexpr Timestamp no_deadline = UINT64_MAX;
Timestamp now();

// A connection id (RFC 9000 §5.1): at most 20 bytes.
struct Cid {
  std::array<std::uint8_t, 20> bytes{};
  std::uint8_t size = 0;
  static Cid from(BytesView b);
  BytesView view() const { return {bytes.data(), size}; }
  friend bool operator==(const Cid& a, const Cid& b) { return a.view().size() == b.view().size() && equal(a.view(), b.view()); }
};
struct CidHash {
  std::size_t operator()(const Cid& c) const noexcept;
};

// The length of every connection id we issue: short-header packets carry no
// length, so the endpoint routes them with this one.
inline constexpr std::size_t cid_length = 16;

// What the invariant header of a datagram's first packet says (RFC 8999).
struct DatagramHeader {
  enum class Kind {
    routable,         // a destination connection id to look up
    initial,          // a client Initial of QUIC v1 that may start a connection
    unknown_version,  // a long header of a version we do not speak: answer Version Negotiation
    invalid,          // not QUIC: drop
  } kind = Kind::invalid;
  Cid dcid;
};
DatagramHeader inspect(BytesView datagram);
// The Version Negotiation packet answering `datagram` (an unknown_version one).
Bytes version_negotiation(BytesView datagram);

struct Path {
  boost::asio::ip::udp::endpoint local;
  boost::asio::ip::udp::endpoint remote;
};

struct EngineConfig {
  std::chrono::milliseconds handshake_timeout{10'000};
  std::chrono::milliseconds idle_timeout{30'000};
  std::chrono::milliseconds keep_alive{15'000};  // zero: none
  std::uint64_t stream_window = 512 * 1024;      // initial; auto-tuned up to max_stream_window
  std::uint64_t max_stream_window = 6 * 1024 * 1024;
  std::uint64_t connection_window = 1536 * 1024;
  std::uint64_t max_connection_window = 15 * 1024 * 1024;
  std::uint64_t max_streams = 256;  // concurrent bidirectional streams the remote may open
};

// What the engine reports while it processes input. Called from inside
// Engine's functions: implementations only record state and wake waiters.
class EngineEvents {
 public:
  virtual ~EngineEvents() = default;
  // The remote's certificate chain, as received (DER). An error fails the
  // handshake with that reason.
  virtual Result<void> verify_peer(std::span<const BytesView> chain) = 0;
  // An error fails the connection with that reason.
  virtual Result<void> on_handshake_completed() = 0;
  virtual void on_stream_opened(std::int64_t id) = 0;  // by the remote
  virtual void on_stream_data(std::int64_t id, BytesView data, bool fin) = 0;
  virtual void on_stream_reset(std::int64_t id) = 0;         // RESET_STREAM: reads fail
  virtual void on_stream_stop_sending(std::int64_t id) = 0;  // STOP_SENDING: writes fail
  virtual void on_stream_closed(std::int64_t id) = 0;        // both directions done: forget it
  virtual void on_stream_acked(std::int64_t id, std::uint64_t offset, std::uint64_t length) = 0;
  virtual void on_stream_writable(std::int64_t id) = 0;  // its flow-control window opened
  virtual void on_streams_available() = 0;               // we may open more streams
  virtual void on_cid_issued(const Cid& cid) = 0;
  virtual void on_cid_retired(const Cid& cid) = 0;
};

// The credentials of one transport: the libp2p certificate in GnuTLS, and
// the secret behind stateless reset tokens.
class TlsContext {
 public:
  // Fails with transport::Errc::bad_certificate if GnuTLS rejects the
  // certificate made for `identity`.
  static Result<std::shared_ptr<TlsContext>> make(const crypto::KeyPair& identity);
  // Any certificate and key (both DER, or both PEM): for tests of peers that
  // present what a libp2p node must refuse.
  static Result<std::shared_ptr<TlsContext>> load(BytesView certificate, BytesView key, bool pem);
  ~TlsContext();
  struct Impl;
  Impl& impl() const { return *impl_; }

 private:
  explicit TlsContext(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

class Engine {
 public:
  // A client connection to `path.remote`.
  static Result<std::unique_ptr<Engine>> client(std::shared_ptr<TlsContext> tls, const EngineConfig& config,
                                                const Path& path, EngineEvents& events);
  // A server connection for a client Initial (DatagramHeader::Kind::initial);
  // feed the datagram to receive() next.
  static Result<std::unique_ptr<Engine>> server(std::shared_ptr<TlsContext> tls, const EngineConfig& config,
                                                const Path& path, BytesView initial, EngineEvents& events);
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // The connection ids the remote addresses us with now (our first one, and
  // for a server the client's original destination id).
  std::vector<Cid> local_cids() const;

  // Processes one datagram. An error ends the connection: its message says
  // why; close_packet() then gives what to tell the remote, if anything.
  Result<void> receive(BytesView datagram, const Path& path, Timestamp now);

  struct Written {
    enum class State {
      packet,          // `size` bytes of `out` are a packet to send
      more,            // the packet has room: the stream's data went in, go on with another
      stream_blocked,  // the stream cannot send now (flow control): try another
      stream_gone,     // the stream can send no more (reset or closed)
      idle,            // nothing to send (or congestion-limited)
    } state;
    std::size_t size = 0;      // packet bytes (State::packet)
    std::size_t consumed = 0;  // stream bytes taken into the packet
    bool fin_sent = false;
  };
  // Writes the next packet into `out`, with `data` of `stream` if given
  // (`fin`: the data ends the stream). Call until State::idle.
  Result<Written> write(std::span<std::uint8_t> out, std::optional<std::int64_t> stream,
                        std::span<const BytesView> data, bool fin, Timestamp now);
  // After a burst of writes: pacing.
  void finish_burst(Timestamp now);
  std::size_t max_packet_size() const;

  // The connection's next deadline, and what to do at it. An error ends the
  // connection (idle or handshake timeout, too many retransmissions).
  Timestamp deadline() const;
  Result<void> on_deadline(Timestamp now);

  // A CONNECTION_CLOSE for the remote after receive()/on_deadline() failed
  // or for a local close (application error 0): empty when nothing is to be
  // sent (the remote closed, or the connection timed out).
  Bytes close_packet(Timestamp now);
  Bytes close_locally(Timestamp now);

  bool handshake_completed() const;

  // Streams. open_stream() is empty while the remote's stream limit is
  // reached (on_streams_available tells when to try again).
  Result<std::optional<std::int64_t>> open_stream();
  void reset_stream(std::int64_t id);      // RESET_STREAM and STOP_SENDING
  void stop_reading(std::int64_t id);      // STOP_SENDING only
  void consumed(std::int64_t id, std::size_t n);  // the application read n bytes: open the windows

  struct Impl;

 private:
  explicit Engine(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace libp2p::transport::quic::detail
