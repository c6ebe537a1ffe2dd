#pragma once

// Test support: what ByteStream::readiness and wait_readable promise, checked
// on a connected pair of streams. `reader` must have nothing to read yet.

#include "libp2p/io/byte_stream.hpp"

#include <boost/asio/error.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>

#include <gtest/gtest.h>

namespace libp2p::test {

using Readiness = io::ByteStream::Readiness;

// Quiet until `writer` sends, ready once wait_readable() is past, quiet again
// when everything is read, ready at the end of stream.
inline asio::awaitable<void> check_readiness(io::ByteStream& reader, io::ByteStream& writer) {
  using namespace asio::experimental::awaitable_operators;
  EXPECT_EQ(reader.readiness(), Readiness::quiet);
  auto send = [&]() -> asio::awaitable<void> { EXPECT_TRUE(co_await io::write(writer, as_bytes("ping"))); };
  co_await (reader.wait_readable() && send());
  EXPECT_EQ(reader.readiness(), Readiness::ready);
  std::uint8_t got[4];
  EXPECT_TRUE(co_await io::read_exactly(reader, got));
  EXPECT_EQ(as_string(got), "ping");
  EXPECT_EQ(reader.readiness(), Readiness::quiet);
  auto finish = [&]() -> asio::awaitable<void> { EXPECT_TRUE(co_await writer.close_write()); };
  co_await (reader.wait_readable() && finish());
  EXPECT_EQ(reader.readiness(), Readiness::ready);
  auto end = co_await reader.read_some(asio::buffer(got));
  EXPECT_EQ(end.error().code, asio::error::eof);
}

}  // namespace libp2p::test
