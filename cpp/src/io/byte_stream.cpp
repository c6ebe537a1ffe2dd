#include "libp2p/io/byte_stream.hpp"

namespace libp2p::io {

asio::awaitable<Result<void>> write(ByteStream& stream, BytesView data) {
  const asio::const_buffer one(data.data(), data.size());
  co_return co_await stream.write(std::span<const asio::const_buffer>(&one, 1));
}

asio::awaitable<Result<void>> read_exactly(ByteStream& stream, std::span<std::uint8_t> out) {
  std::size_t done = 0;
  while (done < out.size()) {
    auto n = co_await stream.read_some(asio::buffer(out.data() + done, out.size() - done));
    if (!n) co_return n.error();
    done += *n;
  }
  co_return Result<void>{};
}

}  // namespace libp2p::io
