// Fuzzes PrivateKey parsing (the protobuf, and Data of a type named by the
// first byte): never crashes; an accepted key re-encodes to a protobuf that
// parses to the same key, and its signature verifies with its public key.
#include "libp2p/crypto/private_key.hpp"

#include <cstdlib>

namespace {

void check(const libp2p::crypto::PrivateKey& key) {
  using libp2p::crypto::PrivateKey;
  const auto encoded = key.to_protobuf();
  auto again = PrivateKey::from_protobuf(encoded);
  if (!again || again->to_protobuf() != encoded || !(again->public_key() == key.public_key())) std::abort();
  const auto message = libp2p::as_bytes("fuzz");
  auto signature = key.sign(message);
  if (!signature || !key.public_key().verify(message, *signature)) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace libp2p;
  using libp2p::crypto::PrivateKey;
  const BytesView input{data, size};
  if (auto key = PrivateKey::from_protobuf(input)) check(*key);
  if (!input.empty()) {
    const auto type = static_cast<crypto::KeyType>(input[0] % 4);
    if (auto key = PrivateKey::from_raw(type, input.subspan(1))) check(*key);
  }
  return 0;
}
