#include "libp2p/multiformats/multiaddr.hpp"

#include "libp2p/multiformats/errc.hpp"
#include "libp2p/multiformats/multibase.hpp"
#include "libp2p/multiformats/varint.hpp"

#include <gtest/gtest.h>

#include <sstream>
#include <unordered_set>

namespace libp2p::multiformats {
namespace {

using Code = Protocol::Code;
using multibase::to_hex;

Bytes hex(std::string_view text) { return multibase::from_hex(text).value(); }

Multiaddr parse(std::string_view text) { return Multiaddr::from_string(text).value(); }

// The garlic64 destination of go-multiaddr's multiaddr_test.go.
const std::string G =
    "jT~IyXaoauTni6N4517EG8mrFUKpy0IlgZh-EY9csMAk82Odatmzr~YTZy8Hv7u~wvkg75EFNOyqb~nAPg-khyp2TS~ObUz8WlqYAM2VlEzJ7wJB91P-cUlKF18zSzVoJFmsrcQHZCirSbWoOknS6iNmsGRh5KVZsBEfp1Dg3gwTipTRIx7Vl5Vy~1OSKQVjYiGZS9q8RL0MF~7xFiKxZDLbPxk0AK9TzGGqm~wMTI2HS0Gm4Ycy8LYPVmLvGonIBYndg2bJC7WLuF6tVjVquiokSVDKFwq70BCUU5AU-EvdOD5KEOAM7mPfw-gJUG4tm1TtvcobrObqoRnmhXPTBTN5H7qDD12AvlwFGnfAlBXjuP4xOUAISL5SRLiulrsMSiT4GcugSI80mF6sdB0zWRgL1yyvoVWeTBn1TqjO27alr95DGTluuSqrNAxgpQzCKEWAyzrQkBfo2avGAmmz2NaHaAvYbOg0QSJz1PLjv2jdPW~ofiQmrGWM1cd~1cCqAAAA";

// go-multiaddr multiaddr_test.go, TestConstructFails: every case, in order
// (the go list repeats some garlic64 cases; they are kept).
const std::string construct_fails[] = {
    "/ip4",
    "/ip4/::1",
    "/ip4/fdpsofodsajfdoisa",
    "/ip4/::/ipcidr/256",
    "/ip6/::/ipcidr/1026",
    "/ip6",
    "/ip6zone",
    "/ip6zone/",
    "/ip6zone//ip6/fe80::1",
    "/udp",
    "/tcp",
    "/sctp",
    "/udp/65536",
    "/tcp/65536",
    "/quic/65536",
    "/quic-v1/65536",
    "/onion/9imaq4ygg2iegci7:80",
    "/onion/aaimaq4ygg2iegci7:80",
    "/onion/timaq4ygg2iegci7:0",
    "/onion/timaq4ygg2iegci7:-1",
    "/onion/timaq4ygg2iegci7",
    "/onion/timaq4ygg2iegci@:666",
    "/onion3/9ww6ybal4bd7szmgncyruucpgfkqahzddi37ktceo3ah7ngmcopnpyyd:80",
    "/onion3/vww6ybal4bd7szmgncyruucpgfkqahzddi37ktceo3ah7ngmcopnpyyd7:80",
    "/onion3/vww6ybal4bd7szmgncyruucpgfkqahzddi37ktceo3ah7ngmcopnpyyd:0",
    "/onion3/vww6ybal4bd7szmgncyruucpgfkqahzddi37ktceo3ah7ngmcopnpyyd:-1",
    "/onion3/vww6ybal4bd7szmgncyruucpgfkqahzddi37ktceo3ah7ngmcopnpyyd",
    "/onion3/vww6ybal4bd7szmgncyruucpgfkqahzddi37ktceo3ah7ngmcopnpyy@:666",
    "/garlic64/" + G + "7:80",
    "/garlic64/" + G + ":0",
    "/garlic64/" + G + ":0",
    "/garlic64/" + G + ":-1",
    "/garlic64/" + G + "@:666",
    "/garlic64/" + G + "7:80",
    "/garlic64/" + G + ":0",
    "/garlic64/" + G + ":0",
    "/garlic64/" + G + ":-1",
    "/garlic64/" + G + "@:666",
    "/garlic32/566niximlxdzpanmn4qouucvua3k7neniwss47li5r6ugoertzu",
    "/garlic32/566niximlxdzpanmn4qouucvua3k7neniwss47li5r6ugoertzu77",
    "/garlic32/566niximlxdzpanmn4qouucvua3k7neniwss47li5r6ugoertzu:80",
    "/garlic32/566niximlxdzpanmn4qouucvua3k7neniwss47li5r6ugoertzuq:-1",
    "/garlic32/566niximlxdzpanmn4qouucvua3k7neniwss47li5r6ugoertzu@",
    "/udp/1234/sctp",
    "/udp/1234/udt/1234",
    "/udp/1234/utp/1234",
    "/ip4/127.0.0.1/udp/jfodsajfidosajfoidsa",
    "/ip4/127.0.0.1/udp",
    "/ip4/127.0.0.1/tcp/jfodsajfidosajfoidsa",
    "/ip4/127.0.0.1/tcp",
    "/ip4/127.0.0.1/quic/1234",
    "/ip4/127.0.0.1/quic-v1/1234",
    "/ip4/127.0.0.1/udp/1234/quic-v1/webtransport/certhash",
    "/ip4/127.0.0.1/udp/1234/quic-v1/webtransport/certhash/b2uaraocy6yrdblb4sfptaddgimjmmp",  // 1 character missing from certhash
    "/ip4/127.0.0.1/ipfs",
    "/ip4/127.0.0.1/ipfs/tcp",
    "/ip4/127.0.0.1/p2p",
    "/ip4/127.0.0.1/p2p/tcp",
    "/unix",
    "/ip4/1.2.3.4/tcp/80/unix",
    "/ip4/1.2.3.4/tcp/-1",
    "/ip4/127.0.0.1/tcp/9090/http/p2p-webcrt-direct",
    "/memory/92233720368547758081",  // fmt.Sprintf("/memory/%d1", uint64(1<<63))
    "/",
    "",
    "/p2p/QmxoHT6iViN5xAjoz1VZ553cL31U9F94ht3QvWR1FrEbZY",  // sha256 multihash with digest len > 32
};

// go-multiaddr multiaddr_test.go, the `good` list of TestConstructSucceeds.
const std::string construct_succeeds[] = {
    "/ip4/1.2.3.4",
    "/ip4/0.0.0.0",
    "/ip4/192.0.2.0/ipcidr/24",
    "/ip6/::1",
    "/ip6/2601:9:4f81:9700:803e:ca65:66e8:c21",
    "/ip6/2601:9:4f81:9700:803e:ca65:66e8:c21/udp/1234/quic",
    "/ip6/2601:9:4f81:9700:803e:ca65:66e8:c21/udp/1234/quic-v1",
    "/ip6/2001:db8::/ipcidr/32",
    "/ip6zone/x/ip6/fe80::1",
    "/ip6zone/x%y/ip6/fe80::1",
    "/ip6zone/x%y/ip6/::",
    "/ip6zone/x/ip6/fe80::1/udp/1234/quic",
    "/ip6zone/x/ip6/fe80::1/udp/1234/quic-v1",
    "/onion/timaq4ygg2iegci7:1234",
    "/onion/timaq4ygg2iegci7:80/http",
    "/onion3/vww6ybal4bd7szmgncyruucpgfkqahzddi37ktceo3ah7ngmcopnpyyd:1234",
    "/onion3/vww6ybal4bd7szmgncyruucpgfkqahzddi37ktceo3ah7ngmcopnpyyd:80/http",
    "/garlic64/" + G,
    "/garlic64/" + G + "/http",
    "/garlic64/" + G + "/udp/8080",
    "/garlic64/" + G + "/tcp/8080",
    "/garlic32/566niximlxdzpanmn4qouucvua3k7neniwss47li5r6ugoertzuq",
    "/garlic32/566niximlxdzpanmn4qouucvua3k7neniwss47li5r6ugoertzuqzwas",
    "/garlic32/566niximlxdzpanmn4qouucvua3k7neniwss47li5r6ugoertzuqzwassw",
    "/garlic32/566niximlxdzpanmn4qouucvua3k7neniwss47li5r6ugoertzuq/http",
    "/garlic32/566niximlxdzpanmn4qouucvua3k7neniwss47li5r6ugoertzuq/tcp/8080",
    "/garlic32/566niximlxdzpanmn4qouucvua3k7neniwss47li5r6ugoertzuq/udp/8080",
    "/udp/0",
    "/tcp/0",
    "/sctp/0",
    "/udp/1234",
    "/tcp/1234",
    "/sctp/1234",
    "/udp/65535",
    "/tcp/65535",
    "/ipfs/QmcgpsyWgH8Y8ajJz1Cu72KnS5uo2Aa2LpzU7kinSupNKC",
    "/ipfs/k2k4r8oqamigqdo6o7hsbfwd45y70oyynp98usk7zmyfrzpqxh1pohl7",
    "/p2p/QmcgpsyWgH8Y8ajJz1Cu72KnS5uo2Aa2LpzU7kinSupNKC",
    "/p2p/k2k4r8oqamigqdo6o7hsbfwd45y70oyynp98usk7zmyfrzpqxh1pohl7",
    "/p2p/bafzbeigvf25ytwc3akrijfecaotc74udrhcxzh2cx3we5qqnw5vgrei4bm",
    "/p2p/12D3KooWCryG7Mon9orvQxcS1rYZjotPgpwoJNHHKcLLfE4Hf5mV",
    "/p2p/k51qzi5uqu5dhb6l8spkdx7yxafegfkee5by8h7lmjh2ehc2sgg34z7c15vzqs",
    "/p2p/bafzaajaiaejcalj543iwv2d7pkjt7ykvefrkfu7qjfi6sduakhso4lay6abn2d5u",
    "/udp/1234/sctp/1234",
    "/udp/1234/udt",
    "/udp/1234/utp",
    "/tcp/1234/http",
    "/tcp/1234/tls/http",
    "/tcp/1234/https",
    "/ipfs/QmcgpsyWgH8Y8ajJz1Cu72KnS5uo2Aa2LpzU7kinSupNKC/tcp/1234",
    "/ipfs/k2k4r8oqamigqdo6o7hsbfwd45y70oyynp98usk7zmyfrzpqxh1pohl7/tcp/1234",
    "/p2p/QmcgpsyWgH8Y8ajJz1Cu72KnS5uo2Aa2LpzU7kinSupNKC/tcp/1234",
    "/p2p/k2k4r8oqamigqdo6o7hsbfwd45y70oyynp98usk7zmyfrzpqxh1pohl7/tcp/1234",
    "/ip4/127.0.0.1/udp/1234",
    "/ip4/127.0.0.1/udp/0",
    "/ip4/127.0.0.1/tcp/1234",
    "/ip4/127.0.0.1/tcp/1234/",
    "/ip4/127.0.0.1/udp/1234/quic",
    "/ip4/127.0.0.1/udp/1234/quic-v1",
    "/ip4/127.0.0.1/udp/1234/quic-v1/webtransport",
    "/ip4/127.0.0.1/udp/1234/quic-v1/webtransport/certhash/b2uaraocy6yrdblb4sfptaddgimjmmpy",
    "/ip4/127.0.0.1/udp/1234/quic-v1/webtransport/certhash/b2uaraocy6yrdblb4sfptaddgimjmmpy/certhash/zQmbWTwYGcmdyK9CYfNBcfs9nhZs17a6FQ4Y8oea278xx41",
    "/ip4/127.0.0.1/ipfs/QmcgpsyWgH8Y8ajJz1Cu72KnS5uo2Aa2LpzU7kinSupNKC",
    "/ip4/127.0.0.1/ipfs/QmcgpsyWgH8Y8ajJz1Cu72KnS5uo2Aa2LpzU7kinSupNKC/tcp/1234",
    "/ip4/127.0.0.1/ipfs/k2k4r8oqamigqdo6o7hsbfwd45y70oyynp98usk7zmyfrzpqxh1pohl7",
    "/ip4/127.0.0.1/ipfs/k2k4r8oqamigqdo6o7hsbfwd45y70oyynp98usk7zmyfrzpqxh1pohl7/tcp/1234",
    "/ip4/127.0.0.1/p2p/QmcgpsyWgH8Y8ajJz1Cu72KnS5uo2Aa2LpzU7kinSupNKC",
    "/ip4/127.0.0.1/p2p/QmcgpsyWgH8Y8ajJz1Cu72KnS5uo2Aa2LpzU7kinSupNKC/tcp/1234",
    "/ip4/127.0.0.1/p2p/k2k4r8oqamigqdo6o7hsbfwd45y70oyynp98usk7zmyfrzpqxh1pohl7",
    "/ip4/127.0.0.1/p2p/k2k4r8oqamigqdo6o7hsbfwd45y70oyynp98usk7zmyfrzpqxh1pohl7/tcp/1234",
    "/unix/a/b/c/d/e",
    "/unix/stdio",
    "/ip4/1.2.3.4/tcp/80/unix/a/b/c/d/e/f",
    "/ip4/127.0.0.1/ipfs/QmcgpsyWgH8Y8ajJz1Cu72KnS5uo2Aa2LpzU7kinSupNKC/tcp/1234/unix/stdio",
    "/ip4/127.0.0.1/ipfs/k2k4r8oqamigqdo6o7hsbfwd45y70oyynp98usk7zmyfrzpqxh1pohl7/tcp/1234/unix/stdio",
    "/ip4/127.0.0.1/p2p/QmcgpsyWgH8Y8ajJz1Cu72KnS5uo2Aa2LpzU7kinSupNKC/tcp/1234/unix/stdio",
    "/ip4/127.0.0.1/p2p/k2k4r8oqamigqdo6o7hsbfwd45y70oyynp98usk7zmyfrzpqxh1pohl7/tcp/1234/unix/stdio",
    "/ip4/127.0.0.1/tcp/9090/http/p2p-webrtc-direct",
    "/ip4/127.0.0.1/tcp/127/ws",
    "/ip4/127.0.0.1/tcp/127/ws",
    "/ip4/127.0.0.1/tcp/127/tls",
    "/ip4/127.0.0.1/tcp/127/tls/ws",
    "/ip4/127.0.0.1/tcp/127/noise",
    "/ip4/127.0.0.1/tcp/127/wss",
    "/ip4/127.0.0.1/tcp/127/wss",
    "/ip4/127.0.0.1/tcp/127/webrtc-direct",
    "/ip4/127.0.0.1/tcp/127/webrtc",
    "/http-path/tmp%2Fbar",
    "/http-path/tmp%2Fbar%2Fbaz",
    "/http-path/foo",
    "/ip4/127.0.0.1/tcp/0/p2p/12D3KooWCryG7Mon9orvQxcS1rYZjotPgpwoJNHHKcLLfE4Hf5mV/http-path/foo",
    "/ip4/127.0.0.1/tcp/443/tls/sni/example.com/http/http-path/foo",
    "/memory/4",
};

TEST(Multiaddr, GoConstructFails) {
  for (const auto& text : construct_fails) {
    auto r = Multiaddr::from_string(text);
    ASSERT_FALSE(r) << text << " parsed as " << r->to_string();
    EXPECT_EQ(r.error().code, Errc::bad_multiaddr) << text;
  }
  EXPECT_EQ(std::size(construct_fails), 66u);
}

// The canonical text of a `good` address: how go-multiaddr prints it back.
std::string canonical(std::string text) {
  const std::pair<std::string_view, std::string_view> rewrites[] = {
      {"/ipfs/", "/p2p/"},
      // PeerIds given as CIDs print as base58btc multihashes.
      {"k2k4r8oqamigqdo6o7hsbfwd45y70oyynp98usk7zmyfrzpqxh1pohl7", "QmcgpsyWgH8Y8ajJz1Cu72KnS5uo2Aa2LpzU7kinSupNKC"},
      {"bafzbeigvf25ytwc3akrijfecaotc74udrhcxzh2cx3we5qqnw5vgrei4bm", "QmcgpsyWgH8Y8ajJz1Cu72KnS5uo2Aa2LpzU7kinSupNKC"},
      {"k51qzi5uqu5dhb6l8spkdx7yxafegfkee5by8h7lmjh2ehc2sgg34z7c15vzqs",
       "12D3KooWCryG7Mon9orvQxcS1rYZjotPgpwoJNHHKcLLfE4Hf5mV"},
      {"bafzaajaiaejcalj543iwv2d7pkjt7ykvefrkfu7qjfi6sduakhso4lay6abn2d5u",
       "12D3KooWCryG7Mon9orvQxcS1rYZjotPgpwoJNHHKcLLfE4Hf5mV"},
      // certhash prints in base64url.
      {"b2uaraocy6yrdblb4sfptaddgimjmmpy", "u1QEQOFj2IjCsPJFfMAxmQxLGPw"},
      {"zQmbWTwYGcmdyK9CYfNBcfs9nhZs17a6FQ4Y8oea278xx41", "uEiDDq4_xNyDorZBH3TlGazyJdOWSwvo4PUo5YHFMrvDE8g"},
      // Stray bits after the last byte (which go ignores) print as zeros.
      {"ertzuqzwassw", "ertzuqzwassu"},
  };
  for (auto [from, to] : rewrites) {
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
      text.replace(at, from.size(), to);
  }
  while (text.size() > 1 && text.back() == '/') text.pop_back();
  return text;
}

TEST(Multiaddr, GoConstructSucceeds) {
  for (const auto& text : construct_succeeds) {
    auto a = Multiaddr::from_string(text);
    ASSERT_TRUE(a) << text << ": " << a.error().what();
    EXPECT_EQ(a->to_string(), canonical(text));
    // Both round trips of go's FuzzNewMultiaddr*: bytes and text.
    EXPECT_EQ(Multiaddr::from_bytes(a->bytes()).value(), *a) << text;
    EXPECT_EQ(Multiaddr::from_string(a->to_string()).value(), *a) << text;
  }
  EXPECT_EQ(std::size(construct_succeeds), 93u);
}

// TestEmptyMultiaddr, and "" / "/" (TestConstructFails, TestReturnsNilOnEmpty).
TEST(Multiaddr, GoEmpty) {
  EXPECT_FALSE(Multiaddr::from_bytes({}));
  EXPECT_FALSE(Multiaddr::from_string(""));
  EXPECT_FALSE(Multiaddr::from_string("/"));
  EXPECT_FALSE(Multiaddr::from_string("///"));
  Multiaddr empty;
  EXPECT_TRUE(empty.empty());
  EXPECT_EQ(empty.to_string(), "");
  EXPECT_TRUE(empty.components().empty());
  EXPECT_TRUE(empty.protocols().empty());
}

// TestStringToBytes and TestBytesToString (the same pairs), TestBinaryRepresentation.
TEST(Multiaddr, GoStringToBytesAndBack) {
  const struct {
    std::string text;
    std::string hex;
  } cases[] = {
      {"/ip4/127.0.0.1/udp/1234", "047f000001910204d2"},
      {"/ip4/127.0.0.1/tcp/4321", "047f0000010610e1"},
      {"/ip4/127.0.0.1/udp/1234/ip4/127.0.0.1/tcp/4321", "047f000001910204d2047f0000010610e1"},
      {"/onion/aaimaq4ygg2iegci:80", "bc030010c0439831b48218480050"},
      {"/onion3/vww6ybal4bd7szmgncyruucpgfkqahzddi37ktceo3ah7ngmcopnpyyd:1234",
       "bd03adadec040be047f9658668b11a504f3155001f231a37f54c4476c07fb4cc139ed7e30304d2"},
      {"/garlic64/" + G,
       "be0383038d3fc8c976a86ae4e78ba378e75ec41bc9ab1542a9cb422581987e118f5cb0c024f3639d6ad9b3aff613672f07bfbbbfc2f920ef91"
       "0534ecaa6ff9c03e0fa4872a764d2fce6d4cfc5a5a9800cd95944cc9ef0241f753fe71494a175f334b35682459acadc4076428ab49b5a83a49"
       "d2ea2366b06461e4a559b0111fa750e0de0c138a94d1231ed5979572ff53922905636221994bdabc44bd0c17fef11622b16432db3f193400af"
       "53cc61aa9bfc0c4c8d874b41a6e18732f0b60f5662ef1a89c80589dd8366c90bb58bb85ead56356aba2a244950ca170abbd01094539014f84b"
       "dd383e4a10e00cee63dfc3e809506e2d9b54edbdca1bace6eaa119e68573d30533791fba830f5d80be5c051a77c09415e3b8fe3139400848be"
       "5244b8ae96bb0c4a24f819cba0488f34985eac741d3359180bd72cafa1559e4c19f54ea8cedbb6a5afde4319396eb92aab340c60a50cc22845"
       "80cb3ad09017e8d9abc60269b3d8d687680bd86ce834412273d4f2e3bf68dd3d6fe87e2426ac658cd5c77fd5c0aa000000"},
      {"/garlic32/566niximlxdzpanmn4qouucvua3k7neniwss47li5r6ugoertzuq",
       "bf0320efbcd45d0c5dc79781ac6f20ea5055a036afb48d45a52e7d68ec7d4338919e69"},
  };
  for (const auto& c : cases) {
    auto a = Multiaddr::from_string(c.text);
    ASSERT_TRUE(a) << c.text << ": " << a.error().what();
    EXPECT_EQ(to_hex(a->bytes()), c.hex) << c.text;
    auto b = Multiaddr::from_bytes(hex(c.hex));
    ASSERT_TRUE(b) << c.hex << ": " << b.error().what();
    EXPECT_EQ(b->to_string(), c.text);
  }
  EXPECT_EQ(to_hex(parse("/ip4/127.0.0.1/udp/1234").bytes()), "047f000001910204d2");
}

// TestRoundTrip: text that prints back exactly.
TEST(Multiaddr, GoRoundTrip) {
  for (std::string_view text : {
           "/unix/a/b/c/d",
           "/ip6/::ffff:127.0.0.1/tcp/111",
           "/ip4/127.0.0.1/tcp/123",
           "/ip4/127.0.0.1/tcp/123/tls",
           "/ip4/127.0.0.1/udp/123",
           "/ip4/127.0.0.1/udp/123/ip6/::",
           "/ip4/127.0.0.1/udp/1234/quic-v1/webtransport/certhash/uEiDDq4_xNyDorZBH3TlGazyJdOWSwvo4PUo5YHFMrvDE8g",
           "/p2p/QmbHVEEepCi7rn7VL7Exxpd2Ci9NNB6ifvqwhsrbRMgQFP",
           "/p2p/QmbHVEEepCi7rn7VL7Exxpd2Ci9NNB6ifvqwhsrbRMgQFP/unix/a/b/c",
           "/http-path/tmp%2Fbar",
       }) {
    auto a = Multiaddr::from_string(text);
    ASSERT_TRUE(a) << text << ": " << a.error().what();
    EXPECT_EQ(a->to_string(), text);
  }
}

// TestIPFSvP2P.
TEST(Multiaddr, GoIpfsIsP2p) {
  const auto p2p = "/p2p/QmbHVEEepCi7rn7VL7Exxpd2Ci9NNB6ifvqwhsrbRMgQFP";
  EXPECT_EQ(parse(p2p).to_string(), p2p);
  EXPECT_EQ(parse("/ipfs/QmbHVEEepCi7rn7VL7Exxpd2Ci9NNB6ifvqwhsrbRMgQFP").to_string(), p2p);
}

// TestInvalidP2PAddrBytes and TestInvalidP2PAddrString.
TEST(Multiaddr, GoInvalidP2p) {
  EXPECT_FALSE(Multiaddr::from_bytes(hex("a503221221c05877cbae039d70a5e600ea02c6f9f2942439285c9e344e26f8d280c850fad6")));
  for (std::string_view text : {
           "/p2p/k2k4r8oqamigqdo6o7hsbfwd45y70oyynp98usk7zmyfrzpqxh1pohl-",  // invalid multibase encoding
           "/p2p/?unknownmultibase",                                         // invalid multibase encoding
           "/p2p/k2jmtxwoe2phm1hbqp0e7nufqf6umvuu2e9qd7ana7h411a0haqj6i2z",  // non-libp2p-key codec
           // cid.NewCidV1(mh.MD5, sha2-256("test")).String(): an impossible codec
           "/p2p/bahkqcerat6dnbamijr6wlgrp5kqmkwwqcwr36ty3fmfyelgrlvwblmhqbiea",
       }) {
    EXPECT_FALSE(Multiaddr::from_string(text)) << text;
  }
}

// TestZone.
TEST(Multiaddr, GoZone) {
  const Bytes bytes{0x2a, 4, 'e', 't', 'h', '0', 0x29, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
  EXPECT_EQ(to_hex(parse("/ip6zone/eth0/ip6/::1").bytes()), to_hex(bytes));
  EXPECT_EQ(Multiaddr::from_bytes(bytes).value().to_string(), "/ip6zone/eth0/ip6/::1");
}

// TestDNS: these raw bytes are /dns6 with a 42-byte name.
TEST(Multiaddr, GoDns) {
  auto a = Multiaddr::from_bytes(to_bytes("7*000000000000000000000000000000000000000000"));
  ASSERT_TRUE(a) << a.error().what();
  EXPECT_EQ(parse(a->to_string()), *a);
  EXPECT_EQ(a->to_string(), "/dns6/000000000000000000000000000000000000000000");
}

// TestHTTPPath.
TEST(Multiaddr, GoHttpPath) {
  EXPECT_FALSE(Multiaddr::from_string("/http-path/thisIsMissingAfullByte%f"));
  auto a = parse("/http-path/tmp%2Fbar/p2p-circuit");
  EXPECT_EQ(a.value_for(Code::http_path), "tmp%2Fbar");
  for (std::string_view text : {
           "/http-path/tmp%2Fbar",
           "/http-path/tmp%2Fbar%2Fbaz",
           "/http-path/foo",
           "/ip4/127.0.0.1/tcp/0/p2p/12D3KooWCryG7Mon9orvQxcS1rYZjotPgpwoJNHHKcLLfE4Hf5mV/http-path/foo",
           "/ip4/127.0.0.1/tcp/443/tls/sni/example.com/http/http-path/foo",
       }) {
    EXPECT_EQ(parse(text).to_string(), text);
  }
  auto b = parse("/http-path/tmp%2Fbar");
  EXPECT_EQ(b.value_for(Code::http_path), "tmp%2Fbar");
  EXPECT_EQ(as_string(b.components().back().value_bytes()), "tmp/bar");
}

// TestEqual.
TEST(Multiaddr, GoEqual) {
  auto m1 = parse("/ip4/127.0.0.1/udp/1234");
  auto m2 = parse("/ip4/127.0.0.1/tcp/1234");
  auto m3 = parse("/ip4/127.0.0.1/tcp/1234");
  auto m4 = parse("/ip4/127.0.0.1/tcp/1234/");
  EXPECT_NE(m1, m2);
  EXPECT_EQ(m2, m3);
  EXPECT_EQ(m1, m1);
  EXPECT_EQ(m2, m4);
  EXPECT_EQ(m4, m3);
  EXPECT_EQ(std::hash<Multiaddr>{}(m2), std::hash<Multiaddr>{}(m4));
}

// TestBytesSplitAndJoin.
TEST(Multiaddr, GoSplitIntoComponents) {
  const struct {
    std::string_view text;
    std::vector<std::string_view> components;
  } cases[] = {
      {"/ip4/1.2.3.4/udp/1234", {"/ip4/1.2.3.4", "/udp/1234"}},
      {"/ip4/1.2.3.4/tcp/1/ip4/2.3.4.5/udp/2", {"/ip4/1.2.3.4", "/tcp/1", "/ip4/2.3.4.5", "/udp/2"}},
      {"/ip4/1.2.3.4/utp/ip4/2.3.4.5/udp/2/udt", {"/ip4/1.2.3.4", "/utp", "/ip4/2.3.4.5", "/udp/2", "/udt"}},
  };
  for (const auto& c : cases) {
    auto a = parse(c.text);
    auto components = a.components();
    ASSERT_EQ(components.size(), c.components.size());
    Bytes joined;
    for (std::size_t i = 0; i < components.size(); ++i) {
      EXPECT_EQ(components[i].to_string(), c.components[i]);
      append(joined, components[i].bytes());
    }
    EXPECT_EQ(Multiaddr::from_bytes(joined).value(), a);
  }
}

// TestProtocols.
TEST(Multiaddr, GoProtocols) {
  auto ps = parse("/ip4/127.0.0.1/udp/1234").protocols();
  ASSERT_EQ(ps.size(), 2u);
  EXPECT_EQ(ps[0].code, Code::ip4);
  EXPECT_EQ(ps[1].code, Code::udp);
  EXPECT_EQ(ps[1].name, "udp");
}

// TestEncapsulate and TestDecapsulateComment.
TEST(Multiaddr, GoEncapsulate) {
  auto m = parse("/ip4/127.0.0.1/udp/1234");
  auto b = m.encapsulate(parse("/udp/5678")).value();
  EXPECT_EQ(b.to_string(), "/ip4/127.0.0.1/udp/1234/udp/5678");
  auto c = b.decapsulate(parse("/udp/5678"));
  EXPECT_EQ(c.to_string(), "/ip4/127.0.0.1/udp/1234");
  EXPECT_TRUE(c.decapsulate(parse("/ip4/127.0.0.1")).empty());

  auto d = parse("/ip4/1.2.3.4/tcp/80");
  EXPECT_EQ(d.decapsulate(parse("/tcp/80")).to_string(), "/ip4/1.2.3.4");
  EXPECT_EQ(d.decapsulate(parse("/udp/80")), d);
  EXPECT_TRUE(d.decapsulate(parse("/ip4/1.2.3.4")).empty());
  EXPECT_EQ(d.decapsulate(Multiaddr()), d);  // "right is nil"
}

// TestDecapsulate: {left, right, expected}; "" is the empty address.
TEST(Multiaddr, GoDecapsulate) {
  const struct {
    std::string_view left, right, expected;
  } cases[] = {
      {"/ip4/1.2.3.4/tcp/1234", "/ip4/1.2.3.4", ""},
      {"/ip4/1.2.3.4", "/ip4/1.2.3.4/tcp/1234", "/ip4/1.2.3.4"},
      {"/ip4/1.2.3.5/tcp/1234", "/ip4/5.3.2.1", "/ip4/1.2.3.5/tcp/1234"},
      {"/ip4/1.2.3.5/udp/1234/quic-v1", "/udp/1234", "/ip4/1.2.3.5"},
      {"/ip4/1.2.3.6/udp/1234/quic-v1", "/udp/1234/quic-v1", "/ip4/1.2.3.6"},
      {"/ip4/1.2.3.7/tcp/1234", "/ws", "/ip4/1.2.3.7/tcp/1234"},
      {"/dnsaddr/wss.com/tcp/4001", "/ws", "/dnsaddr/wss.com/tcp/4001"},
      {"/dnsaddr/wss.com/tcp/4001/ws", "/wss", "/dnsaddr/wss.com/tcp/4001/ws"},
      {"/dnsaddr/wss.com/ws", "/wss", "/dnsaddr/wss.com/ws"},
      {"/dnsaddr/wss.com/ws", "/dnsaddr/wss.com", ""},
      {"/dnsaddr/wss.com/tcp/4001/wss", "/wss", "/dnsaddr/wss.com/tcp/4001"},
  };
  for (const auto& c : cases) {
    auto left = parse(c.left);
    EXPECT_EQ(left.decapsulate(parse(c.right)).to_string(), c.expected) << c.left << " - " << c.right;
    // "Decapsulating with components": drop the last component, put it back.
    auto components = left.components();
    auto last = Multiaddr::from_bytes(components.back().bytes()).value();
    auto but_last = left.decapsulate(last);
    EXPECT_EQ(but_last.encapsulate(last).value().to_string(), c.left);
  }
}

// TestGetValue.
TEST(Multiaddr, GoValueForProtocol) {
  auto a = parse("/ip4/127.0.0.1/utp/tcp/5555/udp/1234/tls/utp/ipfs/QmbHVEEepCi7rn7VL7Exxpd2Ci9NNB6ifvqwhsrbRMgQFP");
  EXPECT_EQ(a.value_for(Code::ip4), "127.0.0.1");
  EXPECT_EQ(a.value_for(Code::utp), "");
  EXPECT_EQ(a.value_for(Code::tls), "");
  EXPECT_EQ(a.value_for(Code::tcp), "5555");
  EXPECT_EQ(a.value_for(Code::udp), "1234");
  EXPECT_EQ(a.value_for("ipfs"), "QmbHVEEepCi7rn7VL7Exxpd2Ci9NNB6ifvqwhsrbRMgQFP");
  EXPECT_EQ(a.value_for(Code::p2p), "QmbHVEEepCi7rn7VL7Exxpd2Ci9NNB6ifvqwhsrbRMgQFP");
  EXPECT_EQ(a.value_for(Code::ip6), std::nullopt);
  EXPECT_EQ(a.value_for("nonsense"), std::nullopt);

  EXPECT_EQ(parse("/ip4/0.0.0.0").value_for(Code::ip4), "0.0.0.0");
  EXPECT_EQ(parse("/ip4/0.0.0.0/ip4/0.0.0.0/ip4/0.0.0.0").value_for(Code::ip4), "0.0.0.0");
  auto b = parse("/ip4/0.0.0.0/udp/12345/utp");
  EXPECT_EQ(b.value_for(Code::udp), "12345");
  EXPECT_EQ(b.value_for(Code::utp), "");
  auto c = parse("/ip4/0.0.0.0/unix/a/b/c/d");
  EXPECT_EQ(c.value_for(Code::ip4), "0.0.0.0");
  EXPECT_EQ(c.value_for(Code::unix), "/a/b/c/d");
}

// The multiaddr repo's test/multiaddr.feature: both scenarios, every column
// of the components table.
TEST(Multiaddr, FeatureFile) {
  struct Row {
    std::string_view string;
    std::size_t string_size;
    std::string_view packed;
    std::size_t packed_size;
    std::string_view value;
    std::size_t value_size;
    std::string_view protocol;
    Code codec;
    std::string_view uvarint;
    std::string_view length_prefix;
    std::string_view raw_value;
  };
  const Row rows[] = {
      {"/ip4/192.0.2.42", 15, "04c000022a", 5, "192.0.2.42", 4, "ip4", Code::ip4, "04", "", "c000022a"},
      {"/tcp/443", 8, "0601bb", 3, "443", 2, "tcp", Code::tcp, "06", "", "01bb"},
  };
  auto check = [&](const Multiaddr& a) {
    EXPECT_EQ(to_hex(a.bytes()), "04c000022a0601bb");
    EXPECT_EQ(a.bytes().size(), 8u);
    EXPECT_EQ(a.to_string(), "/ip4/192.0.2.42/tcp/443");
    EXPECT_EQ(a.to_string().size(), 23u);
    auto components = a.components();
    ASSERT_EQ(components.size(), std::size(rows));
    for (std::size_t i = 0; i < components.size(); ++i) {
      const auto& c = components[i];
      const auto& r = rows[i];
      EXPECT_EQ(c.to_string(), r.string);
      EXPECT_EQ(c.to_string().size(), r.string_size);
      EXPECT_EQ(to_hex(c.bytes()), r.packed);
      EXPECT_EQ(c.bytes().size(), r.packed_size);
      EXPECT_EQ(c.value(), r.value);
      EXPECT_EQ(c.value_bytes().size(), r.value_size);
      EXPECT_EQ(c.name(), r.protocol);
      EXPECT_EQ(c.code(), r.codec);
      EXPECT_EQ(to_hex(varint::encode(static_cast<std::uint64_t>(c.code())).view()), r.uvarint);
      EXPECT_EQ(r.length_prefix, "");  // fixed-size values have none
      EXPECT_EQ(to_hex(c.value_bytes()), r.raw_value);
    }
  };
  check(parse("/ip4/192.0.2.42/tcp/443"));                          // Scenario: Simple string form
  check(Multiaddr::from_bytes(hex("04c000022a0601bb")).value());    // Scenario: Simple packed form
}

// Error messages name the component and say why.
TEST(Multiaddr, ErrorMessages) {
  const struct {
    std::string_view text, message;
  } cases[] = {
      {"/tcp/99999", "/tcp/99999: port out of range 0..65535"},
      {"/ip4/1.2.3", "/ip4/1.2.3: invalid IPv4 address: fewer than four IPv4 fields"},
      {"/foo", "unknown protocol \"foo\""},
      {"/ip4/1.2.3.4/foo/1", "unknown protocol \"foo\""},
      {"/ip4", "/ip4: missing value"},
      {"ip4/1.2.3.4", "multiaddr \"ip4/1.2.3.4\" does not begin with '/'"},
      {"", "empty multiaddr"},
      {"/tcp/x1", "/tcp/x1: invalid port: not a decimal number"},
      {"/dns//tcp/1", "/dns/: empty value"},
      {"/ip6/1::2::3", "/ip6/1::2::3: invalid IPv6 address: more than one \"::\""},
      {"/p2p/QmxoHT6iViN5xAjoz1VZ553cL31U9F94ht3QvWR1FrEbZY",
       "/p2p/QmxoHT6iViN5xAjoz1VZ553cL31U9F94ht3QvWR1FrEbZY: invalid PeerId: multihash: sha2-256 digest of 33 bytes, "
       "expected 32"},
  };
  for (const auto& c : cases) {
    auto r = Multiaddr::from_string(c.text);
    ASSERT_FALSE(r) << c.text;
    EXPECT_EQ(r.error().message, c.message);
    EXPECT_EQ(r.error().code, Errc::bad_multiaddr);
  }
}

// Binary input that is not a multiaddr.
TEST(Multiaddr, RejectsMalformedBytes) {
  const struct {
    std::string_view hex, message;
  } cases[] = {
      {"047f0000", "component 1: /ip4: value of 4 bytes, only 3 left"},
      {"047f000001", ""},  // fine: one component
      {"047f00000106", "component 2: /tcp: value of 2 bytes, only 0 left"},
      {"ff01", "component 1: unknown protocol code 255"},
      {"80", "component 1: protocol code: input ends inside a value"},
      {"8000", "component 1: protocol code: varint not minimally encoded"},
      {"3500", "component 1: /dns: empty value"},
      {"3505616263", "component 1: /dns: value of 5 bytes, only 3 left"},
      {"35032f6263", "component 1: /dns: value contains '/'"},
      {"9003032f612f", "component 1: /unix: path must not end with '/'"},
      {"9003022f61060001", "component 2: /tcp after the path component /unix"},
      {"a503020000", ""},  // identity PeerId of nothing: accepted, as go does
      {"a50304d5010100", "component 1: /p2p: invalid PeerId: multihash: unknown or unsupported hash function 0xd5"},
      {"d2030100", "component 1: /certhash: invalid multihash size: input ends inside a value"},
      {"d20303000000", "component 1: /certhash: multihash digest of 1 bytes, its header says 0"},
      {"bc030000000000000000000000000000", "component 1: /onion: onion port must be 1..65535"},
      {"e1030100", ""},  // http-path of one NUL byte: printed %00
  };
  for (const auto& c : cases) {
    auto r = Multiaddr::from_bytes(hex(c.hex));
    if (c.message.empty()) {
      ASSERT_TRUE(r) << c.hex << ": " << r.error().what();
      EXPECT_EQ(parse(r->to_string()), *r) << c.hex;
    } else {
      ASSERT_FALSE(r) << c.hex;
      EXPECT_EQ(r.error().message, c.message) << c.hex;
    }
  }
}

// RFC 5952 text for IPv6, Go's reading of IP text.
TEST(Multiaddr, IpText) {
  const struct {
    std::string_view in, out;
  } cases[] = {
      {"/ip6/2001:0db8:0000:0000:0000:0000:0000:0001", "/ip6/2001:db8::1"},
      {"/ip6/2001:DB8::1", "/ip6/2001:db8::1"},
      {"/ip6/2001:db8:0:0:1:0:0:1", "/ip6/2001:db8::1:0:0:1"},   // the first of equal runs
      {"/ip6/2001:0:0:1:0:0:0:1", "/ip6/2001:0:0:1::1"},         // the longest run
      {"/ip6/2001:db8:0:1:1:1:1:1", "/ip6/2001:db8:0:1:1:1:1:1"}, // no "::" for one field
      {"/ip6/0:0:0:0:0:0:0:0", "/ip6/::"},
      {"/ip6/1:0:0:0:0:0:0:0", "/ip6/1::"},
      {"/ip6/::ffff:1.2.3.4", "/ip6/::ffff:1.2.3.4"},
      {"/ip6/::ffff:102:304", "/ip6/::ffff:1.2.3.4"},
      {"/ip6/::1.2.3.4", "/ip6/::102:304"},
      {"/ip6/1.2.3.4", "/ip6/::ffff:1.2.3.4"},   // Go's ParseIP reads IPv4 text as IPv4-mapped
      {"/ip4/::ffff:1.2.3.4", "/ip4/1.2.3.4"},   // and To4 takes IPv4-mapped text as IPv4
      {"/ip4/255.255.255.255", "/ip4/255.255.255.255"},
  };
  for (const auto& c : cases) {
    auto a = Multiaddr::from_string(c.in);
    ASSERT_TRUE(a) << c.in << ": " << a.error().what();
    EXPECT_EQ(a->to_string(), c.out);
  }
  for (std::string_view bad : {"/ip4/01.2.3.4", "/ip4/1.2.3.256", "/ip4/1.2.3.4.5", "/ip4/1..2.3", "/ip4/1.2.3.",
                               "/ip4/::1", "/ip4/1.2.3.4%eth0", "/ip6/fe80::1%eth0", "/ip6/1:2:3:4:5:6:7:8:9",
                               "/ip6/1:2:3:4:5:6:7", "/ip6/12345::", "/ip6/:1::", "/ip6/1::2:", "/ip6/1:2:3:4:5:6:7::8",
                               "/ip6/::1.2.3", "/ip6/1:2:3:4:5:6:1.2.3.4:1", "/ip6/1:2:3:4:5:1.2.3.4", "/ip6/::g"}) {
    EXPECT_FALSE(Multiaddr::from_string(bad)) << bad;
  }
  EXPECT_TRUE(Multiaddr::from_string("/ip6/1:2:3:4:5:6:1.2.3.4"));
  EXPECT_TRUE(Multiaddr::from_string("/ip6/1::1.2.3.4"));
}

TEST(Multiaddr, NumbersAndMemory) {
  EXPECT_EQ(parse("/tcp/0080").to_string(), "/tcp/80");  // Go's ParseUint allows leading zeros
  EXPECT_FALSE(Multiaddr::from_string("/tcp/+80"));
  EXPECT_FALSE(Multiaddr::from_string("/tcp/65536"));
  EXPECT_EQ(to_hex(parse("/memory/4").bytes()), "8906" "0000000000000004");
  EXPECT_EQ(parse("/memory/18446744073709551615").to_string(), "/memory/18446744073709551615");
  EXPECT_FALSE(Multiaddr::from_string("/memory/18446744073709551616"));
  EXPECT_EQ(parse("/ip4/10.0.0.0/ipcidr/255").to_string(), "/ip4/10.0.0.0/ipcidr/255");
}

TEST(Multiaddr, HttpPathEscaping) {
  auto a = parse("/http-path/a+b%20c%2f~-_.%C3%A9");
  EXPECT_EQ(as_string(a.components()[0].value_bytes()), "a b c/~-_.\xc3\xa9");
  EXPECT_EQ(a.to_string(), "/http-path/a+b+c%2F~-_.%C3%A9");
}

TEST(Multiaddr, UnixTakesTheRest) {
  auto a = parse("/ip4/1.2.3.4/unix/tmp/p2p/ip4/sock/");
  EXPECT_EQ(a.components().size(), 2u);
  EXPECT_EQ(a.value_for(Code::unix), "/tmp/p2p/ip4/sock");
  EXPECT_EQ(a.to_string(), "/ip4/1.2.3.4/unix/tmp/p2p/ip4/sock");
  auto b = parse("/unix//x");  // an empty path segment is kept
  EXPECT_EQ(b.to_string(), "/unix//x");
  auto e = a.encapsulate(parse("/tcp/1"));
  ASSERT_FALSE(e);
  EXPECT_NE(e.error().message.find("after the path component /unix"), std::string::npos);
}

TEST(Multiaddr, Bounds) {
  std::string text;
  while (text.size() + 12 <= Multiaddr::max_text_size) text += "/p2p-circuit";
  auto r = Multiaddr::from_string(text);  // 1365 components of 2 bytes: too many bytes
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("more than 1024"), std::string::npos);
  EXPECT_FALSE(Multiaddr::from_string(std::string(Multiaddr::max_text_size + 1, '/')));
  EXPECT_FALSE(Multiaddr::from_bytes(Bytes(Multiaddr::max_size + 1, 0x06)));

  // The largest binary address, and its text, which parses back.
  Bytes largest;
  while (largest.size() + 2 <= Multiaddr::max_size) append(largest, hex("9402"));  // /p2p-webrtc-direct
  auto a = Multiaddr::from_bytes(largest);
  ASSERT_TRUE(a) << a.error().what();
  EXPECT_LE(a->to_string().size(), Multiaddr::max_text_size);
  EXPECT_EQ(parse(a->to_string()), *a);

  auto big = parse("/dns/" + std::string(600, 'a'));
  EXPECT_FALSE(big.encapsulate(big));
}

TEST(Multiaddr, ComponentsAndStreaming) {
  auto a = parse("/ip4/1.2.3.4/tcp/4001/p2p/QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N");
  std::vector<std::pair<std::string, std::string>> pairs;
  for (const auto& c : a) pairs.emplace_back(c.name(), c.value());
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"ip4", "1.2.3.4"}, {"tcp", "4001"}, {"p2p", "QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N"}};
  EXPECT_EQ(pairs, expected);
  EXPECT_EQ(to_hex(a.components()[1].value_bytes()), "0fa1");
  std::ostringstream out;
  out << a << " " << a.components()[0];
  EXPECT_EQ(out.str(), a.to_string() + " /ip4/1.2.3.4");
  std::unordered_set<Multiaddr> set{a, parse("/ip4/1.2.3.4/tcp/4001/p2p/QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N")};
  EXPECT_EQ(set.size(), 1u);
  EXPECT_EQ(Protocol::by_name("ipfs"), Protocol::by_name("p2p"));
  EXPECT_EQ(Protocol::by_code(421)->name, "p2p");
  EXPECT_EQ(Protocol::by_code(479), nullptr);  // p2p-websocket-star: in protocols.csv, not in go
}

TEST(Multiaddr, CerthashInAnyBase) {
  auto a = parse("/certhash/bciqmhk4p6e3sb2fnsbd52okgnm6is5hfslbpuob5ji4wa4kmv3ymj4q");
  EXPECT_EQ(a.to_string(), "/certhash/uEiDDq4_xNyDorZBH3TlGazyJdOWSwvo4PUo5YHFMrvDE8g");
  EXPECT_FALSE(Multiaddr::from_string("/certhash/uAA"));  // one byte: no multihash
}

}  // namespace
}  // namespace libp2p::multiformats
