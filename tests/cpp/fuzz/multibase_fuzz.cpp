// Fuzzes multibase decoding: never crashes; decoded text re-encodes to the same
// text (up to case where the base ignores case) and the same bytes; and the
// input as bytes survives a round trip through every base.
#include "libp2p/multiformats/multibase.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>

namespace {

using namespace libp2p;
using namespace libp2p::multiformats::multibase;

bool ignores_case(Base base) {
  auto n = name(base);
  return n.starts_with("base16") || n.starts_with("base32") || n.starts_with("base36");
}

bool same_text(Base base, std::string_view a, std::string_view b) {
  if (!ignores_case(base)) return a == b;
  return std::ranges::equal(a, b, [](char x, char y) { return std::tolower(x) == std::tolower(y); });
}

constexpr Base all_bases[] = {Base::base16,         Base::base16upper,       Base::base32,      Base::base32upper,
                              Base::base32pad,      Base::base32padupper,    Base::base32hex,   Base::base32hexupper,
                              Base::base32hexpad,   Base::base32hexpadupper, Base::base36,      Base::base36upper,
                              Base::base58btc,      Base::base58flickr,      Base::base64,      Base::base64pad,
                              Base::base64url,      Base::base64urlpad};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const BytesView input{data, size};
  const auto text = as_string(input);
  if (auto decoded = decode(text)) {
    const Base base = base_of(text[0]).value();
    const auto again = encode(base, *decoded);
    if (!same_text(base, again, text)) std::abort();
    if (decode(again).value() != *decoded) std::abort();
  }
  for (auto base : all_bases) {
    if (!equal(decode(encode(base, input)).value(), input)) std::abort();
  }
  return 0;
}
