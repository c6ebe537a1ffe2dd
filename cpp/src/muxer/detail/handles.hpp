#pragma once

// What the user holds of a session-based muxer (yamux, QUIC): a MuxedStream
// over a stream state, and the MuxedConnection over a session. The
// connection closes the session when the last handle to it goes; streams
// hold a handle, so they keep it open.
//
// `State` has a `session` member; `Session` offers read/write/close_write/
// reset/release on states, open_stream/accept_stream (awaitables of
// Result<shared_ptr<State>>), close, is_closed and executor.

#include "libp2p/muxer/muxer.hpp"

#include <memory>

namespace libp2p::muxer::detail {

template <class State>
class StreamHandle final : public MuxedStream {
 public:
  StreamHandle(std::shared_ptr<const void> connection, std::shared_ptr<State> state)
      : connection_(std::move(connection)), state_(std::move(state)) {}
  ~StreamHandle() override { state_->session.release(*state_); }

  asio::any_io_executor get_executor() const override { return state_->session.executor(); }
  asio::awaitable<Result<std::size_t>> read_some(asio::mutable_buffer buffer) override {
    return state_->session.read(*state_, buffer);
  }
  asio::awaitable<Result<void>> write(std::span<const asio::const_buffer> buffers) override {
    return state_->session.write(*state_, buffers);
  }
  asio::awaitable<Result<void>> close_write() override { co_return state_->session.close_write(*state_); }
  void close() override { state_->session.reset(*state_); }

 private:
  std::shared_ptr<const void> connection_;  // first: destroyed last
  std::shared_ptr<State> state_;
};

template <class Session, class State>
class ConnectionHandle final : public MuxedConnection,
                               public std::enable_shared_from_this<ConnectionHandle<Session, State>> {
 public:
  explicit ConnectionHandle(std::shared_ptr<Session> session) : session_(std::move(session)) {}
  ~ConnectionHandle() override { session_->close(); }

  asio::awaitable<Result<std::unique_ptr<MuxedStream>>> open_stream() override {
    auto self = this->shared_from_this();
    co_return wrap(co_await session_->open_stream());
  }
  asio::awaitable<Result<std::unique_ptr<MuxedStream>>> accept_stream() override {
    auto self = this->shared_from_this();
    co_return wrap(co_await session_->accept_stream());
  }
  void close() override { session_->close(); }
  bool is_closed() const override { return session_->is_closed(); }
  const std::shared_ptr<Session>& session() const { return session_; }

 private:
  Result<std::unique_ptr<MuxedStream>> wrap(Result<std::shared_ptr<State>> state) {
    if (!state) return state.error();
    return std::unique_ptr<MuxedStream>(std::make_unique<StreamHandle<State>>(this->shared_from_this(), std::move(*state)));
  }

  std::shared_ptr<Session> session_;
};

}  // namespace libp2p::muxer::detail
