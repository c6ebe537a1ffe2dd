#include "libp2p/io/length_prefixed.hpp"

#include "libp2p/multiformats/errc.hpp"
#include "libp2p/multiformats/varint.hpp"

#include <boost/asio/error.hpp>

#include <array>

namespace libp2p::io {
namespace {

namespace varint = multiformats::varint;

// One byte at a time: never past the varint's end.
asio::awaitable<Result<std::uint64_t>> read_length(ByteStream& stream) {
  std::array<std::uint8_t, varint::max_size> bytes{};
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (auto r = co_await read_exactly(stream, std::span(bytes).subspan(i, 1)); !r) co_return r.error();
    if (!(bytes[i] & 0x80)) {
      auto d = varint::decode(std::span(bytes).first(i + 1));
      if (!d) co_return prefixed("length prefix", d.error());
      co_return d->value;
    }
  }
  co_return Error(multiformats::Errc::varint_too_long, "length prefix longer than 9 bytes");
}

}  // namespace

asio::awaitable<Result<Bytes>> read_length_prefixed(ByteStream& stream, std::size_t max_size) {
  auto length = co_await read_length(stream);
  if (!length) co_return length.error();
  if (*length > max_size)
    co_return Error(asio::error::message_size,
                    "message of " + std::to_string(*length) + " bytes, limit " + std::to_string(max_size));
  Bytes body(*length);
  if (auto r = co_await read_exactly(stream, body); !r) co_return r.error();
  co_return body;
}

asio::awaitable<Result<void>> write_length_prefixed(ByteStream& stream, BytesView message) {
  const auto prefix = varint::encode(message.size());
  const asio::const_buffer parts[] = {asio::buffer(prefix.view().data(), prefix.size),
                                      asio::buffer(message.data(), message.size())};
  co_return co_await stream.write(parts);
}

}  // namespace libp2p::io
