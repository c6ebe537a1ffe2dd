#pragma once

// Stream: a stream of a connection with its negotiated protocol, what the
// Host gives to handlers and returns from new_stream. A ByteStream, and an
// Asio AsyncReadStream/AsyncWriteStream (async_read_some/async_write_some),
// so asio::async_read and friends work on it. close() resets it;
// close_write() half-closes; destroying it unclosed resets it.

#include "libp2p/io/byte_stream.hpp"
#include "libp2p/net/connection.hpp"

#include <boost/asio/associated_cancellation_slot.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/error.hpp>

#include <memory>
#include <string>

namespace libp2p::host {

class Stream final : public io::ByteStream {
 public:
  using executor_type = asio::any_io_executor;

  Stream(std::unique_ptr<io::ByteStream> inner, std::string protocol, std::shared_ptr<net::Connection> connection)
      : inner_(std::move(inner)), protocol_(std::move(protocol)), connection_(std::move(connection)) {}

  const std::string& protocol() const { return protocol_; }
  const peer::PeerId& remote_peer() const { return connection_->remote_peer(); }
  const std::shared_ptr<net::Connection>& connection() const { return connection_; }

  asio::any_io_executor get_executor() const override { return inner_->get_executor(); }
  asio::awaitable<Result<std::size_t>> read_some(asio::mutable_buffer buffer) override {
    return inner_->read_some(buffer);
  }
  asio::awaitable<Result<void>> write(std::span<const asio::const_buffer> buffers) override {
    return inner_->write(buffers);
  }
  asio::awaitable<Result<void>> close_write() override { return inner_->close_write(); }
  void close() override { inner_->close(); }

  template <class MutableBufferSequence, class Token>
  auto async_read_some(const MutableBufferSequence& buffers, Token&& token) {
    return initiate<void(boost::system::error_code, std::size_t)>(
        [this, b = first(asio::buffer_sequence_begin(buffers), asio::buffer_sequence_end(buffers))]() {
          return read_some(b);
        },
        std::forward<Token>(token));
  }

  template <class ConstBufferSequence, class Token>
  auto async_write_some(const ConstBufferSequence& buffers, Token&& token) {
    return initiate<void(boost::system::error_code, std::size_t)>(
        [this, b = first(asio::buffer_sequence_begin(buffers), asio::buffer_sequence_end(buffers))]()
            -> asio::awaitable<Result<std::size_t>> {
          auto r = co_await write(std::span<const asio::const_buffer>(&b, 1));
          if (!r) co_return r.error();
          co_return b.size();
        },
        std::forward<Token>(token));
  }

 private:
  template <class It>
  static auto first(It begin, It end) {
    for (; begin != end; ++begin)
      if (asio::buffer_size(*begin) > 0) return *begin;
    return typename std::iterator_traits<It>::value_type{};
  }

  // Runs the coroutine `op` for an Asio completion token, forwarding cancellation.
  template <class Signature, class Op, class Token>
  auto initiate(Op op, Token&& token) {
    return asio::async_initiate<Token, Signature>(
        [this](auto handler, Op op) {
          auto slot = asio::get_associated_cancellation_slot(handler);
          asio::co_spawn(get_executor(), op(),
                         asio::bind_cancellation_slot(
                             slot, [h = std::move(handler)](std::exception_ptr e, Result<std::size_t> r) mutable {
                               if (e) std::move(h)(asio::error::operation_aborted, std::size_t{0});
                               else if (!r) std::move(h)(r.error().code, std::size_t{0});
                               else std::move(h)(boost::system::error_code{}, *r);
                             }));
        },
        token, std::move(op));
  }

  std::unique_ptr<io::ByteStream> inner_;
  std::string protocol_;
  std::shared_ptr<net::Connection> connection_;
};

}  // namespace libp2p::host
