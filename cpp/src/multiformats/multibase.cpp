#include "libp2p/multiformats/multibase.hpp"

#include "libp2p/multiformats/errc.hpp"
#include "multiformats/detail/base_x.hpp"
#include "multiformats/detail/rfc4648.hpp"

#include <variant>

namespace libp2p::multiformats::multibase {
namespace {

using detail::BaseX;
using detail::Padding;
using detail::Rfc4648;

constexpr std::string_view hex_lower = "0123456789abcdef";
constexpr std::string_view hex_upper = "0123456789ABCDEF";
constexpr std::string_view b32_lower = "abcdefghijklmnopqrstuvwxyz234567";
constexpr std::string_view b32_upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
constexpr std::string_view b32hex_lower = "0123456789abcdefghijklmnopqrstuv";
constexpr std::string_view b32hex_upper = "0123456789ABCDEFGHIJKLMNOPQRSTUV";
constexpr std::string_view b36_lower = "0123456789abcdefghijklmnopqrstuvwxyz";
constexpr std::string_view b36_upper = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
constexpr std::string_view b58_btc = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
constexpr std::string_view b58_flickr = "123456789abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";
constexpr std::string_view b64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr std::string_view b64_url = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

using Codec = std::variant<Rfc4648, BaseX>;

struct Entry {
  Base base;
  Codec codec;
};

const Entry entries[] = {
    {Base::base16, Rfc4648{hex_lower, "base16", true}},
    {Base::base16upper, Rfc4648{hex_upper, "base16upper", true}},
    {Base::base32, Rfc4648{b32_lower, "base32", true}},
    {Base::base32upper, Rfc4648{b32_upper, "base32upper", true}},
    {Base::base32pad, Rfc4648{b32_lower, "base32pad", true, Padding::required}},
    {Base::base32padupper, Rfc4648{b32_upper, "base32padupper", true, Padding::required}},
    {Base::base32hex, Rfc4648{b32hex_lower, "base32hex", true}},
    {Base::base32hexupper, Rfc4648{b32hex_upper, "base32hexupper", true}},
    {Base::base32hexpad, Rfc4648{b32hex_lower, "base32hexpad", true, Padding::required}},
    {Base::base32hexpadupper, Rfc4648{b32hex_upper, "base32hexpadupper", true, Padding::required}},
    {Base::base36, BaseX{b36_lower, "base36", true}},
    {Base::base36upper, BaseX{b36_upper, "base36upper", true}},
    {Base::base58btc, BaseX{b58_btc, "base58btc"}},
    {Base::base58flickr, BaseX{b58_flickr, "base58flickr"}},
    {Base::base64, Rfc4648{b64, "base64"}},
    {Base::base64pad, Rfc4648{b64, "base64pad", false, Padding::required}},
    {Base::base64url, Rfc4648{b64_url, "base64url"}},
    {Base::base64urlpad, Rfc4648{b64_url, "base64urlpad", false, Padding::required}},
};

const Entry& entry(Base base) {
  for (const auto& e : entries) {
    if (e.base == base) return e;
  }
  return entries[0];  // unreachable: every enumerator has an entry
}

}  // namespace

std::optional<Base> base_of(char prefix) {
  for (const auto& e : entries) {
    if (static_cast<char>(e.base) == prefix) return e.base;
  }
  return std::nullopt;
}

std::string_view name(Base base) {
  return std::visit([](const auto& codec) { return codec.name; }, entry(base).codec);
}

std::optional<Base> base_named(std::string_view base_name) {
  for (const auto& e : entries) {
    if (name(e.base) == base_name) return e.base;
  }
  return std::nullopt;
}

std::string encode_bare(Base base, BytesView data) {
  return std::visit(
      [&](const auto& codec) {
        if constexpr (std::is_same_v<std::decay_t<decltype(codec)>, Rfc4648>) {
          return detail::rfc4648_encode(codec, data);
        } else {
          return detail::encode_bignum(codec, data);
        }
      },
      entry(base).codec);
}

Result<Bytes> decode_bare(Base base, std::string_view text) {
  return std::visit(
      [&](const auto& codec) {
        if constexpr (std::is_same_v<std::decay_t<decltype(codec)>, Rfc4648>) {
          return detail::rfc4648_decode(codec, text);
        } else {
          return detail::decode_bignum(codec, text);
        }
      },
      entry(base).codec);
}

std::string encode(Base base, BytesView data) { return static_cast<char>(base) + encode_bare(base, data); }

Result<Bytes> decode(std::string_view text) {
  if (text.empty()) return Error(Errc::bad_base, "empty multibase text: no prefix");
  auto base = base_of(text[0]);
  if (!base) {
    auto c = static_cast<unsigned char>(text[0]);
    auto shown = c >= 0x20 && c < 0x7f ? "'" + std::string(1, text[0]) + "'" : "byte " + std::to_string(c);
    return Error(Errc::bad_base, "unknown or unsupported multibase prefix " + shown);
  }
  return decode_bare(*base, text.substr(1));
}

}  // namespace libp2p::multiformats::multibase
