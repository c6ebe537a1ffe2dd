#pragma once

// The Noise HandshakeState (Noise Protocol Framework rev 34, §5.3) for the
// one pattern libp2p uses, Noise_XX_25519_ChaChaPoly_SHA256 (§7.5):
//
//   XX:
//     -> e
//     <- e, ee, s, es
//     -> s, se
//
// Without I/O: it turns payloads into handshake messages and back.

#include "libp2p/security/noise/symmetric_state.hpp"
#include "libp2p/security/noise/x25519.hpp"

#include <optional>
#include <string_view>

namespace libp2p::noise {

inline constexpr std::string_view protocol_name = "Noise_XX_25519_ChaChaPoly_SHA256";

enum class Role { initiator, responder };

// The cipher states of one side after the handshake.
struct TransportCiphers {
  CipherState send;
  CipherState receive;
};

class HandshakeState {
 public:
  static constexpr int message_count = 3;
  // The smallest message i (1-based) can be: its keys and the empty payload's tag.
  static constexpr std::size_t min_message_size[message_count] = {
      dh_size, dh_size + dh_size + tag_size + tag_size, dh_size + tag_size + tag_size};

  // `ephemeral` fixes the ephemeral key (test vectors only); by default a
  // fresh one is generated when the first message that needs it is written.
  HandshakeState(Role role, X25519Key static_key, BytesView prologue = {},
                 std::optional<X25519Key> ephemeral = std::nullopt);

  Role role() const { return role_; }
  // 1-based number of the next message, message_count + 1 when finished.
  int next_message() const { return next_ + 1; }
  bool finished() const { return next_ == message_count; }
  // Is the next message ours to write?
  bool writes_next() const { return (next_ % 2 == 0) == (role_ == Role::initiator); }

  // WriteMessage: appends the next message, carrying `payload`, to `out`.
  Result<void> write_message(BytesView payload, Bytes& out);
  // ReadMessage: the payload of the remote's next message.
  Result<Bytes> read_message(BytesView message);

  // The remote's static key, once received (message 2 for the initiator, 3 for the responder).
  const std::optional<DhPublicKey>& remote_static() const { return rs_; }
  const Hash& handshake_hash() const { return symmetric_.handshake_hash(); }

  // Split() once finished; call once.
  TransportCiphers split();

 private:
  Result<void> mix_dh(const X25519Key& local, const DhPublicKey& remote);
  Result<void> write_tokens(Bytes& out);
  Result<void> read_tokens(BytesView& message);

  Role role_;
  SymmetricState symmetric_;
  X25519Key s_;
  std::optional<X25519Key> e_;
  std::optional<DhPublicKey> re_;
  std::optional<DhPublicKey> rs_;
  int next_ = 0;
};

}  // namespace libp2p::noise
