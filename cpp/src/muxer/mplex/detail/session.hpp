#pragma once

// One mplex connection: a reader coroutine routes the remote's frames to the
// streams, a writer coroutine gathers the streams' frames into one write on
// the connection. Everything runs on the connection's executor, without locks.

#include "libp2p/muxer/mplex/config.hpp"
#include "libp2p/muxer/mplex/frame.hpp"
#include "libp2p/muxer/muxer.hpp"
#include "muxer/mplex/detail/stream_state.hpp"

#include <deque>
#include <memory>
#include <unordered_map>

namespace libp2p::mplex::detail {

class Session final : public muxer::MuxedConnection, public std::enable_shared_from_this<Session> {
 public:
  using StatePtr = std::shared_ptr<StreamState>;

  Session(std::unique_ptr<io::ByteStream> conn, const Config& config);
  ~Session() override;

  // Spawns the reader and the writer; they keep the session alive until it closes.
  void start();

  asio::awaitable<Result<std::unique_ptr<muxer::MuxedStream>>> open_stream() override;
  asio::awaitable<Result<std::unique_ptr<muxer::MuxedStream>>> accept_stream() override;
  void close() override;
  bool is_closed() const override { return closed_.has_value(); }

  // The stream handles' operations. The coroutines hold the session and the
  // state, so a handle may be destroyed while one of them waits.
  static asio::awaitable<Result<std::size_t>> read_some(std::shared_ptr<Session> self, StatePtr s,
                                                        asio::mutable_buffer buffer);
  static asio::awaitable<Result<void>> write(std::shared_ptr<Session> self, StatePtr s,
                                             std::span<const asio::const_buffer> buffers);
  Result<void> close_write(const StatePtr& s);
  // Resets the stream unless it is already over; later operations fail with `reason`.
  void reset(const StatePtr& s, Error reason);
  // The handle is gone: resets the stream unless it was fully closed.
  void release(const StatePtr& s);

  asio::any_io_executor get_executor() const { return executor_; }

 private:
  asio::awaitable<void> read_loop();
  asio::awaitable<void> write_loop();

  // Reading: consumes what it can of `in` (all but an incomplete frame header);
  // a protocol violation shuts the session down.
  std::size_t process(BytesView in);
  Result<void> on_header(const FrameHeader& h);
  void on_new_stream(std::uint64_t id);
  void on_message(const FrameHeader& h);
  void on_close(StreamKey key);
  void on_reset(StreamKey key);
  void deliver(BytesView payload);
  StatePtr find(StreamKey key) const;

  // Writing.
  void schedule(const StatePtr& s);
  bool has_output(const StreamState& s) const;
  void build_batch();
  void emit(StreamState& s);
  void append_pending_data(StreamState& s);

  // Stream bookkeeping.
  StatePtr add_stream(StreamKey key);
  void fail(StreamState& s, Error reason);
  void maybe_forget(StreamState& s);
  std::size_t& count_of(bool local) { return local ? outbound_count_ : inbound_count_; }

  // Ends the session: every stream fails, the connection is closed.
  void shutdown(Error reason);

  asio::any_io_executor executor_;
  std::unique_ptr<io::ByteStream> conn_;
  Config config_;
  std::optional<Error> closed_;  // why the session ended

  std::unordered_map<StreamKey, StatePtr, StreamKeyHash> streams_;
  std::size_t inbound_count_ = 0, outbound_count_ = 0;
  std::uint64_t next_id_ = 0;

  std::deque<StatePtr> backlog_;  // inbound streams not yet accepted
  io::Notifier accept_ready_;

  // Reader: the frame whose payload is arriving, and where it goes.
  Bytes read_buffer_;
  std::size_t payload_left_ = 0;
  StatePtr payload_target_;  // null: the payload is discarded

  // Writer: streams with frames to send (round robin), refusals of inbound
  // streams beyond the limit, and the batch being written.
  std::deque<StatePtr> send_queue_;
  std::deque<std::uint64_t> refusals_;
  Bytes batch_;
  io::Notifier write_ready_;
};

}  // namespace libp2p::mplex::detail
