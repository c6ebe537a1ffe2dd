#pragma once

// The Noise CipherState (Noise Protocol Framework rev 34, §5.1) for the
// ChaChaPoly cipher functions (§12.3): ChaCha20-Poly1305 (RFC 8439) with a
// 96-bit nonce of 32 zero bits and the 64-bit little-endian counter n.
//
// The OpenSSL context is keyed once; each message only sets the nonce.
// Plaintext may come in pieces (a gather encrypt) without being copied
// together first.

#include "libp2p/common/bytes.hpp"
#include "libp2p/common/error.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <span>

struct evp_cipher_ctx_st;

namespace libp2p::noise {

inline constexpr std::size_t key_size = 32;
inline constexpr std::size_t tag_size = 16;
// The largest Noise message (§3), and so the largest ciphertext.
inline constexpr std::size_t max_message_size = 65535;

using Key = std::array<std::uint8_t, key_size>;

class CipherState {
 public:
  // n = 2^64-1 is reserved (§5.1): a CipherState that reached it refuses to
  // go on (Errc::nonce_exhausted).
  static constexpr std::uint64_t reserved_nonce = std::numeric_limits<std::uint64_t>::max();

  // No key yet: encryption and decryption return their input (§5.1).
  CipherState();
  explicit CipherState(const Key& key);
  CipherState(CipherState&&) noexcept;
  CipherState& operator=(CipherState&&) noexcept;
  ~CipherState();

  bool has_key() const { return ctx_ != nullptr; }
  std::uint64_t nonce() const { return n_; }
  void set_nonce(std::uint64_t n) { n_ = n; }

  // Writes the concatenation of `plaintext` encrypted, then the tag, to `out`
  // (total + tag_size bytes; total bytes without a key). At most
  // max_message_size bytes of ciphertext.
  Result<void> encrypt_with_ad(BytesView ad, std::span<const BytesView> plaintext, std::uint8_t* out);
  Result<void> encrypt_with_ad(BytesView ad, BytesView plaintext, std::uint8_t* out) {
    return encrypt_with_ad(ad, std::span<const BytesView>(&plaintext, 1), out);
  }

  // Authenticates and decrypts `ciphertext` into `out` (ciphertext.size() -
  // tag_size bytes; all of it without a key); `out` may be ciphertext.data().
  // On failure `out` is wiped and the nonce stays (§5.1).
  Result<void> decrypt_with_ad(BytesView ad, BytesView ciphertext, std::uint8_t* out);

 private:
  struct Free {
    void operator()(evp_cipher_ctx_st* ctx) const;
  };
  Result<void> set_nonce_for(int encrypt);

  std::unique_ptr<evp_cipher_ctx_st, Free> ctx_;
  std::uint64_t n_ = 0;
};

}  // namespace libp2p::noise
