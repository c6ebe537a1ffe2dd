// Fuzzes PublicKey parsing (the protobuf, and Data of a type named by the
// first byte): never crashes; an accepted key re-encodes to a protobuf that
// parses to the same key and encodes identically; verify never crashes.
#include "libp2p/crypto/public_key.hpp"

#include <cstdlib>

namespace {

void check_round_trip(const libp2p::crypto::PublicKey& key, libp2p::BytesView input) {
  using libp2p::crypto::PublicKey;
  const auto encoded = key.to_protobuf();
  auto again = PublicKey::from_protobuf(encoded);
  if (!again || !(*again == key) || again->to_protobuf() != encoded) std::abort();
  if (!(PublicKey::from_raw(key.type(), key.raw()).value() == key)) std::abort();
  // Any bytes as a signature: only a real signature verifies.
  (void)key.verify(input, input);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace libp2p;
  using libp2p::crypto::PublicKey;
  const BytesView input{data, size};
  if (auto key = PublicKey::from_protobuf(input)) check_round_trip(*key, input);
  if (!input.empty()) {
    const auto type = static_cast<crypto::KeyType>(input[0] % 4);
    if (auto key = PublicKey::from_raw(type, input.subspan(1))) check_round_trip(*key, input);
  }
  return 0;
}
