#include "libp2p/security/noise/handshake_payload.hpp"

#include "libp2p/security/errc.hpp"
#include "proto/noise.pb.h"

#include <algorithm>

namespace libp2p::noise {
namespace {

using security::Errc;

Bytes signed_message(const DhPublicKey& static_key) {
  Bytes message(static_key_prefix.size() + static_key.size());
  std::copy(static_key.begin(), static_key.end(),
            std::copy(static_key_prefix.begin(), static_key_prefix.end(), message.begin()));
  return message;
}

// For error messages: the remote's list may be long and arbitrary.
std::string list(std::span<const std::string> items) {
  constexpr std::size_t max_text = 200;
  std::string out;
  for (const auto& item : items) {
    out += (out.empty() ? "" : ", ") + item;
    if (out.size() > max_text) return out.substr(0, max_text) + "...";
  }
  return out;
}

}  // namespace

Bytes encode_payload(const HandshakePayload& payload) {
  pb::NoiseHandshakePayload message;
  message.set_identity_key(payload.identity_key.data(), payload.identity_key.size());
  message.set_identity_sig(payload.identity_sig.data(), payload.identity_sig.size());
  if (!payload.stream_muxers.empty()) {
    auto* extensions = message.mutable_extensions();
    for (const auto& muxer : payload.stream_muxers) extensions->add_stream_muxers(muxer);
  }
  Bytes out(message.ByteSizeLong());
  message.SerializeToArray(out.data(), static_cast<int>(out.size()));
  return out;
}

Result<HandshakePayload> decode_payload(BytesView bytes) {
  if (bytes.size() > max_message_size)
    return Error(Errc::bad_payload, "handshake payload of " + std::to_string(bytes.size()) + " bytes");
  pb::NoiseHandshakePayload message;
  if (!message.ParseFromArray(bytes.data(), static_cast<int>(bytes.size())))
    return Error(Errc::bad_payload, "the handshake payload is not a NoiseHandshakePayload protobuf");
  if (!message.has_identity_key() || message.identity_key().empty())
    return Error(Errc::bad_payload, "the handshake payload has no identity key");
  if (message.identity_key().size() > crypto::PublicKey::max_protobuf_size)
    return Error(Errc::bad_payload, "identity key of " + std::to_string(message.identity_key().size()) +
                                        " bytes, limit " + std::to_string(crypto::PublicKey::max_protobuf_size));
  if (!message.has_identity_sig() || message.identity_sig().empty())
    return Error(Errc::bad_payload, "the handshake payload has no identity signature");
  if (message.identity_sig().size() > max_signature_size)
    return Error(Errc::bad_payload, "identity signature of " + std::to_string(message.identity_sig().size()) +
                                        " bytes, limit " + std::to_string(max_signature_size));
  const auto& muxers = message.extensions().stream_muxers();
  if (static_cast<std::size_t>(muxers.size()) > max_stream_muxers)
    return Error(Errc::bad_payload, std::to_string(muxers.size()) + " stream muxers offered, limit " +
                                        std::to_string(max_stream_muxers));
  const auto& key = message.identity_key();
  const auto& sig = message.identity_sig();
  return HandshakePayload{Bytes(key.begin(), key.end()), Bytes(sig.begin(), sig.end()),
                          std::vector<std::string>(muxers.begin(), muxers.end())};
}

Result<Bytes> make_payload(const crypto::KeyPair& identity, const DhPublicKey& static_key,
                           std::span<const std::string> muxers) {
  auto signature = identity.sign(signed_message(static_key));
  if (!signature) return signature.error();
  return encode_payload({identity.public_key().to_protobuf(), std::move(*signature),
                         std::vector<std::string>(muxers.begin(), muxers.end())});
}

Result<RemoteIdentity> verify_payload(BytesView bytes, const DhPublicKey& remote_static) {
  auto payload = decode_payload(bytes);
  if (!payload) return payload.error();
  auto key = crypto::PublicKey::from_protobuf(payload->identity_key);
  if (!key) return Error(Errc::bad_payload, "identity key: " + key.error().message);
  if (!key->verify(signed_message(remote_static), payload->identity_sig))
    return Error(Errc::bad_signature, "identity signature does not verify");
  auto id = peer::PeerId::from_public_key(*key);
  return RemoteIdentity{std::move(*key), std::move(id), std::move(payload->stream_muxers)};
}

Result<std::optional<std::string>> select_early_muxer(std::span<const std::string> initiator,
                                                      std::span<const std::string> responder) {
  if (initiator.empty() || responder.empty()) return std::optional<std::string>();
  for (const auto& muxer : initiator)
    if (std::find(responder.begin(), responder.end(), muxer) != responder.end()) return std::optional(muxer);
  return Error(Errc::no_common_muxer,
               "no stream muxer in common: initiator offers " + list(initiator) + "; responder " + list(responder));
}

}  // namespace libp2p::noise
