#include "libp2p/transport/tcp.hpp"
#include "transport_conformance.hpp"

namespace libp2p::transport::conformance {
namespace {

struct TcpTraits {
  static std::unique_ptr<RawTransport> make(asio::any_io_executor executor) {
    return std::make_unique<TcpTransport>(std::move(executor));
  }
  static std::string listen_address() { return "/ip4/127.0.0.1/tcp/0"; }
};

}  // namespace

INSTANTIATE_TYPED_TEST_SUITE_P(Tcp, TransportConformance, ::testing::Types<TcpTraits>);

}  // namespace libp2p::transport::conformance
