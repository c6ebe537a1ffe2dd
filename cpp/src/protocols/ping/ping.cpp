#include "libp2p/protocols/ping/ping.hpp"

#include <openssl/rand.h>

#include <array>

namespace libp2p::ping {

using Payload = std::array<std::uint8_t, payload_size>;

void serve(host::Host& host) {
  host.set_stream_handler(std::string(protocol_id), [](host::Stream stream) -> asio::awaitable<void> {
    Payload payload;
    // Echo until the remote closes (or resets) its side.
    while (co_await io::read_exactly(stream, payload)) {
      if (!co_await io::write(stream, payload)) co_return;
    }
    (void)co_await stream.close_write();
  });
}

asio::awaitable<Result<std::chrono::nanoseconds>> ping_once(io::ByteStream& stream) {
  Payload sent, received;
  RAND_bytes(sent.data(), static_cast<int>(sent.size()));
  const auto start = std::chrono::steady_clock::now();
  if (auto r = co_await io::write(stream, sent); !r) co_return prefixed("ping", r.error());
  if (auto r = co_await io::read_exactly(stream, received); !r) co_return prefixed("ping", r.error());
  const auto rtt = std::chrono::steady_clock::now() - start;
  if (sent != received) co_return Error(asio::error::invalid_argument, "ping: the echo differs from what was sent");
  co_return std::chrono::duration_cast<std::chrono::nanoseconds>(rtt);
}

asio::awaitable<Result<std::chrono::nanoseconds>> ping(host::Host& host, peer::PeerId peer) {
  auto stream = co_await host.new_stream(std::move(peer), std::vector<std::string>(1, std::string(protocol_id)));
  if (!stream) co_return stream.error();
  auto rtt = co_await ping_once(*stream);
  (void)co_await stream->close_write();
  co_return rtt;
}

}  // namespace libp2p::ping
