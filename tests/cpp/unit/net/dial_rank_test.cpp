#include "libp2p/net/swarm.hpp"

#include <gtest/gtest.h>

namespace libp2p::net {
namespace {

Multiaddr ma(std::string_view text) { return Multiaddr::from_string(text).value(); }

TEST(DialRank, QuicFirstThenTheRestInTheirOrder) {
  const std::vector<Multiaddr> given{ma("/ip4/1.2.3.4/tcp/4001"), ma("/ip4/1.2.3.4/udp/4001/quic-v1"),
                                     ma("/ip4/1.2.3.4/tcp/4002/ws"), ma("/ip6/::1/udp/4001/quic-v1"),
                                     ma("/memory/7")};
  const std::vector<Multiaddr> ranked{ma("/ip4/1.2.3.4/udp/4001/quic-v1"), ma("/ip6/::1/udp/4001/quic-v1"),
                                      ma("/ip4/1.2.3.4/tcp/4001"), ma("/ip4/1.2.3.4/tcp/4002/ws"), ma("/memory/7")};
  EXPECT_EQ(rank_dial_addresses(given), ranked);
}

TEST(DialRank, LeavesAddressesWithoutQuicAsTheyAre) {
  const std::vector<Multiaddr> given{ma("/ip4/1.2.3.4/tcp/2"), ma("/ip4/1.2.3.4/tcp/1")};
  EXPECT_EQ(rank_dial_addresses(given), given);
  EXPECT_TRUE(rank_dial_addresses({}).empty());
}

}  // namespace
}  // namespace libp2p::net
