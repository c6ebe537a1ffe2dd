#include "libp2p/transport/memory.hpp"
#include "transport_conformance.hpp"

namespace libp2p::transport::conformance {
namespace {

struct MemoryTraits {
  static std::unique_ptr<RawTransport> make(asio::any_io_executor executor) {
    return std::make_unique<MemoryTransport>(std::move(executor), std::make_shared<MemoryHub>());
  }
  static std::string listen_address() { return "/memory/0"; }
};

}  // namespace

INSTANTIATE_TYPED_TEST_SUITE_P(Memory, TransportConformance, ::testing::Types<MemoryTraits>);

}  // namespace libp2p::transport::conformance
