// Fuzzes the multistream-select codec: messages and "ls" answers never crash
// the parser, and a parsed message re-encodes to the bytes it came from.
#include "libp2p/multistream/message.hpp"

#include <cstdlib>
#include <cstring>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace libp2p;
  BytesView in(data, size);
  if (auto m = multistream::parse_message(in)) {
    auto again = multistream::encode_message(m->line);
    if (again.size() != m->consumed || std::memcmp(again.data(), data, again.size()) != 0) std::abort();
  }
  (void)multistream::parse_list(in);
  return 0;
}
