// Fuzzes Multiaddr::from_string: never crashes; whatever parses prints
// canonical text that parses to the same bytes and prints identically, and its
// bytes parse back to the same address.
#include "libp2p/multiformats/multiaddr.hpp"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace libp2p;
  using namespace libp2p::multiformats;
  auto a = Multiaddr::from_string(as_string({data, size}));
  if (!a) return 0;
  if (a->empty() || a->bytes().size() > Multiaddr::max_size) std::abort();
  const auto text = a->to_string();
  if (text.size() > Multiaddr::max_text_size) std::abort();
  const auto again = Multiaddr::from_string(text).value();
  if (again != *a || again.to_string() != text) std::abort();
  if (Multiaddr::from_bytes(a->bytes()).value() != *a) std::abort();
  for (const auto& c : *a) {
    if (c.to_string().empty()) std::abort();
  }
  return 0;
}
