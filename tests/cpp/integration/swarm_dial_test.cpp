// Dialing a peer whose addresses no transport takes: the dial ends at once,
// inside co_spawn, and the shared dial state must outlive it (found by the
// interop matrix: the error message came back as freed memory).

#include "libp2p/libp2p.hpp"
#include "libp2p/peer/peer_address.hpp"
#include "libp2p/transport/errc.hpp"

#include "support/run.hpp"

#include <boost/asio/io_context.hpp>

#include <gtest/gtest.h>

namespace libp2p {
namespace {

TEST(SwarmDial, NoDialableAddressFailsWithItsOwnMessage) {
  asio::io_context io;
  auto host = make_host(io.get_executor(), {}).value();
  const auto nobody = peer::PeerId::from_public_key(crypto::KeyPair::generate().value().public_key());
  const auto udp = multiformats::Multiaddr::from_string("/ip4/127.0.0.1/udp/5").value();
  test::run(io, [&]() -> asio::awaitable<void> {
    for (int i = 0; i < 3; ++i) {  // and again: nothing of the first dial lingers
      auto r = co_await host->connect(peer::with_peer_id(udp, nobody).value());
      EXPECT_FALSE(r);
      if (r) co_return;
      EXPECT_EQ(r.error().code, transport::Errc::unsupported_address);
      EXPECT_EQ(r.error().message, "no dialable address known for " + nobody.to_string());
    }
  }());
  host->close();
}

}  // namespace
}  // namespace libp2p
