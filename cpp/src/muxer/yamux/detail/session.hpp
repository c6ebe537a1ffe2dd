#pragma once

// The yamux session: one reader coroutine parses frames from the secured
// stream and dispatches them, one writer coroutine sends queued frames in
// batches, each batch one gather write. Streams are StreamStates shared
// between the session (while open) and the user's Stream. All on one
// executor: no locks.

#include "libp2p/io/byte_stream.hpp"
#include "libp2p/io/notifier.hpp"
#include "libp2p/muxer/yamux/config.hpp"
#include "libp2p/muxer/yamux/flow_control.hpp"
#include "libp2p/muxer/yamux/frame.hpp"
#include "muxer/yamux/detail/ring_buffer.hpp"
#include "muxer/yamux/detail/wait_list.hpp"

#include <boost/asio/steady_timer.hpp>

#include <array>
#include <deque>
#include <memory>
#include <optional>
#include <unordered_map>
#include <vector>

namespace libp2p::yamux::detail {

class Session;

// One direction of a stream.
enum class Half : std::uint8_t { open, closed, reset };

struct StreamState {
  StreamState(Session& session, std::uint32_t id, bool outbound, ConnectionWindow& budget, std::uint32_t max_window);

  Session& session;
  const std::uint32_t id;
  const bool outbound;
  Half send = Half::open;
  Half recv = Half::open;
  bool closed_locally = false;  // close() or destruction: every operation fails
  bool reset_by_remote = false;
  bool registered = true;  // in the session's stream table: frames reach it
  bool acknowledged = false;  // outbound: the remote sent ACK (or RST)
  SendWindow send_window;
  ReceiveWindow receive_window;
  RingBuffer buffer;  // received, not yet read

  // A read_some waiting for data: the reader copies payload straight into
  // its buffer, and may keep filling it until the read resumes.
  io::Notifier readable;
  std::uint8_t* read_into = nullptr;
  std::size_t read_capacity = 0;
  std::size_t read_filled = 0;

  // The write in progress: its Data frames queued or being written (they
  // point into the caller's buffers), and whether any of them was dropped
  // unwritten (purged, the session ended, the connection's write failed).
  io::Notifier writable;
  std::size_t frames_pending = 0;
  bool frames_dropped = false;
};

// A frame waiting for the writer: header and payload pieces (Data frames
// point into the writer's buffers, which stay valid until `owner` is told).
struct OutFrame {
  static constexpr std::size_t max_pieces = 4;
  enum class Kind : std::uint8_t { data, control, ping, pong, go_away };

  EncodedHeader header;
  Kind kind = Kind::control;
  std::uint8_t pieces = 0;
  std::array<asio::const_buffer, max_pieces> payload;
  StreamState* owner = nullptr;
};

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(std::unique_ptr<io::ByteStream> secured, bool initiator, const Config& config);
  ~Session();
  void start();

  asio::any_io_executor executor() const { return executor_; }

  asio::awaitable<Result<std::shared_ptr<StreamState>>> open_stream();
  asio::awaitable<Result<std::shared_ptr<StreamState>>> accept_stream();
  void close();
  bool is_closed() const { return dead_; }

  asio::awaitable<Result<std::size_t>> read(StreamState& s, asio::mutable_buffer buffer);
  asio::awaitable<Result<void>> write(StreamState& s, std::span<const asio::const_buffer> buffers);
  Result<void> close_write(StreamState& s);
  void reset(StreamState& s);    // the user's close()
  void release(StreamState& s);  // the user dropped the stream

 private:
  struct Payload {  // the rest of a Data frame's payload still to arrive
    std::shared_ptr<StreamState> stream;  // null: discard
    std::uint32_t remaining = 0;
    bool fin = false;
  };

  // lifecycle (session.cpp)
  asio::awaitable<void> read_loop();
  asio::awaitable<void> write_loop();
  asio::awaitable<void> keepalive_loop();
  void spawn(asio::awaitable<void> task, const char* what);
  void shutdown(Error why, std::optional<GoAwayCode> go_away);
  void close_transport();

  // inbound frames (session_frames.cpp)
  Result<void> process_input();
  Result<void> on_header(const Header& h);
  Result<void> on_stream_frame(const Header& h);
  Result<std::shared_ptr<StreamState>> on_syn(const Header& h);
  void on_ping(const Header& h);
  Result<void> on_go_away(const Header& h);
  void deliver(StreamState& s, const std::uint8_t* data, std::size_t n);
  void on_fin(StreamState& s);
  void on_remote_reset(StreamState& s);
  void on_ack(StreamState& s);
  bool was_opened(std::uint32_t id) const;
  bool is_ours(std::uint32_t id) const { return (id % 2 == 1) == initiator_; }

  // outbound frames (session_send.cpp)
  void send_control(Header h, OutFrame::Kind kind = OutFrame::Kind::control);
  void send_ping();
  std::size_t queue_data(StreamState& s, std::span<const asio::const_buffer> buffers, std::size_t& index,
                         std::size_t& offset, std::size_t budget);
  void purge(StreamState& s);
  void take_batch();
  void finish_batch(bool written);
  void window_update_after_read(StreamState& s);

  // streams (session_streams.cpp)
  std::shared_ptr<StreamState> make_stream(std::uint32_t id, bool outbound);
  void forget(StreamState& s);
  std::optional<Error> write_error(const StreamState& s) const;
  Error stream_error(const StreamState& s, std::string_view what) const;

  const Config config_;
  const bool initiator_;
  std::unique_ptr<io::ByteStream> secured_;
  asio::any_io_executor executor_;

  // The budget outlives the streams (declared first: destroyed last).
  ConnectionWindow budget_;
  std::unordered_map<std::uint32_t, std::shared_ptr<StreamState>> streams_;
  std::deque<std::shared_ptr<StreamState>> accept_queue_;
  WaitList accept_waiters_;
  WaitList open_waiters_;
  std::uint64_t next_id_;
  std::uint32_t max_remote_id_ = 0;
  std::uint32_t inbound_streams_ = 0;
  std::uint32_t unacknowledged_ = 0;  // our streams the remote has not ACKed

  bool dead_ = false;
  bool remote_go_away_ = false;
  bool transport_closed_ = false;
  Error error_;  // why the session died

  // reading
  std::unique_ptr<std::uint8_t[]> input_;  // none while the connection is quiet
  std::size_t input_begin_ = 0, input_end_ = 0;
  Payload payload_;
  std::uint64_t bytes_received_ = 0;

  // writing
  std::vector<OutFrame> queue_;    // in order
  std::size_t queue_head_ = 0;
  std::vector<OutFrame> urgent_;   // pings, pongs, plain window updates: go first
  std::vector<OutFrame> flight_;   // being written
  std::vector<asio::const_buffer> gather_;
  std::size_t queued_control_ = 0;  // control frames waiting: the reader pauses above a bound
  std::size_t queued_pongs_ = 0;
  io::Notifier writer_wake_;
  io::Notifier control_drained_;
  bool go_away_queued_ = false;

  // ping and round trip
  std::uint32_t next_ping_id_ = 0;
  std::optional<std::uint32_t> ping_outstanding_;
  Clock::time_point ping_sent_;
  std::uint64_t received_at_ping_ = 0;
  std::optional<Clock::duration> rtt_;
  asio::steady_timer keepalive_timer_;
  asio::steady_timer close_timer_;
};

}  // namespace libp2p::yamux::detail
