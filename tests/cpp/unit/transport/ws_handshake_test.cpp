#include "transport/detail/ws_handshake.hpp"

#include "libp2p/multiformats/multibase.hpp"

#include <gtest/gtest.h>

namespace libp2p::transport::detail::ws {
namespace {

// RFC 6455 §1.2 and §1.3.
constexpr std::string_view rfc_key = "dGhlIHNhbXBsZSBub25jZQ==";
constexpr std::string_view rfc_accept = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

std::string request(std::string_view fields) {
  return "GET /chat HTTP/1.1\r\nHost: server.example.com\r\n" + std::string(fields) + "\r\n";
}
constexpr std::string_view good_fields =
    "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
    "Origin: http://example.com\r\nSec-WebSocket-Protocol: chat, superchat\r\nSec-WebSocket-Version: 13\r\n";

TEST(WsHandshake, AcceptValueOfTheRfc) { EXPECT_EQ(accept_for(rfc_key), rfc_accept); }

TEST(WsHandshake, AnswersTheRfcRequest) {
  auto answer = answer_upgrade_request(request(good_fields));
  ASSERT_TRUE(answer.accepted) << answer.reason;
  EXPECT_TRUE(answer.response.starts_with("HTTP/1.1 101 Switching Protocols\r\n"));
  EXPECT_NE(answer.response.find("Sec-WebSocket-Accept: " + std::string(rfc_accept) + "\r\n"), std::string::npos);
  EXPECT_EQ(answer.response.find("Sec-WebSocket-Protocol"), std::string::npos);  // no subprotocol chosen
  EXPECT_TRUE(answer.response.ends_with("\r\n\r\n"));
}

TEST(WsHandshake, TakesTokenListsInAnyCase) {
  auto answer = answer_upgrade_request(request(
      "upgrade: WebSocket\r\nconnection: keep-alive, Upgrade\r\nsec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
      "sec-websocket-version: 13\r\n"));
  EXPECT_TRUE(answer.accepted) << answer.reason;
}

TEST(WsHandshake, RefusesBrokenRequestsSayingWhy) {
  struct Case {
    std::string head;
    std::string_view why;
  };
  const std::string key = "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n";
  const std::string upgrade = "Upgrade: websocket\r\nConnection: Upgrade\r\n";
  const std::vector<Case> cases{
      {"hello\r\n\r\n", "malformed HTTP request"},
      {"POST / HTTP/1.1\r\nHost: a\r\n" + upgrade + key + "Sec-WebSocket-Version: 13\r\n\r\n", "GET"},
      {"GET / HTTP/1.0\r\nHost: a\r\n" + upgrade + key + "Sec-WebSocket-Version: 13\r\n\r\n", "HTTP/1.1"},
      {"GET / HTTP/1.1\r\n" + upgrade + key + "Sec-WebSocket-Version: 13\r\n\r\n", "Host"},
      {request("Connection: Upgrade\r\n" + key + "Sec-WebSocket-Version: 13\r\n"), "Upgrade: websocket"},
      {request("Upgrade: websocket\r\nConnection: keep-alive\r\n" + key + "Sec-WebSocket-Version: 13\r\n"),
       "Connection: Upgrade"},
      {request(upgrade + "Sec-WebSocket-Key: c2hvcnQ=\r\nSec-WebSocket-Version: 13\r\n"), "16 bytes"},
      {request(upgrade + "Sec-WebSocket-Version: 13\r\n"), "16 bytes"},
      {request(upgrade + key + "Sec-WebSocket-Version: 13\r\nContent-Length: 5\r\n"), "body"},
  };
  for (const auto& c : cases) {
    auto answer = answer_upgrade_request(c.head);
    EXPECT_FALSE(answer.accepted) << c.head;
    EXPECT_NE(answer.reason.find(c.why), std::string::npos) << answer.reason;
    EXPECT_TRUE(answer.response.starts_with("HTTP/1.1 400 Bad Request\r\n")) << answer.response;
    EXPECT_TRUE(answer.response.ends_with(answer.reason + "\n")) << answer.response;
  }
}

TEST(WsHandshake, AsksForVersion13) {
  auto answer = answer_upgrade_request(request(
      "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
      "Sec-WebSocket-Version: 8\r\n"));
  EXPECT_FALSE(answer.accepted);
  EXPECT_TRUE(answer.response.starts_with("HTTP/1.1 426 Upgrade Required\r\n"));
  EXPECT_NE(answer.response.find("Sec-WebSocket-Version: 13\r\n"), std::string::npos);
}

TEST(WsHandshake, ChecksTheServersAnswer) {
  const std::string good = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                           "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n";
  EXPECT_TRUE(check_upgrade_response(good, rfc_key));
  auto wrong_key = check_upgrade_response(good, "AAAAAAAAAAAAAAAAAAAAAA==");
  ASSERT_FALSE(wrong_key);
  EXPECT_NE(wrong_key.error().message.find("Sec-WebSocket-Accept"), std::string::npos);
  auto not_found = check_upgrade_response("HTTP/1.1 404 Not Found\r\nContent-Length: 3\r\n\r\n", rfc_key);
  ASSERT_FALSE(not_found);
  EXPECT_NE(not_found.error().message.find("404 Not Found"), std::string::npos);
  const std::string with_extension = good.substr(0, good.size() - 2) + "Sec-WebSocket-Extensions: permessage-deflate\r\n\r\n";
  EXPECT_FALSE(check_upgrade_response(with_extension, rfc_key));
  EXPECT_FALSE(check_upgrade_response("HTTP/1.1 101 Switching Protocols\r\n\r\n", rfc_key));
  EXPECT_FALSE(check_upgrade_response("SSH-2.0-OpenSSH\r\n\r\n", rfc_key));
}

TEST(WsHandshake, OurRequestAndAnswerAgree) {
  const auto key = make_key();
  EXPECT_EQ(multiformats::multibase::decode_bare(multiformats::multibase::Base::base64pad, key).value().size(), 16u);
  EXPECT_NE(make_key(), key);
  const auto head = upgrade_request("[::1]:4001", key);
  EXPECT_NE(head.find("\r\nHost: [::1]:4001\r\n"), std::string::npos);
  auto answer = answer_upgrade_request(head);
  ASSERT_TRUE(answer.accepted) << answer.reason;
  EXPECT_TRUE(check_upgrade_response(answer.response, key));
}

TEST(WsHandshake, FindsTheEndOfAHead) {
  EXPECT_EQ(head_end(as_bytes("GET / HTTP/1.1\r\nHost: a\r\n\r\nframes")), std::optional<std::size_t>(27));
  EXPECT_EQ(head_end(as_bytes("GET / HTTP/1.1\r\nHost: a\r\n")), std::nullopt);
  auto refusal = rejection("too long");
  EXPECT_FALSE(refusal.accepted);
  EXPECT_TRUE(refusal.response.starts_with("HTTP/1.1 400 "));
}

}  // namespace
}  // namespace libp2p::transport::detail::ws
