// chat: a chat between two terminals over a /chat/1.0.0 stream.
//
//   build/release/examples/cpp/chat          listens, prints its address, waits for one peer
//   build/release/examples/cpp/chat MADDR    in another terminal: connects to that address
//
// Lines typed in one terminal appear in the other. Ctrl-D ends your side; the
// program exits once both sides have ended (or on Ctrl-C). Standard input is
// a terminal or a pipe. examples/python/chat.py speaks the same protocol.

#include "libp2p/libp2p.hpp"
#include "libp2p/peer/peer_address.hpp"

#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/signal_set.hpp>
#include <unistd.h>

#include <array>
#include <functional>
#include <cstdio>
#include <iostream>

using namespace libp2p;

const std::string chat_protocol = "/chat/1.0.0";

struct Chat {
  host::Stream stream;
  asio::posix::stream_descriptor input;  // our standard input
};

// Our lines to the peer; at the end of input, the end of our side.
asio::awaitable<void> send_lines(std::shared_ptr<Chat> chat) {
  std::string pending;
  for (;;) {
    auto [ec, n] = co_await asio::async_read_until(chat->input, asio::dynamic_buffer(pending), '\n', use_result);
    if (ec) break;  // end of input (what is left has no newline), or the peer left
    if (!co_await io::write(chat->stream, as_bytes(std::string_view(pending).substr(0, n)))) co_return;
    pending.erase(0, n);
  }
  if (!pending.empty() && !co_await io::write(chat->stream, as_bytes(pending))) co_return;
  (void)co_await chat->stream.close_write();
}

// The peer's lines to our standard output, until the peer ends its side.
asio::awaitable<void> print_lines(std::shared_ptr<Chat> chat) {
  std::array<std::uint8_t, 4096> buffer;
  for (;;) {
    auto n = co_await chat->stream.read_some(asio::buffer(buffer));
    if (!n) {
      if (n.error().code != asio::error::eof) {
        std::cerr << "the peer left: " << n.error().what() << std::endl;
        chat->input.close();  // nobody to send to: stop reading input
      }
      co_return;
    }
    std::fwrite(buffer.data(), 1, *n, stdout);
    std::fflush(stdout);
  }
}

// Both directions at once, until both have ended.
asio::awaitable<void> chat(host::Stream stream) {
  using namespace asio::experimental::awaitable_operators;
  std::cerr << "chatting with " << stream.remote_peer().to_string() << std::endl;
  auto executor = co_await asio::this_coro::executor;
  auto c = std::make_shared<Chat>(Chat{std::move(stream), asio::posix::stream_descriptor(executor, ::dup(STDIN_FILENO))});
  co_await (send_lines(c) && print_lines(c));
}

asio::awaitable<int> connect_and_chat(std::shared_ptr<host::Host> host, multiformats::Multiaddr address) {
  auto peer = co_await host->connect(address);
  if (!peer) {
    std::cerr << "chat: " << peer.error().what() << std::endl;
    co_return 1;
  }
  auto stream = co_await host->new_stream(*peer, std::vector<std::string>(1, chat_protocol));
  if (!stream) {
    std::cerr << "chat: " << stream.error().what() << std::endl;
    co_return 1;
  }
  co_await chat(std::move(*stream));
  co_return 0;
}

// The listener's handler: one chat at a time, then `done`.
asio::awaitable<void> serve_chat(host::Stream stream, bool* chatting, std::function<void()> done) {
  if (std::exchange(*chatting, true)) co_return;  // busy: dropping the stream resets it
  co_await chat(std::move(stream));
  done();
}

int main(int argc, char** argv) {
  asio::io_context io;
  host::Config config;
  if (argc < 2) config.listen.push_back(multiformats::Multiaddr::from_string("/ip4/127.0.0.1/tcp/0").value());
  auto host = make_host(io.get_executor(), config).value();
  int status = 0;
  std::function<void()> done = [&] {
    host->close();
    io.stop();
  };

  asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](auto, int) { done(); });

  bool chatting = false;
  if (argc < 2) {
    host->set_stream_handler(chat_protocol,
                             [&](host::Stream stream) { return serve_chat(std::move(stream), &chatting, done); });
    std::cout << peer::with_peer_id(host->addresses().front(), host->peer_id()).value().to_string() << std::endl;
  } else {
    auto address = multiformats::Multiaddr::from_string(argv[1]);
    if (!address) {
      std::cerr << "chat: " << address.error().what() << std::endl;
      return 2;
    }
    asio::co_spawn(io, connect_and_chat(host, *address), [&](std::exception_ptr e, int s) {
      status = e ? 1 : s;
      done();
    });
  }
  io.run();
  return status;
}
