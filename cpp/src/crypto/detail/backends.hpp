#pragma once

// One backend per key type, all with the same functions; PublicKey and
// PrivateKey dispatch on the KeyType. A parse returns the parsed key together
// with its canonical Data.

#include "crypto/detail/key_state.hpp"

#include <cstddef>
#include <memory>

namespace libp2p::crypto::detail {

using PrivateState = std::shared_ptr<const PrivateKeyState>;

namespace ed25519 {
Result<PublicKeyState> parse_public(BytesView data);
Result<PrivateState> parse_private(BytesView data);
Result<PrivateState> generate();
Result<PublicKeyState> public_of(const PrivateKeyState& key);
Result<Bytes> sign(const PrivateKeyState& key, BytesView message);
bool verify(const PublicKeyState& key, BytesView message, BytesView signature);
}  // namespace ed25519

namespace secp256k1 {
Result<PublicKeyState> parse_public(BytesView data);
Result<PrivateState> parse_private(BytesView data);
Result<PrivateState> generate();
Result<PublicKeyState> public_of(const PrivateKeyState& key);
Result<Bytes> sign(const PrivateKeyState& key, BytesView message);
bool verify(const PublicKeyState& key, BytesView message, BytesView signature);
}  // namespace secp256k1

namespace ecdsa {
Result<PublicKeyState> parse_public(BytesView data);
Result<PrivateState> parse_private(BytesView data);
Result<PrivateState> generate();
Result<PublicKeyState> public_of(const PrivateKeyState& key);
Result<Bytes> sign(const PrivateKeyState& key, BytesView message);
bool verify(const PublicKeyState& key, BytesView message, BytesView signature);
}  // namespace ecdsa

namespace rsa {
Result<PublicKeyState> parse_public(BytesView data);
Result<PrivateState> parse_private(BytesView data);
Result<PrivateState> generate(std::size_t bits);
Result<PublicKeyState> public_of(const PrivateKeyState& key);
Result<Bytes> sign(const PrivateKeyState& key, BytesView message);
bool verify(const PublicKeyState& key, BytesView message, BytesView signature);
}  // namespace rsa

}  // namespace libp2p::crypto::detail
