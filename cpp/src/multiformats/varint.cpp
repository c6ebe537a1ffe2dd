#include "libp2p/multiformats/varint.hpp"

#include "libp2p/multiformats/errc.hpp"

namespace libp2p::multiformats::varint {

Encoded encode(std::uint64_t value) {
  Encoded out;
  do {
    auto byte = static_cast<std::uint8_t>(value & 0x7f);
    value >>= 7;
    out.bytes[out.size++] = value ? (byte | 0x80) : byte;
  } while (value);
  return out;
}

void append(Bytes& out, std::uint64_t value) { libp2p::append(out, encode(value).view()); }

std::size_t encoded_size(std::uint64_t value) {
  std::size_t n = 1;
  while (value >>= 7) ++n;
  return n;
}

Result<Decoded> decode(BytesView in) {
  std::uint64_t value = 0;
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (i == max_size) return Error(Errc::varint_too_long);
    const std::uint8_t byte = in[i];
    value |= std::uint64_t{byte & 0x7fu} << (7 * i);
    if (!(byte & 0x80)) {
      if (byte == 0 && i > 0) return Error(Errc::varint_not_minimal);
      return Decoded{value, i + 1};
    }
  }
  if (in.size() >= max_size) return Error(Errc::varint_too_long);
  return Error(Errc::truncated);
}

Result<std::uint64_t> read(BytesView& in) {
  auto d = decode(in);
  if (!d) return d.error();
  in = in.subspan(d->size);
  return d->value;
}

}  // namespace libp2p::multiformats::varint
