// Fuzzes PeerId parsing from bytes and from text: never crashes; a parsed
// PeerId round-trips through its bytes, its base58 text and its CID text, and
// extract_public_key never crashes.
#include "libp2p/peer/peer_id.hpp"

#include <cstdlib>

namespace {

void check(const libp2p::peer::PeerId& id) {
  using libp2p::peer::PeerId;
  if (PeerId::from_bytes(id.bytes()).value() != id) std::abort();
  if (PeerId::from_string(id.to_base58()).value() != id) std::abort();
  if (PeerId::from_string(id.to_cid_string()).value() != id) std::abort();
  // An inlined key in its canonical encoding is the key of the PeerId.
  auto key = id.extract_public_key();
  if (key && *key && libp2p::equal((*key)->to_protobuf(), id.multihash().digest()) && !id.matches(**key))
    std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace libp2p;
  using libp2p::peer::PeerId;
  const BytesView input{data, size};
  if (auto id = PeerId::from_bytes(input)) {
    if (!equal(id->bytes(), input)) std::abort();
    check(*id);
  }
  if (auto id = PeerId::from_string(as_string(input))) check(*id);
  return 0;
}
