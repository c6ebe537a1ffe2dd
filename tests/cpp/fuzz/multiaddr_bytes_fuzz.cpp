// Fuzzes Multiaddr::from_bytes: never crashes; whatever parses keeps its exact
// bytes, prints text that parses back to the same bytes, and splits into
// components that join, encapsulate and decapsulate back to it.
#include "libp2p/multiformats/multiaddr.hpp"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace libp2p;
  using namespace libp2p::multiformats;
  auto a = Multiaddr::from_bytes({data, size});
  if (!a) return 0;
  if (!equal(a->bytes(), {data, size})) std::abort();
  const auto text = a->to_string();
  if (Multiaddr::from_string(text).value() != *a) std::abort();

  const auto components = a->components();
  if (components.empty() || a->protocols().size() != components.size()) std::abort();
  Bytes joined;
  for (const auto& c : components) {
    append(joined, c.bytes());
    if (!a->value_for(c.code()) && c.protocol().value != Protocol::Value::none) std::abort();
  }
  if (!equal(joined, a->bytes())) std::abort();

  const auto last = Multiaddr::from_bytes(components.back().bytes()).value();
  const auto rest = a->decapsulate(last);
  if (rest.encapsulate(last).value() != *a) std::abort();
  return 0;
}
