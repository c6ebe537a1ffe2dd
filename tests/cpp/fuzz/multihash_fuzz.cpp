// Fuzzes multihash parsing: never crashes; whatever parses re-encodes to the
// same bytes, and rebuilding it from its code and digest gives it back.
#include "libp2p/multiformats/multihash.hpp"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace libp2p;
  using libp2p::multiformats::Multihash;
  const BytesView input{data, size};
  if (auto m = Multihash::from_bytes(input)) {
    if (!equal(m->bytes(), input)) std::abort();
    if (Multihash::from_digest(m->code(), m->digest()).value() != *m) std::abort();
  }
  BytesView rest = input;
  while (!rest.empty()) {
    const auto before = rest.size();
    auto m = Multihash::read(rest);
    if (!m) break;
    if (!equal(m->bytes(), input.subspan(size - before, before - rest.size()))) std::abort();
  }
  return 0;
}
