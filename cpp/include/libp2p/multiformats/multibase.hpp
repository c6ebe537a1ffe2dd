#pragma once

// multibase (github.com/multiformats/multibase): text that names its base in
// its first character. Supported: the RFC 4648 bases (base16, base32,
// base32hex, base64, base64url, with their upper-case and padded variants),
// base36 and base58 (btc and flickr). Decoding is case-insensitive where the
// base is (base16, base32*, base36), and strict otherwise: only canonical
// encodings are accepted (no stray padding, zero trailing bits), so decoded
// bytes re-encode to the same text up to case.

#include "libp2p/common/bytes.hpp"
#include "libp2p/common/error.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace libp2p::multiformats::multibase {

// The prefix characters of multibase.csv.
enum class Base : char {
  base16 = 'f',
  base16upper = 'F',
  base32 = 'b',
  base32upper = 'B',
  base32pad = 'c',
  base32padupper = 'C',
  base32hex = 'v',
  base32hexupper = 'V',
  base32hexpad = 't',
  base32hexpadupper = 'T',
  base36 = 'k',
  base36upper = 'K',
  base58btc = 'z',
  base58flickr = 'Z',
  base64 = 'm',
  base64pad = 'M',
  base64url = 'u',
  base64urlpad = 'U',
};

// The base a prefix character names, if it is one of the supported bases.
std::optional<Base> base_of(char prefix);
// The name in multibase.csv, e.g. "base58btc".
std::string_view name(Base base);
// The supported base of that name, if any.
std::optional<Base> base_named(std::string_view name);

// The prefix, then the data in `base`.
std::string encode(Base base, BytesView data);
// Decodes multibase text by its prefix.
Result<Bytes> decode(std::string_view text);

// The same without the prefix character.
std::string encode_bare(Base base, BytesView data);
Result<Bytes> decode_bare(Base base, std::string_view text);

// Shorthands: bare base58btc (how PeerIds are written) and hex (lower-case out,
// either case in).
inline std::string base58btc_encode(BytesView data) { return encode_bare(Base::base58btc, data); }
inline Result<Bytes> base58btc_decode(std::string_view text) { return decode_bare(Base::base58btc, text); }
inline std::string to_hex(BytesView data) { return encode_bare(Base::base16, data); }
inline Result<Bytes> from_hex(std::string_view text) { return decode_bare(Base::base16, text); }

}  // namespace libp2p::multiformats::multibase
