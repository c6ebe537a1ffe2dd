// Fuzzes the unsigned-varint decoder: never crashes, and whatever it accepts
// re-encodes to the same bytes (only minimal encodings are accepted).
#include "libp2p/multiformats/varint.hpp"

#include <cstdlib>
#include <cstring>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace libp2p::multiformats;
  auto decoded = varint::decode({data, size});
  if (decoded) {
    auto again = varint::encode(decoded->value);
    if (again.size != decoded->size || std::memcmp(again.bytes.data(), data, again.size) != 0) std::abort();
  }
  return 0;
}
