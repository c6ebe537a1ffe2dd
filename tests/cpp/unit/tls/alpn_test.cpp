#include "libp2p/security/tls/alpn.hpp"

#include <gtest/gtest.h>

namespace libp2p::tls {
namespace {

const std::vector<std::string> yamux_mplex{"/yamux/1.0.0", "/mplex/6.7.0"};
const std::vector<std::string> mplex_only{"/mplex/6.7.0"};
const std::vector<std::string> none{};

Bytes wire(const std::vector<std::string>& protocols) {
  Bytes out;
  for (const auto& p : protocols) {
    out.push_back(static_cast<std::uint8_t>(p.size()));
    append(out, as_bytes(p));
  }
  return out;
}

TEST(TlsAlpn, OffersTheMuxersThenLibp2p) {
  // connections/inlined-muxer-negotiation.md: [ "/yamux/1.0.0", "/mplex/6.7.0", "libp2p" ]
  EXPECT_EQ(encode_alpn(yamux_mplex).value(), wire({"/yamux/1.0.0", "/mplex/6.7.0", "libp2p"}));
  EXPECT_EQ(encode_alpn(none).value(), wire({"libp2p"}));
}

TEST(TlsAlpn, RefusesMuxerIdsThatCannotBeAlpnProtocols) {
  const std::vector<std::string> empty_id{""};
  const std::vector<std::string> libp2p_id{"libp2p"};
  const std::vector<std::string> long_id{std::string(256, 'x')};
  EXPECT_FALSE(encode_alpn(empty_id));
  EXPECT_FALSE(encode_alpn(libp2p_id));
  EXPECT_FALSE(encode_alpn(long_id));
  const std::vector<std::string> longest{std::string(255, 'x')};
  EXPECT_TRUE(encode_alpn(longest));
}

TEST(TlsAlpn, TheServerFollowsTheClientsPreference) {
  const Bytes offered = wire({"/yamux/1.0.0", "/mplex/6.7.0", "libp2p"});
  const std::vector<std::string> mplex_yamux{"/mplex/6.7.0", "/yamux/1.0.0"};
  EXPECT_EQ(select_alpn(offered, mplex_yamux), "/yamux/1.0.0");
  EXPECT_EQ(select_alpn(offered, mplex_only), "/mplex/6.7.0");
  // A server without muxers, or none in common: libp2p, then multistream-select.
  EXPECT_EQ(select_alpn(offered, none), "libp2p");
  const std::vector<std::string> other{"/other/1"};
  EXPECT_EQ(select_alpn(offered, other), "libp2p");
  // A client that knows only "libp2p" (rust-libp2p).
  EXPECT_EQ(select_alpn(wire({"libp2p"}), yamux_mplex), "libp2p");
}

TEST(TlsAlpn, NothingSupportedOrMalformed) {
  EXPECT_EQ(select_alpn(wire({"h2", "http/1.1"}), yamux_mplex), std::nullopt);
  EXPECT_EQ(select_alpn({}, yamux_mplex), std::nullopt);
  const Bytes truncated{7, 'l', 'i', 'b', 'p', '2', 'p'};
  EXPECT_EQ(select_alpn(truncated, none), std::nullopt);
  const Bytes empty_entry{0, 6, 'l', 'i', 'b', 'p', '2', 'p'};
  EXPECT_EQ(select_alpn(empty_entry, none), std::nullopt);
  // A prefix of a supported id is not that id.
  EXPECT_EQ(select_alpn(wire({"/yamux"}), yamux_mplex), std::nullopt);
}

TEST(TlsAlpn, EarlyMuxer) {
  EXPECT_EQ(early_muxer("/yamux/1.0.0"), std::optional<std::string>("/yamux/1.0.0"));
  EXPECT_EQ(early_muxer("libp2p"), std::nullopt);
  EXPECT_EQ(early_muxer(""), std::nullopt);
}

}  // namespace
}  // namespace libp2p::tls
