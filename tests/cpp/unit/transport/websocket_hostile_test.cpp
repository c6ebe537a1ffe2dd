// A hostile client of a WebSocket listener costs only its own connection: a
// broken HTTP upgrade, a text frame, an oversized frame, an unmasked frame.
// Each is answered with the reason (an HTTP 400, a Close frame with its code)
// and the listener goes on accepting.

#include "libp2p/transport/errc.hpp"
#include "libp2p/transport/websocket.hpp"

#include "support/run.hpp"

#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>

#include <gtest/gtest.h>

namespace libp2p::transport {
namespace {

using namespace asio::experimental::awaitable_operators;
using tcp = asio::ip::tcp;

constexpr std::string_view upgrade_request =
    "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";

struct Hostile : ::testing::Test {
  asio::io_context io;
  WebSocketTransport ws{io.get_executor(), [] {
                          WebSocketConfig c;
                          c.max_message_size = 1024;
                          return c;
                        }()};
  std::unique_ptr<RawListener> listener = ws.listen(Multiaddr::from_string("/ip4/127.0.0.1/tcp/0/ws").value()).value();
  tcp::socket raw{io};

  asio::awaitable<void> connect_raw() {
    const auto port = static_cast<std::uint16_t>(std::stoi(*listener->address().value_for("tcp")));
    co_await raw.async_connect({asio::ip::make_address("127.0.0.1"), port}, asio::use_awaitable);
  }

  asio::awaitable<void> send(std::string_view bytes) {
    co_await asio::async_write(raw, asio::buffer(bytes), asio::use_awaitable);
  }

  // Everything the listener sends until it ends the connection.
  asio::awaitable<std::string> read_all() {
    std::string out;
    char buf[4096];
    for (;;) {
      auto [ec, n] = co_await raw.async_read_some(asio::buffer(buf), use_result);
      out.append(buf, n);
      if (ec) co_return out;
    }
  }

  // A valid upgrade, then `frame`; what the listener's side reads, and what
  // came back to the client after the 101.
  std::pair<Error, std::string> after_upgrade(std::string frame) {
    std::pair<Error, std::string> out;
    test::run(io, [&]() -> asio::awaitable<void> {
      co_await connect_raw();
      co_await send(upgrade_request);
      auto accepted = co_await listener->accept();
      EXPECT_TRUE(accepted) << accepted.error().what();
      if (!accepted) co_return;
      auto server_reads = [&]() -> asio::awaitable<Error> {
        std::uint8_t buf[64];
        auto r = co_await (*accepted)->read_some(asio::buffer(buf));
        EXPECT_FALSE(r) << "read " << *r << " bytes of a hostile frame";
        co_return r ? Error() : r.error();
      };
      co_await send(frame);
      auto [error, reply] = co_await (server_reads() && read_all());
      const auto head_end = reply.find("\r\n\r\n");
      EXPECT_TRUE(reply.starts_with("HTTP/1.1 101 ")) << reply;
      out = {error, head_end == std::string::npos ? reply : reply.substr(head_end + 4)};
    }());
    return out;
  }

  // A Close frame from the server: code and reason.
  static std::pair<int, std::string> close_frame(const std::string& bytes) {
    if (bytes.size() < 4 || static_cast<std::uint8_t>(bytes[0]) != 0x88) return {-1, "no Close frame: " + bytes};
    const auto length = static_cast<std::size_t>(bytes[1] & 0x7f);
    return {static_cast<std::uint8_t>(bytes[2]) << 8 | static_cast<std::uint8_t>(bytes[3]), bytes.substr(4, length - 2)};
  }

  // The listener still serves a proper client.
  void still_accepts() {
    test::run(io, [&]() -> asio::awaitable<void> {
      auto both = co_await (ws.dial(listener->address()) && listener->accept());
      EXPECT_TRUE(std::get<0>(both)) << std::get<0>(both).error().what();
      EXPECT_TRUE(std::get<1>(both)) << std::get<1>(both).error().what();
      if (!std::get<0>(both) || !std::get<1>(both)) co_return;
      EXPECT_TRUE(co_await io::write(**std::get<0>(both), as_bytes("fine")));
      std::uint8_t got[4];
      EXPECT_TRUE(co_await io::read_exactly(**std::get<1>(both), got));
      EXPECT_EQ(as_string(got), "fine");
    }());
  }

  // `request` gets a 400 that names `why`; the listener serves on.
  void expect_rejected(std::string request, std::string_view why) {
    test::run(io, [&]() -> asio::awaitable<void> {
      co_await connect_raw();
      co_await send(request);
      auto reply = co_await read_all();
      EXPECT_TRUE(reply.starts_with("HTTP/1.1 400 Bad Request\r\n")) << reply.substr(0, 200);
      EXPECT_NE(reply.find(why), std::string::npos) << reply.substr(0, 200);
    }());
    still_accepts();
  }
};

// A masked client frame: opcode, then the payload masked with key 0 (so as it is).
std::string masked(std::uint8_t first_byte, std::string_view payload) {
  std::string f{static_cast<char>(first_byte), static_cast<char>(0x80 | payload.size()), 0, 0, 0, 0};
  return f + std::string(payload);
}

TEST_F(Hostile, ABrokenUpgradeGetsA400ThatSaysWhy) {
  expect_rejected("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n", "no 'Upgrade: websocket' field");
}

TEST_F(Hostile, GarbageInsteadOfHttpGetsA400) {
  expect_rejected("\x16\x03\x01 this is not HTTP\r\n\r\n", "malformed HTTP request");
}

TEST_F(Hostile, AnEndlessHeadIsCutOff) {
  expect_rejected("GET / HTTP/1.1\r\nX: " + std::string(9000, 'a'), "HTTP head of more than 8192 bytes");
}

TEST_F(Hostile, ATextFrameIsRefusedWith1003) {
  auto [error, reply] = after_upgrade(masked(0x81, "hi"));
  EXPECT_EQ(error.code, Errc::websocket_protocol) << error.what();
  EXPECT_NE(error.message.find("text message"), std::string::npos) << error.message;
  auto [code, reason] = close_frame(reply);
  EXPECT_EQ(code, 1003) << reason;
  EXPECT_NE(reason.find("binary messages only"), std::string::npos) << reason;
  still_accepts();
}

TEST_F(Hostile, AnOversizedFrameIsRefusedWith1009) {
  // A header that announces 2000 bytes (the bound is 1024), and no payload.
  auto [error, reply] = after_upgrade(std::string{'\x82', '\xfe', '\x07', '\xd0', 0, 0, 0, 0});
  EXPECT_EQ(error.code, Errc::message_too_big) << error.what();
  auto [code, reason] = close_frame(reply);
  EXPECT_EQ(code, 1009) << reason;
  EXPECT_NE(reason.find("more than 1024 bytes"), std::string::npos) << reason;
  still_accepts();
}

TEST_F(Hostile, AnUnmaskedClientFrameIsRefusedWith1002) {
  auto [error, reply] = after_upgrade(std::string{'\x82', '\x02', 'h', 'i'});
  EXPECT_EQ(error.code, Errc::websocket_protocol) << error.what();
  auto [code, reason] = close_frame(reply);
  EXPECT_EQ(code, 1002) << reason;
  EXPECT_NE(reason.find("not masked"), std::string::npos) << reason;
  still_accepts();
}

TEST_F(Hostile, AnInvalidCloseCodeIsRefusedWith1002) {
  auto [error, reply] = after_upgrade(masked(0x88, std::string{'\x03', '\xed'}));  // 1005 never goes on the wire
  EXPECT_EQ(error.code, Errc::websocket_protocol) << error.what();
  EXPECT_EQ(close_frame(reply).first, 1002);
  still_accepts();
}

TEST_F(Hostile, APingIsAnsweredAndDataAfterItArrives) {
  // Not hostile: a ping mid-stream gets its pong, and the data goes on.
  test::run(io, [&]() -> asio::awaitable<void> {
    co_await connect_raw();
    co_await send(upgrade_request);
    auto accepted = co_await listener->accept();
    EXPECT_TRUE(accepted);
    if (!accepted) co_return;
    co_await send(masked(0x89, "are you there") + masked(0x02, "da") + masked(0x80, "ta"));
    std::uint8_t got[4];
    EXPECT_TRUE(co_await io::read_exactly(**accepted, got));
    EXPECT_EQ(as_string(got), "data");
    (*accepted)->close();
    auto reply = co_await read_all();
    const auto frames = reply.substr(reply.find("\r\n\r\n") + 4);
    EXPECT_EQ(frames, std::string("\x8a\x0d") + "are you there");
  }());
}

}  // namespace
}  // namespace libp2p::transport
