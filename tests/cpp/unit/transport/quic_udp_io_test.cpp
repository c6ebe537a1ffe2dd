// The QUIC endpoint's UDP calls: bursts gathered by the GSO rule, and
// datagrams that arrive as they were sent, with the offloads and without.

#include "transport/quic/detail/udp_io.hpp"

#include <boost/asio/io_context.hpp>

#include <gtest/gtest.h>

#include <poll.h>

namespace libp2p::transport::quic::detail {
namespace {

using boost::asio::ip::udp;

Bytes filled(std::size_t n, std::uint8_t value) { return Bytes(n, value); }

TEST(QuicBurst, GathersSegmentsOfOneSizeAndEndsAtAShorterOne) {
  Burst b;
  EXPECT_TRUE(b.empty());
  const auto full = filled(1200, 1);
  b.add(full);
  EXPECT_TRUE(b.fits(1200));
  EXPECT_TRUE(b.fits(300));
  EXPECT_FALSE(b.fits(1201));  // only the last segment may differ, and only shorter
  b.add(full);
  b.add(filled(300, 2));
  EXPECT_FALSE(b.fits(300));  // a shorter segment was the last
  EXPECT_EQ(b.segment(), 1200u);
  EXPECT_EQ(b.data().size(), 2700u);
  EXPECT_EQ(b.data()[2699], 2);
  b.clear();
  EXPECT_TRUE(b.empty());
  EXPECT_TRUE(b.fits(1500));
}

TEST(QuicBurst, HoldsAtMostTheSegmentsAndBytesOfOneSend) {
  Burst small;
  for (std::size_t i = 0; i < max_gso_segments; ++i) {
    ASSERT_TRUE(small.fits(100));
    small.add(filled(100, 0));
  }
  EXPECT_FALSE(small.fits(100));
  Burst large;
  std::size_t n = 0;
  while (large.fits(1452)) {
    large.add(filled(1452, 0));
    ++n;
  }
  EXPECT_EQ(n, max_udp_payload / 1452);
}

class QuicUdpIo : public testing::TestWithParam<bool> {};

// Six datagrams in one burst arrive as six, in order, whole.
TEST_P(QuicUdpIo, DatagramsOfABurstArriveAsSent) {
  boost::asio::io_context io;
  udp::socket sender(io, udp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0));
  udp::socket receiver(io, udp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0));
  sender.non_blocking(true);
  receiver.non_blocking(true);
  UdpIo out(sender.native_handle(), GetParam()), in(receiver.native_handle(), GetParam());

  Burst burst;
  std::vector<Bytes> sent;
  for (std::uint8_t i = 0; i < 5; ++i) sent.push_back(filled(1000, i));
  sent.push_back(filled(300, 9));
  for (const auto& p : sent) burst.add(p);
  const auto r = out.send(burst.data(), burst.segment(), receiver.local_endpoint());
  ASSERT_FALSE(r.error) << r.error.message();
  EXPECT_EQ(r.bytes, 5300u);

  std::vector<Bytes> got;
  std::vector<std::uint8_t> buffer(65536);
  while (got.size() < sent.size()) {
    pollfd p{receiver.native_handle(), POLLIN, 0};
    ASSERT_EQ(::poll(&p, 1, 10'000), 1);  // a bound for a broken kernel, not a wait for timing
    const auto d = in.receive(buffer);
    if (d.error == boost::asio::error::would_block) continue;
    ASSERT_FALSE(d.error) << d.error.message();
    EXPECT_EQ(d.from, sender.local_endpoint());
    for (std::size_t offset = 0; offset < d.size; offset += d.segment)
      got.emplace_back(buffer.begin() + offset, buffer.begin() + offset + std::min(d.segment, d.size - offset));
  }
  EXPECT_EQ(got, sent);
}

INSTANTIATE_TEST_SUITE_P(Offload, QuicUdpIo, testing::Bool(),
                         [](const auto& info) { return info.param ? "WithOffloads" : "PacketByPacket"; });

}  // namespace
}  // namespace libp2p::transport::quic::detail
