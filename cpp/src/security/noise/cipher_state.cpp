#include "libp2p/security/noise/cipher_state.hpp"

#include "libp2p/security/errc.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <climits>
#include <new>
#include <string>

namespace libp2p::noise {
namespace {

using security::Errc;

constexpr std::size_t nonce_size = 12;

Error too_large(std::size_t ciphertext) {
  return Error(Errc::message_too_large, "noise ciphertext of " + std::to_string(ciphertext) + " bytes, limit " +
                                            std::to_string(max_message_size));
}

}  // namespace

void CipherState::Free::operator()(evp_cipher_ctx_st* ctx) const { EVP_CIPHER_CTX_free(ctx); }

CipherState::CipherState() = default;
CipherState::CipherState(CipherState&&) noexcept = default;
CipherState& CipherState::operator=(CipherState&&) noexcept = default;
CipherState::~CipherState() = default;

CipherState::CipherState(const Key& key) : ctx_(EVP_CIPHER_CTX_new()) {
  if (!ctx_ || EVP_CipherInit_ex(ctx_.get(), EVP_chacha20_poly1305(), nullptr, key.data(), nullptr, 1) != 1)
    throw std::bad_alloc();
}

// §12.3: the nonce is 32 bits of zeros followed by the little-endian n.
Result<void> CipherState::set_nonce_for(int encrypt) {
  if (n_ == reserved_nonce)
    return Error(Errc::nonce_exhausted, "noise cipher state used 2^64-1 nonces: the channel must end");
  std::uint8_t nonce[nonce_size] = {};
  for (int i = 0; i < 8; ++i) nonce[4 + i] = static_cast<std::uint8_t>(n_ >> (8 * i));
  if (EVP_CipherInit_ex(ctx_.get(), nullptr, nullptr, nullptr, nonce, encrypt) != 1)
    return Error(Errc::decrypt_failed, "ChaCha20-Poly1305 refused the nonce");
  return {};
}

Result<void> CipherState::encrypt_with_ad(BytesView ad, std::span<const BytesView> plaintext, std::uint8_t* out) {
  std::size_t total = 0;
  for (auto piece : plaintext) total += piece.size();
  if (!has_key()) {
    if (total > max_message_size) return too_large(total);
    for (auto piece : plaintext) out = std::copy(piece.begin(), piece.end(), out);
    return {};
  }
  if (total > max_message_size - tag_size) return too_large(total + tag_size);
  if (ad.size() > INT_MAX) return Error(Errc::message_too_large, "noise associated data too large");
  if (auto r = set_nonce_for(1); !r) return r;
  int n = 0;
  bool ok = ad.empty() || EVP_CipherUpdate(ctx_.get(), nullptr, &n, ad.data(), static_cast<int>(ad.size())) == 1;
  for (auto piece : plaintext) {
    if (piece.empty()) continue;
    ok = ok && EVP_CipherUpdate(ctx_.get(), out, &n, piece.data(), static_cast<int>(piece.size())) == 1;
    out += piece.size();
  }
  ok = ok && EVP_CipherFinal_ex(ctx_.get(), out, &n) == 1 &&
       EVP_CIPHER_CTX_ctrl(ctx_.get(), EVP_CTRL_AEAD_GET_TAG, static_cast<int>(tag_size), out) == 1;
  if (!ok) return Error(Errc::decrypt_failed, "ChaCha20-Poly1305 encryption failed");
  ++n_;
  return {};
}

Result<void> CipherState::decrypt_with_ad(BytesView ad, BytesView ciphertext, std::uint8_t* out) {
  if (ciphertext.size() > max_message_size) return too_large(ciphertext.size());
  if (!has_key()) {
    std::copy(ciphertext.begin(), ciphertext.end(), out);
    return {};
  }
  if (ciphertext.size() < tag_size)
    return Error(Errc::decrypt_failed, "noise ciphertext of " + std::to_string(ciphertext.size()) +
                                           " bytes is shorter than its 16-byte tag");
  if (ad.size() > INT_MAX) return Error(Errc::message_too_large, "noise associated data too large");
  if (auto r = set_nonce_for(0); !r) return r;
  const std::size_t size = ciphertext.size() - tag_size;
  // SET_TAG copies the tag, so decrypting in place cannot overwrite it.
  auto* tag = const_cast<std::uint8_t*>(ciphertext.data() + size);
  int n = 0;
  bool ok = EVP_CIPHER_CTX_ctrl(ctx_.get(), EVP_CTRL_AEAD_SET_TAG, static_cast<int>(tag_size), tag) == 1 &&
            (ad.empty() || EVP_CipherUpdate(ctx_.get(), nullptr, &n, ad.data(), static_cast<int>(ad.size())) == 1) &&
            (size == 0 || EVP_CipherUpdate(ctx_.get(), out, &n, ciphertext.data(), static_cast<int>(size)) == 1) &&
            EVP_CipherFinal_ex(ctx_.get(), out + size, &n) == 1;
  if (!ok) {
    OPENSSL_cleanse(out, size);
    return Error(Errc::decrypt_failed, "noise ciphertext with nonce " + std::to_string(n_) + " fails authentication");
  }
  ++n_;
  return {};
}

}  // namespace libp2p::noise
