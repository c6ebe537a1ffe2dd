#pragma once

// A WebSocket connection after the opening handshake: RFC 6455 framing over
// an Asio stream (a TCP socket, or a TLS stream over one), as a byte stream.
// The frame rules live in ws_frame (no I/O); this moves bytes.
//
// Reads land in the caller's buffer: payload bytes already buffered are
// copied, the rest of a frame is read straight into it. Each write goes out
// as binary messages of at most frame_payload bytes each (a server's frames
// gathered from the caller's buffers, a client's masked into a scratch
// buffer). Control frames the reader must send (a Pong, a Close that fails
// the connection) go out at once when no write is under way, else right
// after it: a read never waits for a write.

#include "transport/detail/ws_frame.hpp"

#include "libp2p/io/notifier.hpp"
#include "libp2p/transport/errc.hpp"
#include "libp2p/transport/raw_transport.hpp"

#include <boost/asio/error.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/write.hpp>
#include <openssl/rand.h>

#include <algorithm>
#include <cstring>

namespace libp2p::transport::detail {

inline asio::ip::tcp::socket& socket_of(asio::ip::tcp::socket& s) { return s; }
inline asio::ip::tcp::socket& socket_of(asio::ssl::stream<asio::ip::tcp::socket>& s) { return s.next_layer(); }

template <class Stream>
class WsConnection final : public RawConnection {
 public:
  static constexpr std::size_t frame_payload = 64 * 1024;  // what peers with a 1 MiB message bound take
  static constexpr std::size_t buffer_size = 16 * 1024;
  static constexpr std::size_t frames_per_write = 4;  // a client's scratch buffer

  // `early`: bytes read past the handshake's head, the start of the frames.
  WsConnection(Stream stream, bool server, std::uint64_t max_message_size, BytesView early, Multiaddr local,
               Multiaddr remote)
      : stream_(std::move(stream)),
        server_(server),
        parser_(server, max_message_size),
        in_(std::max(buffer_size, early.size())),
        write_free_(stream_.get_executor()),
        local_(std::move(local)),
        remote_(std::move(remote)) {
    std::copy(early.begin(), early.end(), in_.begin());
    in_end_ = early.size();
  }

  asio::any_io_executor get_executor() const override { return const_cast<Stream&>(stream_).get_executor(); }
  const Multiaddr& local_address() const override { return local_; }
  const Multiaddr& remote_address() const override { return remote_; }

  asio::awaitable<Result<std::size_t>> read_some(asio::mutable_buffer buffer) override {
    auto* out = static_cast<std::uint8_t*>(buffer.data());
    std::size_t done = 0;
    while (done < buffer.size()) {
      if (failure_) co_return *failure_;
      if (data_left_ > 0) {
        if (buffered().empty() && done > 0) break;
        auto n = co_await read_payload(std::span<std::uint8_t>(out + done, buffer.size() - done));
        if (!n) co_return n.error();
        done += *n;
        continue;
      }
      if (remote_close_) {
        if (done > 0) break;
        co_return Error(asio::error::eof, "WebSocket closed by the remote (" + *remote_close_ + ")");
      }
      auto next = parser_.next(buffered());
      if (auto* violation = std::get_if<ws::Violation>(&next)) {
        if (done > 0) break;  // found again on the next read: the parser keeps no state for it
        co_return co_await fail(std::move(*violation));
      }
      auto* parsed = std::get_if<ws::ParsedHeader>(&next);
      const bool complete = parsed && (!ws::is_control(parsed->header.opcode) ||
                                       buffered().size() >= parsed->size + parsed->header.length);
      if (!complete) {
        if (done > 0) break;
        if (auto r = co_await fill(); !r) co_return r.error();
        continue;
      }
      consume(parsed->size);
      if (!ws::is_control(parsed->header.opcode)) {
        data_left_ = parsed->header.length;
        mask_ = parsed->header.mask;
        mask_offset_ = 0;
      } else if (auto r = co_await on_control(parsed->header); !r) {
        co_return r.error();
      }
    }
    co_return done;
  }

  asio::awaitable<Result<void>> write(std::span<const asio::const_buffer> buffers) override {
    if (auto r = co_await lock_write(); !r) co_return r;
    Result<void> r = Error(asio::error::broken_pipe, "WebSocket: write after close_write");
    if (!close_sent_) r = co_await write_data(buffers);
    co_return co_await unlock_write(std::move(r));
  }

  asio::awaitable<Result<void>> close_write() override {
    if (auto r = co_await lock_write(); !r) co_return r;
    Result<void> r;
    if (!close_sent_) r = co_await write_control(ws::Opcode::close, ws::encode_close(ws::normal_closure, ""));
    close_sent_ = true;
    co_return co_await unlock_write(std::move(r));
  }

  void close() override {
    if (!failure_) failure_ = Error(asio::error::operation_aborted, "WebSocket connection closed");
    boost::system::error_code ignored;
    socket_of(stream_).close(ignored);
    write_free_.cancel();
  }

 private:
  BytesView buffered() const { return BytesView(in_).subspan(in_begin_, in_end_ - in_begin_); }
  void consume(std::size_t n) { in_begin_ += n; }

  static bool is_eof(const boost::system::error_code& ec) {
    return ec == asio::error::eof || ec == asio::ssl::error::stream_truncated;
  }

  // More bytes into the buffer, after those not yet parsed.
  asio::awaitable<Result<void>> fill() {
    if (in_begin_ > 0) {
      std::memmove(in_.data(), in_.data() + in_begin_, in_end_ - in_begin_);
      in_end_ -= in_begin_;
      in_begin_ = 0;
    }
    auto [ec, n] = co_await stream_.async_read_some(asio::buffer(in_.data() + in_end_, in_.size() - in_end_), use_result);
    if (is_eof(ec) && in_begin_ == in_end_)
      co_return Error(asio::error::eof, "WebSocket: the connection ended without a Close frame");
    if (is_eof(ec)) co_return Error(Errc::websocket_protocol, "WebSocket: the connection ended inside a frame header");
    if (ec) co_return Error(ec, "WebSocket read: " + ec.message());
    in_end_ += n;
    co_return Result<void>{};
  }

  // Payload of the current data frame into `out`: buffered bytes first, else
  // straight from the stream.
  asio::awaitable<Result<std::size_t>> read_payload(std::span<std::uint8_t> out) {
    std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(out.size(), data_left_));
    if (!buffered().empty()) {
      n = std::min(n, buffered().size());
      std::memcpy(out.data(), buffered().data(), n);
      consume(n);
    } else {
      auto [ec, got] = co_await stream_.async_read_some(asio::buffer(out.data(), n), use_result);
      if (is_eof(ec)) co_return Error(Errc::websocket_protocol, "WebSocket: the connection ended inside a frame");
      if (ec) co_return Error(ec, "WebSocket read: " + ec.message());
      n = got;
    }
    if (mask_) ws::apply_mask(out.first(n), *mask_, mask_offset_);
    mask_offset_ += n;
    data_left_ -= n;
    co_return n;
  }

  // A control frame whose header was just consumed; its payload is buffered.
  asio::awaitable<Result<void>> on_control(const ws::FrameHeader& header) {
    Bytes payload(buffered().begin(), buffered().begin() + static_cast<std::ptrdiff_t>(header.length));
    consume(payload.size());
    if (header.mask) ws::apply_mask(payload, *header.mask, 0);
    if (header.opcode == ws::Opcode::ping) co_return co_await send_control(ws::Opcode::pong, std::move(payload));
    if (header.opcode != ws::Opcode::close) co_return Result<void>{};  // a pong
    auto body = ws::parse_close(payload);
    if (auto* violation = std::get_if<ws::Violation>(&body)) co_return co_await fail(std::move(*violation));
    const auto& close = std::get<ws::CloseBody>(body);
    // Our Close answers it when this side closes its direction (close_write).
    remote_close_ = "code " + std::to_string(close.code) + (close.reason.empty() ? "" : ": " + close.reason);
    co_return Result<void>{};
  }

  // Fails the connection (RFC 6455 §7.1.7): a Close frame that says why, then
  // no more writes from this side.
  asio::awaitable<Error> fail(ws::Violation violation) {
    const auto errc = violation.code == ws::message_too_big ? Errc::message_too_big : Errc::websocket_protocol;
    failure_ = Error(errc, "WebSocket: the remote sent " + violation.reason + " (closed with code " +
                               std::to_string(violation.code) + ")");
    (void)co_await send_control(ws::Opcode::close, ws::encode_close(violation.code, violation.reason));
    co_return *failure_;
  }

  // Sends a control frame now if no write is under way, else after it.
  asio::awaitable<Result<void>> send_control(ws::Opcode opcode, Bytes payload) {
    if (close_sent_) co_return Result<void>{};
    if (writing_) {
      if (!pending_ || pending_->first != ws::Opcode::close) pending_.emplace(opcode, std::move(payload));
      co_return Result<void>{};
    }
    writing_ = true;
    auto r = co_await write_pending(std::make_pair(opcode, std::move(payload)));
    writing_ = false;
    write_free_.notify();
    co_return r;
  }

  asio::awaitable<Result<void>> write_pending(std::pair<ws::Opcode, Bytes> control) {
    auto r = co_await write_control(control.first, control.second);
    if (control.first == ws::Opcode::close) {
      close_sent_ = true;
      boost::system::error_code ignored;
      socket_of(stream_).shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
    }
    co_return r;
  }

  asio::awaitable<Result<void>> lock_write() {
    while (writing_) {
      if (auto [ec] = co_await write_free_.async_wait(use_result); ec) co_return Error(ec, "WebSocket write: " + ec.message());
    }
    if (failure_) co_return *failure_;
    writing_ = true;
    co_return Result<void>{};
  }

  // Sends what the reader left pending, then lets the next writer in.
  asio::awaitable<Result<void>> unlock_write(Result<void> r) {
    if (pending_ && r) {
      auto control = std::move(*pending_);
      pending_.reset();
      r = co_await write_pending(std::move(control));
    }
    writing_ = false;
    write_free_.notify();
    co_return r;
  }

  asio::awaitable<Result<void>> write_control(ws::Opcode opcode, BytesView payload) {
    std::array<std::uint8_t, ws::max_header_size + ws::max_control_payload> frame;
    const auto size = put_frame(opcode, payload, frame.data());
    auto [ec, n] = co_await asio::async_write(stream_, asio::buffer(frame.data(), size), use_result);
    if (ec) co_return Error(ec, "WebSocket write: " + ec.message());
    co_return Result<void>{};
  }

  // Header and payload at `out` (masked if we are the client); returns the size.
  std::size_t put_frame(ws::Opcode opcode, BytesView payload, std::uint8_t* out) {
    ws::FrameHeader header{.fin = true, .opcode = opcode, .mask = new_mask(), .length = payload.size()};
    const auto size = ws::encode_header(header, std::span<std::uint8_t, ws::max_header_size>(out, ws::max_header_size));
    std::memcpy(out + size, payload.data(), payload.size());
    if (header.mask) ws::apply_mask(std::span<std::uint8_t>(out + size, payload.size()), *header.mask, 0);
    return size + payload.size();
  }

  // A client masks every frame with a new unpredictable key (§5.3).
  std::optional<ws::MaskKey> new_mask() const {
    if (server_) return std::nullopt;
    ws::MaskKey key;
    RAND_bytes(key.data(), static_cast<int>(key.size()));
    return key;
  }

  asio::awaitable<Result<void>> write_data(std::span<const asio::const_buffer> buffers) {
    Cursor cursor{buffers};
    while (!cursor.done()) {
      auto r = server_ ? co_await write_gathered(cursor) : co_await write_masked(cursor);
      if (!r) co_return r;
    }
    co_return Result<void>{};
  }

  // Walks the caller's buffers.
  struct Cursor {
    std::span<const asio::const_buffer> buffers;
    std::size_t index = 0, offset = 0;
    bool done() {
      while (index < buffers.size() && offset == buffers[index].size()) ++index, offset = 0;
      return index == buffers.size();
    }
    std::size_t remaining() const {
      std::size_t n = 0;
      for (auto i = index; i < buffers.size(); ++i) n += buffers[i].size();
      return n - offset;
    }
    // The next piece of at most `n` bytes.
    asio::const_buffer take(std::size_t n) {
      done();
      const auto piece = asio::buffer(buffers[index] + offset, n);
      offset += piece.size();
      return piece;
    }
  };

  // A server's frames: headers and the caller's bytes in one gather write.
  asio::awaitable<Result<void>> write_gathered(Cursor& cursor) {
    const auto total = cursor.remaining();
    headers_.resize((total + frame_payload - 1) / frame_payload);
    parts_.clear();
    for (std::size_t i = 0, left = total; i < headers_.size(); ++i) {
      const auto length = std::min(left, frame_payload);
      ws::FrameHeader header{.mask = std::nullopt, .length = length};
      parts_.push_back(asio::buffer(headers_[i].data(), ws::encode_header(header, headers_[i])));
      for (std::size_t need = length; need > 0; need -= parts_.back().size()) parts_.push_back(cursor.take(need));
      left -= length;
    }
    auto [ec, n] = co_await asio::async_write(stream_, parts_, use_result);
    if (ec) co_return Error(ec, "WebSocket write: " + ec.message());
    co_return Result<void>{};
  }

  // A client's frames: masked copies, a few frames per write.
  asio::awaitable<Result<void>> write_masked(Cursor& cursor) {
    const auto payload = std::min(cursor.remaining(), frames_per_write * frame_payload);
    scratch_.resize(payload + frames_per_write * ws::max_header_size);
    std::size_t used = 0;
    for (std::size_t f = 0; f < frames_per_write && !cursor.done(); ++f) {
      const auto length = std::min(cursor.remaining(), frame_payload);
      ws::FrameHeader header{.mask = new_mask(), .length = length};
      auto* frame = scratch_.data() + used;
      used += ws::encode_header(header, std::span<std::uint8_t, ws::max_header_size>(frame, ws::max_header_size));
      const auto payload_start = used;
      for (std::size_t need = length; need > 0;) {
        const auto piece = cursor.take(need);
        std::memcpy(scratch_.data() + used, piece.data(), piece.size());
        used += piece.size();
        need -= piece.size();
      }
      ws::apply_mask(std::span<std::uint8_t>(scratch_.data() + payload_start, length), *header.mask, 0);
    }
    auto [ec, n] = co_await asio::async_write(stream_, asio::buffer(scratch_.data(), used), use_result);
    if (ec) co_return Error(ec, "WebSocket write: " + ec.message());
    co_return Result<void>{};
  }

  Stream stream_;
  const bool server_;
  ws::FrameParser parser_;
  // Reading.
  Bytes in_;
  std::size_t in_begin_ = 0, in_end_ = 0;
  std::uint64_t data_left_ = 0;  // of the current data frame
  std::optional<ws::MaskKey> mask_;
  std::uint64_t mask_offset_ = 0;
  std::optional<std::string> remote_close_;  // the remote's Close came: its code and reason
  std::optional<Error> failure_;             // the connection failed or was closed
  // Writing.
  bool writing_ = false;
  bool close_sent_ = false;
  std::optional<std::pair<ws::Opcode, Bytes>> pending_;  // a control frame for after the current write
  io::Notifier write_free_;
  std::vector<std::array<std::uint8_t, ws::max_header_size>> headers_;
  std::vector<asio::const_buffer> parts_;
  Bytes scratch_;
  Multiaddr local_;
  Multiaddr remote_;
};

}  // namespace libp2p::transport::detail
