#include "security/tls/detail/signed_key.hpp"

#include "common/der.hpp"
#include "libp2p/security/errc.hpp"

#include <string>

namespace libp2p::tls::detail {

Bytes encode_signed_key(BytesView public_key, BytesView signature) {
  Bytes body;
  der::append_element(body, der::octet_string, public_key);
  der::append_element(body, der::octet_string, signature);
  return der::element(der::sequence, body);
}

Result<SignedKey> decode_signed_key(BytesView encoded) {
  auto fail = [](const char* what) { return Error(security::Errc::bad_payload, std::string("SignedKey: ") + what); };
  der::Reader outer(encoded);
  auto sequence = outer.contents(der::sequence);
  if (!sequence) return fail("not a DER SEQUENCE");
  if (!outer.empty()) return fail("bytes after the SEQUENCE");
  der::Reader body(*sequence);
  auto public_key = body.contents(der::octet_string);
  if (!public_key) return fail("publicKey is not a DER OCTET STRING");
  auto signature = body.contents(der::octet_string);
  if (!signature) return fail("signature is not a DER OCTET STRING");
  if (!body.empty()) return fail("bytes after the signature");
  return SignedKey{*public_key, *signature};
}

}  // namespace libp2p::tls::detail
