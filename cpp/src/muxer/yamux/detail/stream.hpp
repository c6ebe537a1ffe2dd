#pragma once

// What the user holds: a MuxedStream over a StreamState, and the
// MuxedConnection over a Session. The connection closes the session when
// the last handle to it goes; streams hold a handle, so they keep it open.

#include "libp2p/muxer/muxer.hpp"
#include "muxer/yamux/detail/session.hpp"

namespace libp2p::yamux::detail {

class Stream final : public muxer::MuxedStream {
 public:
  Stream(std::shared_ptr<const void> connection, std::shared_ptr<StreamState> state)
      : connection_(std::move(connection)), state_(std::move(state)) {}
  ~Stream() override { state_->session.release(*state_); }

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
  std::shared_ptr<StreamState> state_;
};

class Connection final : public muxer::MuxedConnection, public std::enable_shared_from_this<Connection> {
 public:
  explicit Connection(std::shared_ptr<Session> session) : session_(std::move(session)) {}
  ~Connection() override { session_->close(); }

  asio::awaitable<Result<std::unique_ptr<muxer::MuxedStream>>> open_stream() override {
    auto self = shared_from_this();
    co_return wrap(co_await session_->open_stream());
  }
  asio::awaitable<Result<std::unique_ptr<muxer::MuxedStream>>> accept_stream() override {
    auto self = shared_from_this();
    co_return wrap(co_await session_->accept_stream());
  }
  void close() override { session_->close(); }
  bool is_closed() const override { return session_->is_closed(); }

 private:
  Result<std::unique_ptr<muxer::MuxedStream>> wrap(Result<std::shared_ptr<StreamState>> state) {
    if (!state) return state.error();
    return std::unique_ptr<muxer::MuxedStream>(std::make_unique<Stream>(shared_from_this(), std::move(*state)));
  }

  std::shared_ptr<Session> session_;
};

}  // namespace libp2p::yamux::detail
