#include "libp2p/muxer/yamux/flow_control.hpp"

#include "libp2p/muxer/yamux/frame.hpp"

#include <gtest/gtest.h>

#include <limits>

namespace libp2p::yamux {
namespace {

using namespace std::chrono_literals;

constexpr std::uint32_t KiB = 1024;
constexpr std::uint32_t MiB = 1024 * KiB;
const Clock::time_point t0{};

TEST(YamuxSendWindow, StartsAtTheSpecsWindowAndRejectsOverflow) {
  SendWindow w;
  EXPECT_EQ(w.available(), 256 * KiB);
  w.consume(100 * KiB);
  EXPECT_EQ(w.available(), 156 * KiB);
  EXPECT_TRUE(w.grant(100 * KiB));
  EXPECT_EQ(w.available(), 256 * KiB);
  EXPECT_TRUE(w.grant(std::numeric_limits<std::uint32_t>::max() - 256 * KiB));
  EXPECT_FALSE(w.grant(1));
  EXPECT_EQ(w.available(), std::numeric_limits<std::uint32_t>::max());
}

TEST(YamuxReceiveWindow, RejectsDataBeyondTheCredit) {
  ConnectionWindow budget(64 * MiB);
  ReceiveWindow w(budget, 16 * MiB, t0);
  EXPECT_EQ(w.credit(), 256 * KiB);
  EXPECT_TRUE(w.consume(256 * KiB - 1));
  EXPECT_FALSE(w.consume(2));
  EXPECT_TRUE(w.consume(1));
  EXPECT_FALSE(w.consume(1));
  EXPECT_EQ(w.credit(), 0u);
}

TEST(YamuxReceiveWindow, UpdatesOnceHalfTheWindowIsRead) {
  ConnectionWindow budget(64 * MiB);
  ReceiveWindow w(budget, 16 * MiB, t0);
  ASSERT_TRUE(w.consume(200 * KiB));
  // 200 KiB received, 100 KiB of them still buffered: 100 KiB read, less than half.
  EXPECT_FALSE(w.update_due(100 * KiB));
  EXPECT_EQ(w.next_update(100 * KiB, t0 + 1s, std::nullopt), 0u);
  // 128 KiB read: due; the update returns exactly what was read.
  EXPECT_TRUE(w.update_due(72 * KiB));
  EXPECT_EQ(w.next_update(72 * KiB, t0 + 1s, std::nullopt), 128 * KiB);
  EXPECT_EQ(w.credit(), 56 * KiB + 128 * KiB);
  // Unread data plus credit never exceed the window.
  EXPECT_EQ(w.credit() + 72 * KiB, w.window());
}

TEST(YamuxReceiveWindow, NoRoundTripNoGrowth) {
  ConnectionWindow budget(64 * MiB);
  ReceiveWindow w(budget, 16 * MiB, t0);
  for (int i = 1; i <= 10; ++i) {
    ASSERT_TRUE(w.consume(w.credit()));
    EXPECT_EQ(w.next_update(0, t0 + i * 1us, std::nullopt), 256 * KiB);
  }
  EXPECT_EQ(w.window(), 256 * KiB);
}

TEST(YamuxReceiveWindow, DoublesWhenHalfIsUsedWithinTwoRoundTripsUpToTheMaximum) {
  ConnectionWindow budget(64 * MiB);
  ReceiveWindow w(budget, 16 * MiB, t0);
  const auto rtt = 10ms;
  auto now = t0;
  std::uint32_t expected = 256 * KiB;
  for (int i = 0; i < 10; ++i) {
    ASSERT_TRUE(w.consume(w.credit()));
    now += 19ms;  // faster than 2 x rtt
    const std::uint32_t delta = w.next_update(0, now, rtt);
    expected = std::min(2 * expected, 16 * MiB);
    EXPECT_EQ(w.window(), expected) << "round " << i;
    EXPECT_EQ(delta, expected) << "everything read is returned, plus the growth";
    EXPECT_EQ(w.credit(), expected);
  }
  EXPECT_EQ(w.window(), 16 * MiB);
  EXPECT_EQ(budget.used(), 16 * MiB);
}

TEST(YamuxReceiveWindow, KeepsItsSizeWhenTheRemoteIsSlowerThanTwoRoundTrips) {
  ConnectionWindow budget(64 * MiB);
  ReceiveWindow w(budget, 16 * MiB, t0);
  ASSERT_TRUE(w.consume(256 * KiB));
  EXPECT_EQ(w.next_update(0, t0 + 20ms, 10ms), 256 * KiB);  // exactly 2 x rtt: not faster
  EXPECT_EQ(w.window(), 256 * KiB);
  ASSERT_TRUE(w.consume(256 * KiB));
  EXPECT_EQ(w.next_update(0, t0 + 39ms, 10ms), 512 * KiB);  // 19 ms after the last update
  EXPECT_EQ(w.window(), 512 * KiB);
}

TEST(YamuxReceiveWindow, TheConnectionBudgetBoundsGrowthButNotTheInitialWindow) {
  ConnectionWindow budget(1 * MiB);
  ReceiveWindow a(budget, 16 * MiB, t0);
  ReceiveWindow b(budget, 16 * MiB, t0);
  EXPECT_EQ(budget.used(), 512 * KiB);
  ASSERT_TRUE(a.consume(256 * KiB));
  a.next_update(0, t0 + 1ms, 10ms);
  EXPECT_EQ(a.window(), 512 * KiB);
  ASSERT_TRUE(a.consume(512 * KiB));
  a.next_update(0, t0 + 2ms, 10ms);  // wants 1 MiB, only 256 KiB are left
  EXPECT_EQ(a.window(), 768 * KiB);
  EXPECT_EQ(budget.used(), 1 * MiB);
  ASSERT_TRUE(b.consume(256 * KiB));
  b.next_update(0, t0 + 1ms, 10ms);
  EXPECT_EQ(b.window(), 256 * KiB) << "nothing left to grow into";
  {
    ReceiveWindow c(budget, 16 * MiB, t0);  // beyond the budget: still gets its initial window
    EXPECT_EQ(c.credit(), 256 * KiB);
    EXPECT_EQ(budget.used(), 1 * MiB + 256 * KiB);
  }
  EXPECT_EQ(budget.used(), 1 * MiB);
}

TEST(YamuxReceiveWindow, OpensToTheConfiguredInitialWindow) {
  ConnectionWindow budget(64 * MiB);
  ReceiveWindow w(budget, 16 * MiB, t0);
  EXPECT_EQ(w.open(1 * MiB), 768 * KiB);  // announced on SYN/ACK
  EXPECT_EQ(w.window(), 1 * MiB);
  EXPECT_EQ(w.credit(), 1 * MiB);
  EXPECT_EQ(w.open(256 * KiB), 0u);
  EXPECT_EQ(budget.used(), 1 * MiB);
}

}  // namespace
}  // namespace libp2p::yamux
