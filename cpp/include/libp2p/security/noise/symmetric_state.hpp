#pragma once

// The Noise SymmetricState (Noise Protocol Framework rev 34, §5.2) with the
// SHA256 hash functions (§12.5) and the spec's HKDF (§4.3).

#include "libp2p/security/noise/cipher_state.hpp"

#include <array>
#include <string_view>
#include <utility>

namespace libp2p::noise {

inline constexpr std::size_t hash_size = 32;  // HASHLEN
using Hash = std::array<std::uint8_t, hash_size>;

class SymmetricState {
 public:
  // InitializeSymmetric(protocol_name).
  explicit SymmetricState(std::string_view protocol_name);
  ~SymmetricState();

  void mix_key(BytesView input_key_material);
  void mix_hash(BytesView data);

  // EncryptAndHash: appends the ciphertext of `plaintext` to `out`.
  Result<void> encrypt_and_hash(BytesView plaintext, Bytes& out);
  // DecryptAndHash: the plaintext of `ciphertext`.
  Result<Bytes> decrypt_and_hash(BytesView ciphertext);

  // Split(): the initiator's sending and receiving cipher states, in that order.
  std::pair<CipherState, CipherState> split() const;

  bool has_key() const { return cipher_.has_key(); }
  const Hash& handshake_hash() const { return h_; }

 private:
  CipherState cipher_;
  Hash ck_{};
  Hash h_{};
};

}  // namespace libp2p::noise
