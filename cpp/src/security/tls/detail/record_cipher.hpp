#pragma once

// TLS 1.3 record protection (RFC 8446 §5.2, §5.3) for one direction of a
// connection, keyed from that direction's application traffic secret (§7.3)
// and re-keyed by KeyUpdate (§4.6.3, §7.2). OpenSSL runs the handshake; the
// records after it are ours, so that they are encrypted straight into the
// stream's batch buffer and decrypted straight into the reader's buffer, as
// kernel TLS offload does with the same secrets.

#include "libp2p/common/bytes.hpp"
#include "libp2p/common/error.hpp"

#include <openssl/evp.h>

#include <array>
#include <cstdint>
#include <memory>
#include <span>

namespace libp2p::tls::detail {

enum class ContentType : std::uint8_t { alert = 21, handshake = 22, application_data = 23 };

inline constexpr std::size_t record_header_size = 5;
inline constexpr std::size_t record_tag_size = 16;
inline constexpr std::size_t max_record_plaintext = 16384;  // 2^14 (§5.1)
// TLSCiphertext.length may exceed the plaintext limit by at most 256 (§5.2).
inline constexpr std::size_t max_record_ciphertext = max_record_plaintext + 256;

// The size of the record that carries `plaintext` bytes (no padding).
constexpr std::size_t record_size(std::size_t plaintext) {
  return record_header_size + plaintext + 1 + record_tag_size;
}

// The three cipher suites of TLS 1.3 that OpenSSL negotiates by default.
struct CipherSuite {
  const EVP_CIPHER* aead;
  const EVP_MD* hash;
  std::size_t key_size;
  // Records one key may protect before we update it (§5.5).
  std::uint64_t key_limit;
};

// The suite of a TLS 1.3 cipher suite code point (0x1301..0x1303).
Result<CipherSuite> cipher_suite(std::uint16_t code_point);

// The application traffic secrets of a handshake (RFC 8446 §7.1), as
// OpenSSL reports them; wiped once the record layer is keyed.
struct TrafficSecrets {
  Bytes client, server;
};

// HKDF-Expand-Label(secret, label, "", length) (§7.1).
Result<Bytes> hkdf_expand_label(const EVP_MD* hash, BytesView secret, std::string_view label, std::size_t length);

class RecordCipher {
 public:
  // `encrypt` selects the direction; `secret` is the traffic secret.
  static Result<RecordCipher> make(const CipherSuite& suite, BytesView secret, bool encrypt);
  RecordCipher(RecordCipher&&) noexcept = default;
  RecordCipher& operator=(RecordCipher&&) noexcept = default;
  ~RecordCipher();

  std::uint64_t sequence() const { return sequence_; }
  // True once this key protected as many records as it safely may.
  bool key_exhausted() const { return sequence_ >= suite_.key_limit; }

  // Writes the record of `type` holding the concatenated `plaintext` (at most
  // max_record_plaintext bytes in all) to `out`: record_size(total) bytes.
  Result<void> seal(ContentType type, std::span<const BytesView> plaintext, std::size_t total, std::uint8_t* out);

  struct Opened {
    ContentType type;
    std::size_t size;  // of the content, at the start of `out`
  };
  // Authenticates and decrypts the whole record `record` (header included)
  // into `out` (room for its ciphertext length minus the tag; `out` may be
  // the record's own ciphertext), and strips the content type and padding.
  Result<Opened> open(BytesView record, std::uint8_t* out);

  // The next traffic secret, key and IV; the sequence starts again at 0.
  Result<void> update();

 private:
  struct Free {
    void operator()(EVP_CIPHER_CTX* ctx) const { EVP_CIPHER_CTX_free(ctx); }
  };
  RecordCipher(const CipherSuite& suite, bool encrypt) : suite_(suite), encrypt_(encrypt) {}
  Result<void> rekey(Bytes secret);
  Result<void> set_nonce();

  CipherSuite suite_;
  bool encrypt_;
  Bytes secret_;
  std::array<std::uint8_t, 12> iv_{};
  std::unique_ptr<EVP_CIPHER_CTX, Free> ctx_;
  std::uint64_t sequence_ = 0;
};

}  // namespace libp2p::tls::detail
