// Fuzzes signed-envelope parsing: never crashes; a decoded envelope encodes
// to bytes that decode to the same envelope; verification never crashes.
#include "libp2p/peer/envelope.hpp"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace libp2p;
  using libp2p::peer::Envelope;
  const BytesView input{data, size};
  if (auto envelope = Envelope::decode(input)) {
    const auto encoded = envelope->encode();
    auto again = Envelope::decode(encoded);
    if (!again || !(*again == *envelope) || again->encode() != encoded) std::abort();
    (void)envelope->verify("libp2p-peer-record");
  }
  (void)Envelope::open(input, "libp2p-peer-record", Bytes{0x03, 0x01});
  return 0;
}
