#include "conformance/security_conformance.hpp"
#include "libp2p/security/noise/noise_transport.hpp"

namespace libp2p::security::conformance {
namespace {

struct NoiseTraits {
  static std::unique_ptr<SecurityTransport> make(crypto::KeyPair identity, std::vector<std::string> muxers) {
    return std::make_unique<noise::NoiseTransport>(std::move(identity), std::move(muxers));
  }
};

}  // namespace

INSTANTIATE_TYPED_TEST_SUITE_P(Noise, SecurityConformance, ::testing::Types<NoiseTraits>);

}  // namespace libp2p::security::conformance
