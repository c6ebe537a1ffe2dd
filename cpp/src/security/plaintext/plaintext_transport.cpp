#include "libp2p/security/plaintext/plaintext_transport.hpp"

#include "libp2p/io/length_prefixed.hpp"
#include "libp2p/security/errc.hpp"
#include "proto/plaintext.pb.h"

namespace libp2p::plaintext {
namespace {

constexpr std::size_t max_exchange_size = 4096;  // a PeerId and the largest key we accept

Bytes make_exchange(const crypto::KeyPair& identity) {
  pb::Exchange message;
  const auto id = peer::PeerId::from_public_key(identity.public_key());
  message.set_id(std::string(as_string(id.bytes())));
  const auto key = identity.public_key().to_protobuf();
  if (!message.mutable_pubkey()->ParseFromArray(key.data(), static_cast<int>(key.size()))) return {};
  return to_bytes(message.SerializeAsString());
}

Result<std::pair<peer::PeerId, crypto::PublicKey>> parse_exchange(BytesView bytes) {
  pb::Exchange message;
  if (!message.ParseFromArray(bytes.data(), static_cast<int>(bytes.size())) || !message.has_id() ||
      !message.has_pubkey())
    return Error(security::Errc::bad_payload, "malformed Exchange message");
  auto id = peer::PeerId::from_bytes(as_bytes(message.id()));
  if (!id) return prefixed("Exchange id", id.error());
  auto key = crypto::PublicKey::from_protobuf(to_bytes(message.pubkey().SerializeAsString()));
  if (!key) return prefixed("Exchange pubkey", key.error());
  if (!id->matches(*key)) return Error(security::Errc::bad_payload, "Exchange id is not the key's PeerId");
  return std::pair{std::move(*id), std::move(*key)};
}

}  // namespace

PlaintextTransport::PlaintextTransport(crypto::KeyPair identity)
    : identity_(std::move(identity)), exchange_message_(make_exchange(identity_)) {}

asio::awaitable<Result<security::SecureChannel>> PlaintextTransport::secure_outbound(
    std::unique_ptr<io::ByteStream> raw, std::optional<peer::PeerId> expected) {
  co_return co_await exchange(std::move(raw), std::move(expected));
}

asio::awaitable<Result<security::SecureChannel>> PlaintextTransport::secure_inbound(std::unique_ptr<io::ByteStream> raw) {
  co_return co_await exchange(std::move(raw), std::nullopt);
}

asio::awaitable<Result<security::SecureChannel>> PlaintextTransport::exchange(std::unique_ptr<io::ByteStream> raw,
                                                                              std::optional<peer::PeerId> expected) {
  // Both sides send at once (spec, "Exchange").
  if (auto r = co_await io::write_length_prefixed(*raw, exchange_message_); !r) co_return r.error();
  auto received = co_await io::read_length_prefixed(*raw, max_exchange_size);
  if (!received) co_return received.error();
  auto remote = parse_exchange(*received);
  if (!remote) co_return remote.error();
  if (expected && remote->first != *expected)
    co_return Error(security::Errc::peer_id_mismatch,
                    "dialed " + expected->to_string() + " but the remote is " + remote->first.to_string());
  co_return security::SecureChannel{std::move(raw), std::move(remote->first), std::move(remote->second), std::nullopt};
}

}  // namespace libp2p::plaintext
