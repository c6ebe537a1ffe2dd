#include "libp2p/muxer/mplex/mplex.hpp"

#include "conformance/muxer_conformance.hpp"

namespace libp2p::muxer::conformance {

// mplex has no flow control: a reader that falls behind has its stream reset.
template <>
inline constexpr bool has_flow_control<mplex::Mplex> = false;

INSTANTIATE_TYPED_TEST_SUITE_P(Mplex, MuxerConformance, ::testing::Types<mplex::Mplex>);

}  // namespace libp2p::muxer::conformance
