// Fuzzes CID parsing from bytes and from text: never crashes; parsed bytes
// re-encode identically; parsed text re-encodes (in the same base) to text
// that parses to the same CID, and default text round-trips.
#include "libp2p/multiformats/cid.hpp"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace libp2p;
  using namespace libp2p::multiformats;
  const BytesView input{data, size};
  if (auto cid = Cid::from_bytes(input)) {
    if (!equal(cid->bytes(), input)) std::abort();
    if (Cid::from_string(cid->to_string()).value() != *cid) std::abort();
  }
  const auto text = as_string(input);
  if (auto cid = Cid::from_string(text)) {
    if (Cid::from_bytes(cid->bytes()).value() != *cid) std::abort();
    const auto base = cid->version() == Cid::Version::v0 ? multibase::Base::base58btc
                                                          : multibase::base_of(text[0]).value();
    const auto again = cid->to_string(base);
    if (again.size() != text.size()) std::abort();
    if (Cid::from_string(again).value() != *cid) std::abort();
  }
  return 0;
}
