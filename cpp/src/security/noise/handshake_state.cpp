#include "libp2p/security/noise/handshake_state.hpp"

#include "libp2p/security/errc.hpp"

#include <openssl/crypto.h>

#include <algorithm>
#include <string>

namespace libp2p::noise {
namespace {

using security::Errc;

constexpr std::size_t encrypted_key_size = dh_size + tag_size;

DhPublicKey take_key(BytesView& message) {
  DhPublicKey key{};
  std::copy_n(message.begin(), dh_size, key.begin());
  message = message.subspan(dh_size);
  return key;
}

}  // namespace

HandshakeState::HandshakeState(Role role, X25519Key static_key, BytesView prologue, std::optional<X25519Key> ephemeral)
    : role_(role), symmetric_(protocol_name), s_(std::move(static_key)), e_(std::move(ephemeral)) {
  symmetric_.mix_hash(prologue);  // XX has no pre-messages
}

Result<void> HandshakeState::mix_dh(const X25519Key& local, const DhPublicKey& remote) {
  auto secret = local.dh(remote);
  if (!secret) return secret.error();
  symmetric_.mix_key(*secret);
  OPENSSL_cleanse(secret->data(), secret->size());
  return {};
}

Result<void> HandshakeState::write_tokens(Bytes& out) {
  if (next_ < 2) {  // e
    if (!e_) {
      auto e = X25519Key::generate();
      if (!e) return e.error();
      e_ = std::move(*e);
    }
    append(out, e_->public_key());
    symmetric_.mix_hash(e_->public_key());
  }
  if (next_ == 1) {  // ee
    if (auto r = mix_dh(*e_, *re_); !r) return r;
  }
  if (next_ >= 1) {  // s
    if (auto r = symmetric_.encrypt_and_hash(s_.public_key(), out); !r) return r;
  }
  // es (responder, message 2) and se (initiator, message 3): our static key with their ephemeral.
  if (next_ >= 1) return mix_dh(s_, *re_);
  return {};
}

Result<void> HandshakeState::read_tokens(BytesView& message) {
  if (next_ < 2) {  // e
    re_ = take_key(message);
    symmetric_.mix_hash(*re_);
  }
  if (next_ == 1) {  // ee
    if (auto r = mix_dh(*e_, *re_); !r) return r;
  }
  if (next_ >= 1) {  // s
    auto rs = symmetric_.decrypt_and_hash(message.first(encrypted_key_size));
    if (!rs) return Error(Errc::handshake_failed, "the static key does not decrypt");
    message = message.subspan(encrypted_key_size);
    rs_.emplace();
    std::copy_n(rs->begin(), dh_size, rs_->begin());
  }
  // es (initiator, message 2) and se (responder, message 3): our ephemeral key with their static.
  if (next_ >= 1) return mix_dh(*e_, *rs_);
  return {};
}

Result<void> HandshakeState::write_message(BytesView payload, Bytes& out) {
  if (finished() || !writes_next())
    return Error(Errc::handshake_failed, "noise message " + std::to_string(next_message()) + " is not ours to write");
  if (payload.size() > max_message_size - min_message_size[next_])
    return Error(Errc::message_too_large, "noise handshake payload of " + std::to_string(payload.size()) +
                                              " bytes does not fit in a message");
  if (auto r = write_tokens(out); !r) return r;
  if (auto r = symmetric_.encrypt_and_hash(payload, out); !r) return r;
  ++next_;
  return {};
}

Result<Bytes> HandshakeState::read_message(BytesView message) {
  if (finished() || writes_next())
    return Error(Errc::handshake_failed, "noise message " + std::to_string(next_message()) + " is not ours to read");
  if (message.size() > max_message_size)
    return Error(Errc::message_too_large, "noise message of " + std::to_string(message.size()) + " bytes, limit " +
                                              std::to_string(max_message_size));
  if (message.size() < min_message_size[next_])
    return Error(Errc::handshake_failed, "message of " + std::to_string(message.size()) + " bytes, shorter than the " +
                                             std::to_string(min_message_size[next_]) + " XX needs");
  if (auto r = read_tokens(message); !r) return r.error();
  auto payload = symmetric_.decrypt_and_hash(message);
  if (!payload) return Error(Errc::handshake_failed, "the payload does not decrypt");
  ++next_;
  return payload;
}

TransportCiphers HandshakeState::split() {
  auto [c1, c2] = symmetric_.split();
  if (role_ == Role::initiator) return {std::move(c1), std::move(c2)};
  return {std::move(c2), std::move(c1)};
}

}  // namespace libp2p::noise
