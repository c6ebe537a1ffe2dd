#include "io/detail/spare_buffers.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace libp2p::io::detail {
namespace {

TEST(SpareBuffers, GivesBackWhatWasGivenOfTheSameSize) {
  Buffer a = take_buffer(1000);
  std::uint8_t* const at = a.get();
  give_buffer(std::move(a), 1000);
  Buffer other = take_buffer(2000);  // another size: not that one
  EXPECT_NE(other.get(), at);
  Buffer again = take_buffer(1000);
  EXPECT_EQ(again.get(), at);
  give_buffer(std::move(other), 2000);
  give_buffer(std::move(again), 1000);
}

TEST(SpareBuffers, KeepsTheLastFewGiven) {
  std::vector<Buffer> many;
  for (int i = 0; i < 20; ++i) many.push_back(take_buffer(3000));
  std::vector<std::uint8_t*> given;
  for (auto& b : many) {
    given.push_back(b.get());
    give_buffer(std::move(b), 3000);
  }
  // The first ones given are kept (the rest went back to malloc), and come
  // back last in, first out.
  std::vector<Buffer> back;
  for (int i = 7; i >= 0; --i) {
    back.push_back(take_buffer(3000));
    EXPECT_EQ(back.back().get(), given[static_cast<std::size_t>(i)]);
  }
}

}  // namespace
}  // namespace libp2p::io::detail
