#include "libp2p/crypto/private_key.hpp"

#include "crypto/detail/backends.hpp"
#include "crypto/detail/key_protobuf.hpp"
#include "libp2p/crypto/errc.hpp"

namespace libp2p::crypto {
namespace {

Error unsupported(KeyType type) {
  return Error(Errc::unsupported_key_type, "unsupported private key type " + std::to_string(static_cast<int>(type)));
}

Result<detail::PrivateState> parse(KeyType type, BytesView data) {
  switch (type) {
    case KeyType::RSA: return detail::rsa::parse_private(data);
    case KeyType::Ed25519: return detail::ed25519::parse_private(data);
    case KeyType::Secp256k1: return detail::secp256k1::parse_private(data);
    case KeyType::ECDSA: return detail::ecdsa::parse_private(data);
  }
  return unsupported(type);
}

Result<detail::PublicKeyState> public_of(KeyType type, const detail::PrivateKeyState& state) {
  switch (type) {
    case KeyType::RSA: return detail::rsa::public_of(state);
    case KeyType::Ed25519: return detail::ed25519::public_of(state);
    case KeyType::Secp256k1: return detail::secp256k1::public_of(state);
    case KeyType::ECDSA: return detail::ecdsa::public_of(state);
  }
  return unsupported(type);
}

}  // namespace

PrivateKey::PrivateKey(std::shared_ptr<const detail::PrivateKeyState> state, PublicKey public_key)
    : state_(std::move(state)), public_key_(std::move(public_key)) {}

Result<PrivateKey> PrivateKey::from_state(KeyType type, std::shared_ptr<const detail::PrivateKeyState> state) {
  auto pub = public_of(type, *state);
  if (!pub) return pub.error();
  return PrivateKey(std::move(state), PublicKey(type, std::make_shared<const detail::PublicKeyState>(std::move(*pub))));
}

Result<PrivateKey> PrivateKey::generate(KeyType type) {
  Result<detail::PrivateState> state = unsupported(type);
  switch (type) {
    case KeyType::RSA: state = detail::rsa::generate(default_rsa_bits); break;
    case KeyType::Ed25519: state = detail::ed25519::generate(); break;
    case KeyType::Secp256k1: state = detail::secp256k1::generate(); break;
    case KeyType::ECDSA: state = detail::ecdsa::generate(); break;
  }
  if (!state) return state.error();
  return from_state(type, std::move(*state));
}

Result<PrivateKey> PrivateKey::generate_rsa(std::size_t bits) {
  auto state = detail::rsa::generate(bits);
  if (!state) return state.error();
  return from_state(KeyType::RSA, std::move(*state));
}

Result<PrivateKey> PrivateKey::from_raw(KeyType type, BytesView data) {
  auto state = parse(type, data);
  if (!state) return state.error();
  return from_state(type, std::move(*state));
}

Result<PrivateKey> PrivateKey::from_protobuf(BytesView bytes) {
  auto message = detail::decode_key_message(bytes, max_protobuf_size, "PrivateKey");
  if (!message) return message.error();
  auto key = from_raw(message->type, message->data);
  detail::cleanse(message->data);
  return key;
}

BytesView PrivateKey::raw() const { return state_->data; }

Bytes PrivateKey::to_protobuf() const { return detail::encode_key_message(type(), state_->data); }

Result<Bytes> PrivateKey::sign(BytesView message) const {
  switch (type()) {
    case KeyType::RSA: return detail::rsa::sign(*state_, message);
    case KeyType::Ed25519: return detail::ed25519::sign(*state_, message);
    case KeyType::Secp256k1: return detail::secp256k1::sign(*state_, message);
    case KeyType::ECDSA: return detail::ecdsa::sign(*state_, message);
  }
  return unsupported(type());
}

}  // namespace libp2p::crypto
