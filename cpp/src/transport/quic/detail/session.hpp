#pragma once

// One QUIC connection: the Engine (protocol state), its streams' buffers,
// and the coroutine glue: datagrams in from the Endpoint, packets out
// through it, one timer for the engine's deadline. All on one executor.
//
// Stream data is copied into a bounded send buffer and stays there until the
// remote acknowledges it (ngtcp2 retransmits from the application's memory);
// received data waits in a buffer that the stream's flow-control window
// bounds, and the window reopens only as the application reads.

#include "libp2p/io/event.hpp"
#include "libp2p/io/notifier.hpp"
#include "libp2p/peer/peer_id.hpp"
#include "libp2p/crypto/public_key.hpp"
#include "muxer/yamux/detail/ring_buffer.hpp"
#include "muxer/yamux/detail/wait_list.hpp"
#include "transport/quic/detail/engine.hpp"

#include <boost/asio/steady_timer.hpp>

#include <deque>
#include <functional>
#include <unordered_map>

namespace libp2p::transport::quic::detail {

class Endpoint;
class Session;

struct SessionConfig {
  EngineConfig engine;
  std::size_t send_buffer = 4 * 1024 * 1024;
};

// The bytes a stream has written and the remote has not acknowledged, in
// chunks that never move (ngtcp2 keeps pointers into them until the ACK).
class SendBuffer {
 public:
  std::size_t size() const { return static_cast<std::size_t>(end_ - acked_); }
  bool has_unsent() const { return sent_ < end_; }
  bool nothing_sent() const { return sent_ == 0; }
  void append(const std::uint8_t* data, std::size_t n);
  // Views of the unsent bytes, as many as `out` holds; `complete`: they are all.
  std::size_t unsent(std::span<BytesView> out, bool& complete) const;
  void sent(std::size_t n) { sent_ += n; }
  void acked(std::uint64_t offset, std::uint64_t length);

 private:
  struct Chunk {
    std::unique_ptr<std::uint8_t[]> data;
    std::size_t capacity = 0, size = 0;
  };
  static constexpr std::size_t chunk_size = 16 * 1024;
  std::deque<Chunk> chunks_;
  std::uint64_t acked_ = 0;  // stream offset of chunks_.front()'s first byte
  std::uint64_t sent_ = 0;
  std::uint64_t end_ = 0;
};

struct StreamState {
  StreamState(Session& session, std::int64_t id, bool outbound);

  Session& session;
  const std::int64_t id;
  const bool outbound;

  // receiving
  yamux::detail::RingBuffer received;
  bool fin_received = false;
  bool reset_by_remote = false;
  io::Notifier readable;

  // sending
  SendBuffer sending;
  bool fin_queued = false;  // close_write()
  bool fin_sent = false;
  bool stopped_by_remote = false;  // STOP_SENDING
  bool blocked = false;            // waiting for the remote's flow-control window
  bool queued = false;             // in the session's send queue
  io::Notifier writable;

  bool closed_locally = false;  // close(): every operation fails
  bool released = false;        // the user dropped it
  bool finished = false;        // ngtcp2 closed it: both directions done
};

class Session final : public EngineEvents, public std::enable_shared_from_this<Session> {
 public:
  Session(std::shared_ptr<Endpoint> endpoint, const Path& path, bool outbound, std::optional<peer::PeerId> expected,
          const SessionConfig& config);
  ~Session() override;

  // Makes the engine (for a server, from the client's first Initial, which
  // the caller feeds next) and starts the timer.
  Result<void> start_client(std::shared_ptr<TlsContext> tls);
  Result<void> start_server(std::shared_ptr<TlsContext> tls, BytesView initial);
  // Inbound: called once the handshake completed.
  void on_established(std::function<void(std::shared_ptr<Session>)> f) { on_established_ = std::move(f); }

  asio::any_io_executor executor() const { return executor_; }
  const Path& path() const { return path_; }
  bool outbound() const { return outbound_; }
  bool established() const { return established_; }
  const std::optional<crypto::PublicKey>& remote_key() const { return remote_key_; }

  // Waits for the handshake: an error says why it failed.
  asio::awaitable<Result<void>> handshake();
  void on_datagram(BytesView datagram, const boost::asio::ip::udp::endpoint& from);
  void close();  // CONNECTION_CLOSE (application error 0); every operation fails
  bool is_closed() const { return dead_; }
  void schedule_flush();

  asio::awaitable<Result<std::shared_ptr<StreamState>>> open_stream();
  asio::awaitable<Result<std::shared_ptr<StreamState>>> accept_stream();
  asio::awaitable<Result<std::size_t>> read(StreamState& s, asio::mutable_buffer buffer);
  asio::awaitable<Result<void>> write(StreamState& s, std::span<const asio::const_buffer> buffers);
  Result<void> close_write(StreamState& s);
  void reset(StreamState& s);    // the user's close(): RESET_STREAM and STOP_SENDING
  void release(StreamState& s);  // the user dropped the stream

 private:
  // EngineEvents
  Result<void> verify_peer(std::span<const BytesView> chain) override;
  Result<void> on_handshake_completed() override;
  void on_stream_opened(std::int64_t id) override;
  void on_stream_data(std::int64_t id, BytesView data, bool fin) override;
  void on_stream_reset(std::int64_t id) override;
  void on_stream_stop_sending(std::int64_t id) override;
  void on_stream_closed(std::int64_t id) override;
  void on_stream_acked(std::int64_t id, std::uint64_t offset, std::uint64_t length) override;
  void on_stream_writable(std::int64_t id) override;
  void on_streams_available() override;
  void on_cid_issued(const Cid& cid) override;
  void on_cid_retired(const Cid& cid) override;

  Result<void> start(Result<std::unique_ptr<Engine>> engine);
  void flush();
  void arm_timer();
  asio::awaitable<void> timer_loop();
  void end(Error why);
  StreamState* find(std::int64_t id);
  std::shared_ptr<StreamState> add_stream(std::int64_t id, bool outbound);
  void enqueue(StreamState& s);
  std::optional<Error> write_error(const StreamState& s) const;
  Error stream_error(const StreamState& s, std::string_view what) const;

  std::shared_ptr<Endpoint> endpoint_;
  asio::any_io_executor executor_;
  Path path_;
  const bool outbound_;
  const std::optional<peer::PeerId> expected_;
  const SessionConfig config_;
  std::function<void(std::shared_ptr<Session>)> on_established_;

  // The streams outlive the engine, which points into their send buffers
  // (declared first: destroyed last).
  std::unordered_map<std::int64_t, std::shared_ptr<StreamState>> streams_;
  std::deque<std::shared_ptr<StreamState>> accept_queue_;
  std::deque<std::shared_ptr<StreamState>> send_queue_;
  std::vector<std::shared_ptr<StreamState>> blocked_;  // by flow control
  std::vector<std::int64_t> resets_;  // reset by the remote: to reset on our side too
  yamux::detail::WaitList accept_waiters_;
  yamux::detail::WaitList open_waiters_;
  std::unique_ptr<Engine> engine_;
  std::vector<Cid> cids_;  // routed to us by the endpoint

  std::optional<crypto::PublicKey> remote_key_;
  bool established_ = false;
  bool dead_ = false;
  Error error_;
  io::Event handshake_done_;

  bool flush_posted_ = false;
  Bytes packet_;
  asio::steady_timer timer_;
  Timestamp armed_ = no_deadline;
};

}  // namespace libp2p::transport::quic::detail
