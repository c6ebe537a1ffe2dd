// echo_server: answers every /echo/1.0.0 stream with what it reads.
//
//   build/release/examples/cpp/echo_server [MADDR]        (default /ip4/127.0.0.1/tcp/0)
//
// The first line it prints is its full address (with /p2p/<peer id>); give it
// to echo_client (this folder's, or examples/python/echo_client.py). Serves
// until Ctrl-C.

#include "libp2p/libp2p.hpp"
#include "libp2p/peer/peer_address.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>

#include <array>
#include <iostream>

using namespace libp2p;

// A stream handler: read until the client closes its side, writing back each chunk.
asio::awaitable<void> echo_back(host::Stream stream) {
  std::array<std::uint8_t, 64 * 1024> buffer;
  for (;;) {
    auto n = co_await stream.read_some(asio::buffer(buffer));
    if (!n) break;  // end of stream (or reset)
    if (!co_await io::write(stream, BytesView(buffer.data(), *n))) co_return;
  }
  (void)co_await stream.close_write();
}

int main(int argc, char** argv) {
  auto listen = multiformats::Multiaddr::from_string(argc > 1 ? argv[1] : "/ip4/127.0.0.1/tcp/0");
  if (!listen) {
    std::cerr << "echo_server: " << listen.error().what() << "\n";
    return 2;
  }
  asio::io_context io;
  host::Config config;
  config.listen.push_back(*listen);
  auto host = make_host(io.get_executor(), config);
  if (!host) {
    std::cerr << "echo_server: " << host.error().what() << "\n";
    return 1;
  }
  (*host)->set_stream_handler(std::string(echo::protocol_id), echo_back);
  asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](auto, int) {
    (*host)->close();
    io.stop();
  });
  // Ready: whoever reads this may connect, or stop us.
  std::cout << peer::with_peer_id((*host)->addresses().front(), (*host)->peer_id()).value().to_string() << std::endl;
  io.run();
  return 0;
}
