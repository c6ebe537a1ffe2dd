#include "libp2p/crypto/public_key.hpp"

#include "crypto/detail/backends.hpp"
#include "crypto/detail/key_protobuf.hpp"
#include "libp2p/crypto/errc.hpp"

namespace libp2p::crypto {
namespace {

Result<detail::PublicKeyState> parse(KeyType type, BytesView data) {
  switch (type) {
    case KeyType::RSA: return detail::rsa::parse_public(data);
    case KeyType::Ed25519: return detail::ed25519::parse_public(data);
    case KeyType::Secp256k1: return detail::secp256k1::parse_public(data);
    case KeyType::ECDSA: return detail::ecdsa::parse_public(data);
  }
  return Error(Errc::unsupported_key_type,
               "unsupported public key type " + std::to_string(static_cast<int>(type)));
}

}  // namespace

PublicKey::PublicKey(KeyType type, std::shared_ptr<const detail::PublicKeyState> state)
    : type_(type), state_(std::move(state)) {}

Result<PublicKey> PublicKey::from_raw(KeyType type, BytesView data) {
  auto state = parse(type, data);
  if (!state) return state.error();
  return PublicKey(type, std::make_shared<const detail::PublicKeyState>(std::move(*state)));
}

Result<PublicKey> PublicKey::from_protobuf(BytesView bytes) {
  auto message = detail::decode_key_message(bytes, max_protobuf_size, "PublicKey");
  if (!message) return message.error();
  return from_raw(message->type, message->data);
}

BytesView PublicKey::raw() const { return state_->data; }

Bytes PublicKey::to_protobuf() const { return detail::encode_key_message(type_, state_->data); }

bool PublicKey::verify(BytesView message, BytesView signature) const {
  switch (type_) {
    case KeyType::RSA: return detail::rsa::verify(*state_, message, signature);
    case KeyType::Ed25519: return detail::ed25519::verify(*state_, message, signature);
    case KeyType::Secp256k1: return detail::secp256k1::verify(*state_, message, signature);
    case KeyType::ECDSA: return detail::ecdsa::verify(*state_, message, signature);
  }
  return false;
}

bool operator==(const PublicKey& a, const PublicKey& b) {
  return a.type_ == b.type_ && equal(a.state_->data, b.state_->data);
}

}  // namespace libp2p::crypto
