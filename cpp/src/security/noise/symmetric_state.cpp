#include "libp2p/security/noise/symmetric_state.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <memory>
#include <new>

namespace libp2p::noise {
namespace {

// HASH(a || b).
Hash sha256(BytesView a, BytesView b = {}) {
  std::unique_ptr<EVP_MD_CTX, void (*)(EVP_MD_CTX*)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  Hash out{};
  unsigned int size = 0;
  if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1 ||
      EVP_DigestUpdate(ctx.get(), a.data(), a.size()) != 1 || EVP_DigestUpdate(ctx.get(), b.data(), b.size()) != 1 ||
      EVP_DigestFinal_ex(ctx.get(), out.data(), &size) != 1)
    throw std::bad_alloc();
  return out;
}

Hash hmac(const Hash& key, BytesView data) {
  Hash out{};
  unsigned int size = 0;
  if (!HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), data.data(), data.size(), out.data(), &size))
    throw std::bad_alloc();
  return out;
}

// HKDF(chaining_key, input_key_material, 2) of §4.3.
std::pair<Hash, Hash> hkdf(const Hash& chaining_key, BytesView input_key_material) {
  Hash temp_key = hmac(chaining_key, input_key_material);
  const std::uint8_t one = 0x01;
  Hash output1 = hmac(temp_key, BytesView(&one, 1));
  std::array<std::uint8_t, hash_size + 1> second{};
  std::copy(output1.begin(), output1.end(), second.begin());
  second.back() = 0x02;
  Hash output2 = hmac(temp_key, second);
  OPENSSL_cleanse(temp_key.data(), temp_key.size());
  OPENSSL_cleanse(second.data(), second.size());
  return {output1, output2};
}

void wipe(Hash& h) { OPENSSL_cleanse(h.data(), h.size()); }

}  // namespace

SymmetricState::SymmetricState(std::string_view protocol_name) {
  // A name of at most HASHLEN bytes is used as h, zero-padded; a longer one is hashed.
  if (protocol_name.size() <= hash_size)
    std::copy(protocol_name.begin(), protocol_name.end(), h_.begin());
  else
    h_ = sha256(as_bytes(protocol_name));
  ck_ = h_;
}

SymmetricState::~SymmetricState() { wipe(ck_); }

void SymmetricState::mix_key(BytesView input_key_material) {
  auto [ck, temp_k] = hkdf(ck_, input_key_material);
  ck_ = ck;
  cipher_ = CipherState(temp_k);  // HASHLEN = 32: no truncation
  wipe(ck);
  wipe(temp_k);
}

void SymmetricState::mix_hash(BytesView data) { h_ = sha256(h_, data); }

Result<void> SymmetricState::encrypt_and_hash(BytesView plaintext, Bytes& out) {
  const std::size_t start = out.size();
  out.resize(start + plaintext.size() + (has_key() ? tag_size : 0));
  if (auto r = cipher_.encrypt_with_ad(h_, plaintext, out.data() + start); !r) {
    out.resize(start);
    return r;
  }
  mix_hash(BytesView(out).subspan(start));
  return {};
}

Result<Bytes> SymmetricState::decrypt_and_hash(BytesView ciphertext) {
  if (has_key() && ciphertext.size() < tag_size) return cipher_.decrypt_with_ad(h_, ciphertext, nullptr).error();
  Bytes plaintext(ciphertext.size() - (has_key() ? tag_size : 0));
  if (auto r = cipher_.decrypt_with_ad(h_, ciphertext, plaintext.data()); !r) return r.error();
  mix_hash(ciphertext);
  return plaintext;
}

std::pair<CipherState, CipherState> SymmetricState::split() const {
  auto [k1, k2] = hkdf(ck_, {});
  std::pair<CipherState, CipherState> out{CipherState(k1), CipherState(k2)};
  wipe(k1);
  wipe(k2);
  return out;
}

}  // namespace libp2p::noise
