// echo_client: sends a text over /echo/1.0.0 and prints the answer.
//
//   build/release/examples/cpp/echo_client MADDR [TEXT]     (TEXT defaults to "hello")
//
// MADDR is the server's full address, as echo_server (this folder's, or
// examples/python/echo_server.py) prints it: /ip4/127.0.0.1/tcp/PORT/p2p/12D3KooW...

#include "libp2p/libp2p.hpp"

#include <boost/asio/io_context.hpp>

#include <array>
#include <iostream>

using namespace libp2p;

// Connects, sends `text`, closes our side and reads the answer up to the end.
asio::awaitable<Result<std::string>> exchange(std::shared_ptr<host::Host> host, multiformats::Multiaddr address,
                                              std::string text) {
  auto peer = co_await host->connect(address);
  if (!peer) co_return peer.error();
  auto stream = co_await host->new_stream(*peer, std::vector<std::string>(1, std::string(echo::protocol_id)));
  if (!stream) co_return stream.error();
  if (auto r = co_await io::write(*stream, as_bytes(text)); !r) co_return r.error();
  if (auto r = co_await stream->close_write(); !r) co_return r.error();
  std::string answer;
  std::array<std::uint8_t, 4096> buffer;
  for (;;) {
    auto n = co_await stream->read_some(asio::buffer(buffer));
    if (!n && n.error().code == asio::error::eof) break;
    if (!n) co_return n.error();
    answer += as_string(BytesView(buffer.data(), *n));
  }
  co_return answer;
}

// Prints the answer (or what failed); the exit status.
asio::awaitable<int> run(std::shared_ptr<host::Host> host, multiformats::Multiaddr address, std::string text) {
  auto answer = co_await exchange(host, address, std::move(text));
  host->close();
  if (!answer) {
    std::cerr << "echo_client: " << address.to_string() << ": " << answer.error().what() << "\n";
    co_return 1;
  }
  std::cout << *answer << std::endl;
  co_return 0;
}

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: echo_client MADDR [TEXT]\n";
    return 2;
  }
  auto address = multiformats::Multiaddr::from_string(argv[1]);
  if (!address) {
    std::cerr << "echo_client: " << address.error().what() << "\n";
    return 2;
  }
  asio::io_context io;
  auto host = make_host(io.get_executor()).value();  // dials only: no listen address
  int status = 1;
  asio::co_spawn(io, run(host, *address, argc > 2 ? argv[2] : "hello"), [&](std::exception_ptr e, int s) {
    status = e ? 1 : s;
    io.stop();
  });
  io.run();
  return status;
}
