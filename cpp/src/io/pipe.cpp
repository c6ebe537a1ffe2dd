#include "libp2p/io/pipe.hpp"

#include "libp2p/io/notifier.hpp"

#include <boost/asio/error.hpp>

#include <algorithm>
#include <cstring>
#include <mutex>

namespace libp2p::io {
namespace {

// One end's view: the bytes it has yet to read and its wakeups.
struct Side {
  explicit Side(asio::any_io_executor ex) : executor(ex), readable(ex), writable(ex) {}
  asio::any_io_executor executor;
  Notifier readable;  // inbox gained bytes or end of stream
  Notifier writable;  // the other side's inbox has room again
  Bytes inbox;
  std::size_t inbox_offset = 0;
  bool eof = false;     // the other end closed its writing side
  bool closed = false;  // this end was closed: everything fails
  std::size_t pending() const { return inbox.size() - inbox_offset; }
};

struct Shared {
  Shared(asio::any_io_executor a, asio::any_io_executor b, std::size_t cap) : sides{Side(a), Side(b)}, capacity(cap) {}
  std::mutex mutex;
  Side sides[2];
  const std::size_t capacity;
};

// Runs `fn` on side `i`'s executor, where its Notifiers live.
template <class Fn>
void on_side(const std::shared_ptr<Shared>& shared, int i, Fn fn) {
  asio::post(shared->sides[i].executor, [shared, fn = std::move(fn)]() mutable { fn(*shared); });
}

class PipeEnd final : public ByteStream {
 public:
  PipeEnd(std::shared_ptr<Shared> shared, int side) : shared_(std::move(shared)), me_(side), peer_(1 - side) {}
  ~PipeEnd() override { close(); }

  asio::any_io_executor get_executor() const override { return shared_->sides[me_].executor; }

  asio::awaitable<Result<std::size_t>> read_some(asio::mutable_buffer buffer) override {
    for (;;) {
      {
        std::lock_guard lock(shared_->mutex);
        Side& me = shared_->sides[me_];
        if (me.closed) co_return Error(asio::error::operation_aborted);
        if (buffer.size() == 0) co_return std::size_t{0};
        if (me.pending() > 0) {
          const std::size_t n = std::min(buffer.size(), me.pending());
          std::memcpy(buffer.data(), me.inbox.data() + me.inbox_offset, n);
          me.inbox_offset += n;
          if (me.inbox_offset * 2 >= me.inbox.size()) {  // keep the consumed prefix small
            me.inbox.erase(me.inbox.begin(), me.inbox.begin() + static_cast<std::ptrdiff_t>(me.inbox_offset));
            me.inbox_offset = 0;
          }
          const int peer = peer_;
          on_side(shared_, peer, [peer](Shared& s) { s.sides[peer].writable.notify(); });
          co_return n;
        }
        if (me.eof) co_return Error(asio::error::eof);
      }
      auto [ec] = co_await shared_->sides[me_].readable.async_wait(use_result);
      if (ec) co_return Error(ec);
    }
  }

  Readiness readiness() const override {
    std::lock_guard lock(shared_->mutex);
    const Side& me = shared_->sides[me_];
    return me.closed || me.eof || me.pending() > 0 ? Readiness::ready : Readiness::quiet;
  }

  asio::awaitable<void> wait_readable() override {
    while (readiness() == Readiness::quiet) {
      auto [ec] = co_await shared_->sides[me_].readable.async_wait(use_result);
      if (ec) co_return;  // closed or cancelled: read_some reports it
    }
  }

  asio::awaitable<Result<void>> write(std::span<const asio::const_buffer> buffers) override {
    for (const auto& b : buffers) {
      auto data = static_cast<const std::uint8_t*>(b.data());
      std::size_t left = b.size();
      while (left > 0) {
        {
          std::lock_guard lock(shared_->mutex);
          Side& me = shared_->sides[me_];
          Side& peer = shared_->sides[peer_];
          if (me.closed) co_return Error(asio::error::operation_aborted);
          if (peer.closed) co_return Error(asio::error::connection_reset);
          if (peer.eof) co_return Error(asio::error::broken_pipe);
          const std::size_t room = shared_->capacity - std::min(shared_->capacity, peer.pending());
          if (room > 0) {
            const std::size_t n = std::min(room, left);
            peer.inbox.insert(peer.inbox.end(), data, data + n);
            data += n;
            left -= n;
            const int p = peer_;
            on_side(shared_, p, [p](Shared& s) { s.sides[p].readable.notify(); });
            continue;
          }
        }
        auto [ec] = co_await shared_->sides[me_].writable.async_wait(use_result);
        if (ec) co_return Error(ec);
      }
    }
    co_return Result<void>{};
  }

  asio::awaitable<Result<void>> close_write() override {
    std::lock_guard lock(shared_->mutex);
    if (shared_->sides[me_].closed) co_return Error(asio::error::operation_aborted);
    shared_->sides[peer_].eof = true;
    const int p = peer_;
    on_side(shared_, p, [p](Shared& s) { s.sides[p].readable.notify(); });
    co_return Result<void>{};
  }

  void close() override {
    std::lock_guard lock(shared_->mutex);
    Side& me = shared_->sides[me_];
    if (me.closed) return;
    me.closed = true;
    me.inbox.clear();
    me.inbox_offset = 0;
    shared_->sides[peer_].eof = true;
    const int m = me_, p = peer_;
    on_side(shared_, m, [m](Shared& s) {
      s.sides[m].readable.cancel();
      s.sides[m].writable.cancel();
    });
    // The peer's reads see end of stream, its writes fail.
    on_side(shared_, p, [p](Shared& s) {
      s.sides[p].readable.notify();
      s.sides[p].writable.notify();
    });
  }

 private:
  std::shared_ptr<Shared> shared_;
  const int me_;
  const int peer_;
};

}  // namespace

std::pair<std::unique_ptr<ByteStream>, std::unique_ptr<ByteStream>> make_pipe(asio::any_io_executor a,
                                                                              asio::any_io_executor b,
                                                                              std::size_t capacity) {
  auto shared = std::make_shared<Shared>(a, b, capacity);
  return {std::make_unique<PipeEnd>(shared, 0), std::make_unique<PipeEnd>(shared, 1)};
}

}  // namespace libp2p::io
