#pragma once

// The MuxedStream handle of an mplex stream: close_write() sends Close,
// close() sends Reset, and destroying a stream resets it unless it was
// closed for writing (then the remote reads all that was sent, and the end).

#include "muxer/mplex/detail/session.hpp"

namespace libp2p::mplex::detail {

class Stream final : public muxer::MuxedStream {
 public:
  Stream(std::shared_ptr<Session> session, Session::StatePtr state)
      : session_(std::move(session)), state_(std::move(state)) {}
  Stream(const Stream&) = delete;
  Stream& operator=(const Stream&) = delete;
  ~Stream() override { session_->release(state_); }

  asio::any_io_executor get_executor() const override { return session_->get_executor(); }

  asio::awaitable<Result<std::size_t>> read_some(asio::mutable_buffer buffer) override {
    return Session::read_some(session_, state_, buffer);
  }

  asio::awaitable<Result<void>> write(std::span<const asio::const_buffer> buffers) override {
    return Session::write(session_, state_, buffers);
  }

  asio::awaitable<Result<void>> close_write() override { co_return session_->close_write(state_); }

  void close() override;

 private:
  std::shared_ptr<Session> session_;
  Session::StatePtr state_;
};

}  // namespace libp2p::mplex::detail
