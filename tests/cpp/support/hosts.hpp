#pragma once

// Test support: hosts in one process, made and torn down, and an echo
// round trip through them.

#include "libp2p/libp2p.hpp"
#include "libp2p/peer/peer_address.hpp"

#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/io_context.hpp>

#include <gtest/gtest.h>

namespace libp2p::test {

using namespace asio::experimental::awaitable_operators;
using multiformats::Multiaddr;

inline Multiaddr ma(std::string_view text) { return Multiaddr::from_string(text).value(); }

inline host::Config config_listening(std::string_view address) {
  host::Config c;
  c.listen = {ma(address)};
  return c;
}

inline std::shared_ptr<host::Host> make(asio::io_context& io, host::Config c) {
  auto h = make_host(io.get_executor(), std::move(c)).value();
  echo::serve(*h);
  return h;
}

inline Multiaddr full_address(const host::Host& h) { return peer::with_peer_id(h.addresses().front(), h.peer_id()).value(); }

inline asio::awaitable<Bytes> echo_roundtrip(host::Host& from, peer::PeerId to, Bytes payload) {
  auto stream = co_await from.new_stream(to, std::vector<std::string>(1, std::string(echo::protocol_id)));
  EXPECT_TRUE(stream) << stream.error().what();
  if (!stream) co_return Bytes{};
  EXPECT_EQ(stream->protocol(), echo::protocol_id);
  // Writing and reading at once: the echo's replies fill our receive window
  // while we write, so writing everything first would deadlock on flow control.
  auto send = [](host::Stream& s, const Bytes& data) -> asio::awaitable<void> {
    EXPECT_TRUE(co_await io::write(s, data));
    EXPECT_TRUE(co_await s.close_write());
  };
  auto receive = [](host::Stream& s, std::size_t size) -> asio::awaitable<Bytes> {
    Bytes got(size);
    EXPECT_TRUE(co_await io::read_exactly(s, got));
    co_return got;
  };
  co_return co_await (send(*stream, payload) && receive(*stream, payload.size()));
}

struct Pair {
  asio::io_context io;
  std::shared_ptr<host::Host> a, b;
  ~Pair() {
    if (a) a->close();
    if (b) b->close();
    io.restart();
    io.run();  // everything must wind down: a hang here is a leak
  }
};

}  // namespace libp2p::test
