// Feeds arbitrary bytes as the remote's side of a yamux session while an
// application accepts, reads, echoes and opens streams: the session never
// crashes, never hangs (it must notice the end of the input and close), and
// buffers only what its windows allow. The first byte picks the role and the
// application's behaviour.
#include "libp2p/io/pipe.hpp"
#include "libp2p/muxer/yamux/yamux.hpp"

#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>

#include <cstdlib>

namespace {

using namespace libp2p;

yamux::Yamux& yamux_muxer() {
  static yamux::Yamux m([] {
    yamux::Config c;
    c.keepalive_interval = {};
    c.max_inbound_streams = 8;
    c.accept_backlog = 4;
    c.max_frame_size = 1024;
    return c;
  }());
  return m;
}

asio::awaitable<void> drain(std::shared_ptr<io::ByteStream> s) {
  std::uint8_t buf[4096];
  while (co_await s->read_some(asio::buffer(buf))) {
  }
}

asio::awaitable<void> echo(std::shared_ptr<muxer::MuxedStream> s) {
  std::uint8_t buf[512];
  while (auto n = co_await s->read_some(asio::buffer(buf)))
    if (!co_await io::write(*s, BytesView(buf, *n))) co_return;
  (void)co_await s->close_write();
}

asio::awaitable<void> talk(std::shared_ptr<muxer::MuxedConnection> conn) {
  auto s = co_await conn->open_stream();
  if (!s) co_return;
  const Bytes data(3000, 0x42);
  if (co_await io::write(**s, data)) (void)co_await (*s)->close_write();
  co_await drain(std::shared_ptr<io::ByteStream>(std::move(*s)));
}

asio::awaitable<void> serve(std::shared_ptr<muxer::MuxedConnection> conn, bool read) {
  auto ex = co_await asio::this_coro::executor;
  std::vector<std::unique_ptr<muxer::MuxedStream>> unread;  // a slow application
  for (;;) {
    auto s = co_await conn->accept_stream();
    if (!s) co_return;
    if (read)
      asio::co_spawn(ex, echo(std::move(*s)), asio::detached);
    else
      unread.push_back(std::move(*s));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::uint8_t mode = data[0];
  asio::io_context io;
  auto [ours, theirs] = io::make_pipe(io.get_executor(), 16 * 1024);
  auto conn = yamux_muxer().create(std::move(ours), mode & 1);
  std::shared_ptr<io::ByteStream> remote = std::move(theirs);
  asio::co_spawn(
      io,
      [](std::shared_ptr<io::ByteStream> r, Bytes input) -> asio::awaitable<void> {
        if (co_await io::write(*r, input)) (void)co_await r->close_write();
      }(remote, Bytes(data + 1, data + size)),
      asio::detached);
  asio::co_spawn(io, drain(remote), asio::detached);
  asio::co_spawn(io, serve(conn, !(mode & 2)), asio::detached);
  if (mode & 4) asio::co_spawn(io, talk(conn), asio::detached);
  for (std::size_t handlers = 0; io.run_one();)
    if (++handlers > 10'000'000) std::abort();  // a livelock
  if (!conn->is_closed()) std::abort();  // the end of the input went unnoticed: a hang
  conn->close();
  io.restart();
  io.run();
  return 0;
}
