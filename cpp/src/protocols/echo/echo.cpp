#include "libp2p/protocols/echo/echo.hpp"

#include <vector>

namespace libp2p::echo {

void serve(host::Host& host) {
  host.set_stream_handler(std::string(protocol_id), [](host::Stream stream) -> asio::awaitable<void> {
    std::vector<std::uint8_t> buffer(64 * 1024);
    for (;;) {
      auto n = co_await stream.read_some(asio::buffer(buffer));
      if (!n) break;  // end of stream (or reset)
      if (!co_await io::write(stream, BytesView(buffer).first(*n))) co_return;
    }
    (void)co_await stream.close_write();
  });
}

}  // namespace libp2p::echo
