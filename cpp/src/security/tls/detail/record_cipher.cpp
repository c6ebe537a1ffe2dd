#include "security/tls/detail/record_cipher.hpp"

#include "crypto/detail/openssl.hpp"
#include "libp2p/security/errc.hpp"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/kdf.h>

#include <climits>
#include <string>

namespace libp2p::tls::detail {
namespace {

using security::Errc;

constexpr std::uint64_t aes_gcm_key_limit = std::uint64_t{1} << 24;  // §5.5: 2^24.5 full records
constexpr std::uint64_t chacha_key_limit = std::uint64_t{1} << 62;   // far before the sequence wraps

Error failure(std::string what) { return Error(Errc::protocol_error, "TLS record layer: " + what); }

void put_u16(std::uint8_t* out, std::size_t value) {
  out[0] = static_cast<std::uint8_t>(value >> 8);
  out[1] = static_cast<std::uint8_t>(value);
}

}  // namespace

Result<CipherSuite> cipher_suite(std::uint16_t code_point) {
  switch (code_point) {  // RFC 8446 §B.4
    case 0x1301: return CipherSuite{EVP_aes_128_gcm(), EVP_sha256(), 16, aes_gcm_key_limit};
    case 0x1302: return CipherSuite{EVP_aes_256_gcm(), EVP_sha384(), 32, aes_gcm_key_limit};
    case 0x1303: return CipherSuite{EVP_chacha20_poly1305(), EVP_sha256(), 32, chacha_key_limit};
    default: return failure("cipher suite 0x" + std::to_string(code_point) + " is not supported");
  }
}

Result<Bytes> hkdf_expand_label(const EVP_MD* hash, BytesView secret, std::string_view label, std::size_t length) {
  // struct { uint16 length; opaque label<7..255> = "tls13 " + Label; opaque context<0..255> = ""; }
  const std::string full = "tls13 " + std::string(label);
  Bytes info(2);
  put_u16(info.data(), length);
  info.push_back(static_cast<std::uint8_t>(full.size()));
  info.insert(info.end(), full.begin(), full.end());
  info.push_back(0);

  EVP_KDF* kdf = EVP_KDF_fetch(nullptr, OSSL_KDF_NAME_HKDF, nullptr);
  EVP_KDF_CTX* ctx = kdf ? EVP_KDF_CTX_new(kdf) : nullptr;
  EVP_KDF_free(kdf);
  int mode = EVP_KDF_HKDF_MODE_EXPAND_ONLY;
  const OSSL_PARAM params[] = {
      OSSL_PARAM_construct_int(OSSL_KDF_PARAM_MODE, &mode),
      OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, const_cast<char*>(EVP_MD_get0_name(hash)), 0),
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, const_cast<std::uint8_t*>(secret.data()), secret.size()),
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, info.data(), info.size()),
      OSSL_PARAM_construct_end(),
  };
  Bytes out(length);
  const bool ok = ctx && EVP_KDF_derive(ctx, out.data(), out.size(), params) == 1;
  EVP_KDF_CTX_free(ctx);
  if (!ok) return failure("HKDF-Expand-Label \"" + std::string(label) + "\": " + crypto::detail::openssl_error());
  return out;
}

RecordCipher::~RecordCipher() { crypto::detail::cleanse(secret_); }

Result<RecordCipher> RecordCipher::make(const CipherSuite& suite, BytesView secret, bool encrypt) {
  RecordCipher cipher(suite, encrypt);
  if (auto r = cipher.rekey(Bytes(secret.begin(), secret.end())); !r) return r.error();
  return cipher;
}

// §7.3: key = HKDF-Expand-Label(Secret, "key", "", key_length), iv likewise with "iv".
Result<void> RecordCipher::rekey(Bytes secret) {
  auto key = hkdf_expand_label(suite_.hash, secret, "key", suite_.key_size);
  if (!key) return key.error();
  auto iv = hkdf_expand_label(suite_.hash, secret, "iv", iv_.size());
  if (!iv) return iv.error();
  std::copy(iv->begin(), iv->end(), iv_.begin());
  ctx_.reset(EVP_CIPHER_CTX_new());
  const bool ok = ctx_ && EVP_CipherInit_ex(ctx_.get(), suite_.aead, nullptr, key->data(), nullptr, encrypt_) == 1;
  crypto::detail::cleanse(*key);
  crypto::detail::cleanse(secret_);
  secret_ = std::move(secret);
  sequence_ = 0;
  if (!ok) return failure("cannot key the AEAD: " + crypto::detail::openssl_error());
  return {};
}

// §7.2: application_traffic_secret_N+1 = HKDF-Expand-Label(secret_N, "traffic upd", "", Hash.length).
Result<void> RecordCipher::update() {
  auto next = hkdf_expand_label(suite_.hash, secret_, "traffic upd", secret_.size());
  if (!next) return next.error();
  return rekey(std::move(*next));
}

// §5.3: the 64-bit sequence number, big-endian, left-padded to the IV
// length and XORed with the IV.
Result<void> RecordCipher::set_nonce() {
  if (sequence_ == UINT64_MAX) return failure("the record sequence number would wrap");
  std::array<std::uint8_t, 12> nonce = iv_;
  for (int i = 0; i < 8; ++i) nonce[11 - i] ^= static_cast<std::uint8_t>(sequence_ >> (8 * i));
  if (EVP_CipherInit_ex(ctx_.get(), nullptr, nullptr, nullptr, nonce.data(), encrypt_) != 1)
    return failure("the AEAD refused the nonce");
  return {};
}

Result<void> RecordCipher::seal(ContentType type, std::span<const BytesView> plaintext, std::size_t total,
                                std::uint8_t* out) {
  if (total > max_record_plaintext) return failure("a record of " + std::to_string(total) + " bytes of plaintext");
  if (auto r = set_nonce(); !r) return r;
  // The header is the additional data (§5.2): opaque_type application_data, legacy_record_version 0x0303.
  out[0] = static_cast<std::uint8_t>(ContentType::application_data);
  out[1] = 0x03;
  out[2] = 0x03;
  put_u16(out + 3, total + 1 + record_tag_size);
  const auto content_type = static_cast<std::uint8_t>(type);
  int n = 0;
  bool ok = EVP_CipherUpdate(ctx_.get(), nullptr, &n, out, record_header_size) == 1;
  std::uint8_t* p = out + record_header_size;
  for (auto piece : plaintext) {
    if (piece.empty()) continue;
    ok = ok && EVP_CipherUpdate(ctx_.get(), p, &n, piece.data(), static_cast<int>(piece.size())) == 1;
    p += piece.size();
  }
  ok = ok && EVP_CipherUpdate(ctx_.get(), p, &n, &content_type, 1) == 1 && EVP_CipherFinal_ex(ctx_.get(), p + 1, &n) == 1 &&
       EVP_CIPHER_CTX_ctrl(ctx_.get(), EVP_CTRL_AEAD_GET_TAG, record_tag_size, p + 1) == 1;
  if (!ok) return failure("encryption failed");
  ++sequence_;
  return {};
}

Result<RecordCipher::Opened> RecordCipher::open(BytesView record, std::uint8_t* out) {
  const std::size_t size = record.size() - record_header_size - record_tag_size;  // the caller checked the length
  if (auto r = set_nonce(); !r) return r.error();
  // SET_TAG copies the tag, so decrypting in place cannot overwrite it.
  auto* tag = const_cast<std::uint8_t*>(record.data() + record.size() - record_tag_size);
  int n = 0;
  const bool ok = EVP_CIPHER_CTX_ctrl(ctx_.get(), EVP_CTRL_AEAD_SET_TAG, record_tag_size, tag) == 1 &&
                  EVP_CipherUpdate(ctx_.get(), nullptr, &n, record.data(), record_header_size) == 1 &&
                  EVP_CipherUpdate(ctx_.get(), out, &n, record.data() + record_header_size, static_cast<int>(size)) == 1 &&
                  EVP_CipherFinal_ex(ctx_.get(), out + size, &n) == 1;
  if (!ok) {
    OPENSSL_cleanse(out, size);
    return Error(Errc::decrypt_failed, "TLS record " + std::to_string(sequence_) + " fails authentication");
  }
  ++sequence_;
  // §5.4: the content type is the last non-zero byte; what follows it is padding.
  std::size_t end = size;
  while (end > 0 && out[end - 1] == 0) --end;
  if (end == 0) return failure("a record with no content type (all padding)");
  return Opened{static_cast<ContentType>(out[end - 1]), end - 1};
}

}  // namespace libp2p::tls::detail
