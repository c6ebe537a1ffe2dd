#include "security/tls/detail/signed_key.hpp"

#include "libp2p/security/errc.hpp"

#include <string>

namespace libp2p::tls::detail {
namespace {

using security::Errc;

constexpr std::uint8_t sequence_tag = 0x30;
constexpr std::uint8_t octet_string_tag = 0x04;

void append_length(Bytes& out, std::size_t length) {
  if (length < 0x80) {
    out.push_back(static_cast<std::uint8_t>(length));
    return;
  }
  std::uint8_t digits[sizeof(std::size_t)];
  std::size_t n = 0;
  for (; length > 0; length >>= 8) digits[n++] = static_cast<std::uint8_t>(length);
  out.push_back(static_cast<std::uint8_t>(0x80 | n));
  while (n > 0) out.push_back(digits[--n]);
}

void append_tlv(Bytes& out, std::uint8_t tag, BytesView value) {
  out.push_back(tag);
  append_length(out, value.size());
  append(out, value);
}

// Takes one DER element with `tag` off the front of `in` and returns its value.
Result<BytesView> take(BytesView& in, std::uint8_t tag, const char* what) {
  auto fail = [what](const std::string& why) { return Error(Errc::bad_payload, std::string("SignedKey ") + what + ": " + why); };
  if (in.size() < 2) return fail("truncated");
  if (in[0] != tag) return fail("unexpected tag");
  std::size_t length = in[1];
  std::size_t header = 2;
  if (length & 0x80) {
    const std::size_t digits = length & 0x7f;
    if (digits == 0) return fail("indefinite length (not DER)");
    if (digits > 3) return fail("length too large");
    if (in.size() < 2 + digits) return fail("truncated length");
    if (in[2] == 0) return fail("length with a leading zero (not DER)");
    length = 0;
    for (std::size_t i = 0; i < digits; ++i) length = (length << 8) | in[2 + i];
    if (length < 0x80) return fail("long-form length below 128 (not DER)");
    header += digits;
  }
  if (in.size() - header < length) return fail("truncated value");
  BytesView value = in.subspan(header, length);
  in = in.subspan(header + length);
  return value;
}

}  // namespace

Bytes encode_signed_key(BytesView public_key, BytesView signature) {
  Bytes body;
  append_tlv(body, octet_string_tag, public_key);
  append_tlv(body, octet_string_tag, signature);
  Bytes out;
  append_tlv(out, sequence_tag, body);
  return out;
}

Result<SignedKey> decode_signed_key(BytesView der) {
  auto sequence = take(der, sequence_tag, "SEQUENCE");
  if (!sequence) return sequence.error();
  if (!der.empty()) return Error(Errc::bad_payload, "bytes after the SignedKey SEQUENCE");
  BytesView body = *sequence;
  auto public_key = take(body, octet_string_tag, "publicKey");
  if (!public_key) return public_key.error();
  auto signature = take(body, octet_string_tag, "signature");
  if (!signature) return signature.error();
  if (!body.empty()) return Error(Errc::bad_payload, "bytes after the SignedKey signature");
  return SignedKey{*public_key, *signature};
}

}  // namespace libp2p::tls::detail
