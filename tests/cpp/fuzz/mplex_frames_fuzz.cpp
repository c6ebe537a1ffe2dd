// Fuzzes an mplex session with arbitrary bytes from the remote: the session
// must never crash, hang or leak, whatever frames arrive, while its streams
// are read, written, half-closed, reset and dropped. Also checks that every
// frame the codec parses re-encodes to the same bytes.
#include "libp2p/io/pipe.hpp"
#include "libp2p/muxer/mplex/mplex.hpp"

#include <boost/asio/io_context.hpp>
#include <spdlog/spdlog.h>

#include <cstdlib>
#include <cstring>

namespace {

using namespace libp2p;

// Coroutines here never throw; one that does is a bug.
void abort_on_exception(std::exception_ptr e) {
  if (e) std::abort();
}

void check_codec(BytesView in) {
  while (auto f = mplex::parse_frame(in)) {
    Bytes again;
    mplex::append_frame(again, f->header.stream_id, f->header.flag, f->payload);
    if (again.size() != f->consumed || std::memcmp(again.data(), in.data(), again.size()) != 0) std::abort();
    in = in.subspan(f->consumed);
  }
}

// What the local application does with a stream, chosen by its first byte.
asio::awaitable<void> use(std::unique_ptr<muxer::MuxedStream> s) {
  std::uint8_t buf[64];
  auto n = co_await s->read_some(asio::buffer(buf));
  if (!n) co_return;
  switch (buf[0] % 4) {
    case 0: (void)co_await io::write(*s, BytesView(buf, *n)); (void)co_await s->close_write(); break;
    case 1: s->close(); break;
    case 2: while (co_await s->read_some(asio::buffer(buf))) {} break;
    default: break;  // dropped: reset unless fully closed
  }
}

asio::awaitable<void> accept_all(std::shared_ptr<muxer::MuxedConnection> conn) {
  auto ex = co_await asio::this_coro::executor;
  while (auto s = co_await conn->accept_stream()) asio::co_spawn(ex, use(std::move(*s)), abort_on_exception);
}

asio::awaitable<void> open_some(std::shared_ptr<muxer::MuxedConnection> conn) {
  auto ex = co_await asio::this_coro::executor;
  for (int i = 0; i < 3; ++i) {
    auto s = co_await conn->open_stream();
    if (!s) co_return;
    (void)co_await io::write(**s, as_bytes("hello"));
    asio::co_spawn(ex, use(std::move(*s)), abort_on_exception);
  }
}

// The remote: sends the input, ends its side, and drains what the session sends.
asio::awaitable<void> remote(std::unique_ptr<io::ByteStream> stream, BytesView input) {
  (void)co_await io::write(*stream, input);
  (void)co_await stream->close_write();
  std::uint8_t buf[4096];
  while (co_await stream->read_some(asio::buffer(buf))) {
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  spdlog::set_level(spdlog::level::off);
  const BytesView input(data, size);
  check_codec(input);

  asio::io_context io;
  auto [local, far] = io::make_pipe(io.get_executor(), 4096);
  mplex::Config config;
  config.max_stream_buffer = 512;
  config.max_message_size = 512;
  config.max_inbound_streams = 4;
  config.split_send_size = 16;
  config.max_write_batch = 64;
  auto conn = mplex::Mplex(config).create(std::move(local), false);
  asio::co_spawn(io, open_some(conn), abort_on_exception);
  asio::co_spawn(io, accept_all(conn), abort_on_exception);
  asio::co_spawn(io, remote(std::move(far), input), abort_on_exception);
  io.run();
  if (!conn->is_closed()) std::abort();  // the remote's end must end the session
  return 0;
}
