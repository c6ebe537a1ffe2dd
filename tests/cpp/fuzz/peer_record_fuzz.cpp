// Fuzzes peer-record parsing, from a protobuf and from an envelope: never
// crashes; a parsed record encodes to bytes that parse to the same record.
#include "libp2p/peer/peer_record.hpp"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace libp2p;
  using libp2p::peer::PeerRecord;
  const BytesView input{data, size};
  if (auto record = PeerRecord::from_protobuf(input)) {
    const auto encoded = record->to_protobuf();
    auto again = PeerRecord::from_protobuf(encoded);
    if (!again || !(*again == *record) || again->to_protobuf() != encoded) std::abort();
  }
  (void)PeerRecord::open(input);
  return 0;
}
