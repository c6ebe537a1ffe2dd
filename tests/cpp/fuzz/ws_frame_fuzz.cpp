// Fuzzes WebSocket framing as a reader meets it: frame after frame through
// the parser (the first byte picks the role and the message bound), payloads
// skipped, Close bodies parsed. It never crashes, stops at the first
// violation, never needs more than a header's worth of bytes to decide, and
// a parsed header re-encodes to the bytes it came from when it was minimal.
#include "transport/detail/ws_frame.hpp"

#include <cstdlib>
#include <cstring>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace libp2p::transport::detail::ws;
  if (size == 0) return 0;
  FrameParser parser((data[0] & 1) != 0, data[0] >> 1);
  libp2p::BytesView in(data + 1, size - 1);
  for (;;) {
    auto next = parser.next(in);
    if (std::holds_alternative<NeedMore>(next)) {
      if (in.size() >= max_header_size) std::abort();
      return 0;
    }
    if (std::holds_alternative<Violation>(next)) return 0;
    const auto& [header, header_size] = std::get<ParsedHeader>(next);
    std::array<std::uint8_t, max_header_size> again;
    const auto n = encode_header(header, again);
    if (n > header_size || (n == header_size && std::memcmp(again.data(), in.data(), n) != 0)) std::abort();
    in = in.subspan(header_size);
    const auto payload = std::min<std::uint64_t>(header.length, in.size());
    if (header.opcode == Opcode::close) (void)parse_close(in.first(payload));
    in = in.subspan(payload);
  }
}
