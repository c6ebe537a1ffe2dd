#include "libp2p/muxer/mplex/config.hpp"

#include "libp2p/muxer/mplex/errc.hpp"
#include "libp2p/muxer/mplex/mplex.hpp"

#include <gtest/gtest.h>

namespace libp2p::mplex {
namespace {

TEST(Config, DefaultsAreValid) {
  const Config c;
  EXPECT_TRUE(c.validate());
  EXPECT_EQ(c.max_stream_buffer, 4u << 20);
  EXPECT_EQ(c.max_inbound_streams, 1024u);
  EXPECT_EQ(c.max_outbound_streams, 1024u);
  EXPECT_EQ(c.max_message_size, 1u << 20);
  EXPECT_EQ(Mplex().protocol_id(), "/mplex/6.7.0");
}

TEST(Config, NamesTheFieldOutOfRange) {
  auto check = [](Config c, std::string_view field) {
    auto r = c.validate();
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, Errc::bad_config);
    EXPECT_NE(r.error().message.find(field), std::string::npos) << r.error().message;
  };
  check(Config{.max_stream_buffer = 0}, "max_stream_buffer");
  check(Config{.max_inbound_streams = 0}, "max_inbound_streams");
  check(Config{.max_outbound_streams = 0}, "max_outbound_streams");
  check(Config{.max_stream_buffer = 1000, .max_message_size = 1001}, "max_message_size");
  check(Config{.split_send_size = 0}, "split_send_size");
  check(Config{.split_send_size = (1 << 20) + 1}, "split_send_size");
  check(Config{.split_send_size = 1000, .max_write_batch = 999}, "max_write_batch");
}

TEST(Config, MplexRefusesAnInvalidConfig) {
  EXPECT_THROW(Mplex(Config{.max_inbound_streams = 0}), Exception);
}

}  // namespace
}  // namespace libp2p::mplex
