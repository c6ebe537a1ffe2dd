#include "libp2p/muxer/yamux/yamux.hpp"
#include "muxer_conformance.hpp"

namespace libp2p::muxer::conformance {

// The suite runs its io_context until no work is left, and a pending
// keep-alive timer is work: these sessions run without keep-alive (the yamux
// unit tests cover it).
struct YamuxWithoutKeepalive : yamux::Yamux {
  YamuxWithoutKeepalive() : yamux::Yamux(yamux::Config{.keepalive_interval = {}}) {}
};

INSTANTIATE_TYPED_TEST_SUITE_P(Yamux, MuxerConformance, ::testing::Types<YamuxWithoutKeepalive>);

}  // namespace libp2p::muxer::conformance
