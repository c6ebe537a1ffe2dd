#include "libp2p/security/tls/tls_transport.hpp"
#include "security_conformance.hpp"

namespace libp2p::security::conformance {
namespace {

struct TlsTraits {
  static std::unique_ptr<SecurityTransport> make(crypto::KeyPair identity, std::vector<std::string> muxers) {
    return std::make_unique<tls::TlsTransport>(std::move(identity), std::move(muxers));
  }
};

}  // namespace

INSTANTIATE_TYPED_TEST_SUITE_P(Tls, SecurityConformance, ::testing::Types<TlsTraits>);

}  // namespace libp2p::security::conformance
