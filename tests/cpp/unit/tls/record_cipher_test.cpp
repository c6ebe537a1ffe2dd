#include "security/tls/detail/record_cipher.hpp"

#include "libp2p/security/errc.hpp"

#include <gtest/gtest.h>

namespace libp2p::tls::detail {
namespace {

Bytes hex(std::string_view text) {
  Bytes out;
  for (std::size_t i = 0; i + 1 < text.size(); i += 2)
    out.push_back(static_cast<std::uint8_t>(std::stoi(std::string(text.substr(i, 2)), nullptr, 16)));
  return out;
}

// RFC 8448 §3 (Simple 1-RTT Handshake), TLS_AES_128_GCM_SHA256: "derive
// write traffic keys for application data", client and server.
TEST(HkdfExpandLabel, DerivesTheTrafficKeysOfRfc8448) {
  const Bytes server_secret = hex("a11af9f05531f856ad47116b45a950328204b4f44bfb6b3a4b4f1f3fcb631643");
  const Bytes client_secret = hex("9e40646ce79a7f9dc05af8889bce6552875afa0b06df0087f792ebb7c17504a5");
  EXPECT_EQ(hkdf_expand_label(EVP_sha256(), server_secret, "key", 16).value(), hex("9f02283b6c9c07efc26bb9f2ac92e356"));
  EXPECT_EQ(hkdf_expand_label(EVP_sha256(), server_secret, "iv", 12).value(), hex("cf782b88dd83549aadf1e984"));
  EXPECT_EQ(hkdf_expand_label(EVP_sha256(), client_secret, "key", 16).value(), hex("17422dda596ed5d9acd890e3c63f5051"));
  EXPECT_EQ(hkdf_expand_label(EVP_sha256(), client_secret, "iv", 12).value(), hex("5b78923dee08579033e523d9"));
}

struct Pair {
  RecordCipher sender, receiver;
};

Pair pair_for(std::uint16_t code_point) {
  const auto suite = cipher_suite(code_point).value();
  const Bytes secret(EVP_MD_get_size(suite.hash), 0x5a);
  return {RecordCipher::make(suite, secret, true).value(), RecordCipher::make(suite, secret, false).value()};
}

Bytes seal(RecordCipher& cipher, ContentType type, std::string_view text) {
  const BytesView content = as_bytes(text);
  Bytes record(record_size(content.size()));
  cipher.seal(type, std::span(&content, 1), content.size(), record.data()).value();
  return record;
}

class EachSuite : public ::testing::TestWithParam<std::uint16_t> {};

TEST_P(EachSuite, SealsRecordsTheReceiverOpens) {
  auto [sender, receiver] = pair_for(GetParam());
  for (std::string_view text : {"hello", "", "a second record"}) {
    Bytes record = seal(sender, ContentType::application_data, text);
    // §5.2: outer type application_data, version 0x0303, the ciphertext length.
    EXPECT_EQ(record[0], 23);
    EXPECT_EQ(record[1], 3);
    EXPECT_EQ(record[2], 3);
    EXPECT_EQ(std::size_t{record[3]} << 8 | record[4], text.size() + 1 + record_tag_size);
    auto opened = receiver.open(record, record.data() + record_header_size).value();
    EXPECT_EQ(opened.type, ContentType::application_data);
    EXPECT_EQ(as_string(BytesView(record.data() + record_header_size, opened.size)), text);
  }
  EXPECT_EQ(receiver.sequence(), 3u);
}

TEST_P(EachSuite, HidesTheContentType) {
  auto [sender, receiver] = pair_for(GetParam());
  Bytes record = seal(sender, ContentType::alert, "\x01");
  EXPECT_EQ(record[0], 23);  // the true type travels encrypted
  EXPECT_EQ(receiver.open(record, record.data() + record_header_size).value().type, ContentType::alert);
}

TEST_P(EachSuite, ATamperedRecordFailsAndTheSequenceStays) {
  auto [sender, receiver] = pair_for(GetParam());
  Bytes record = seal(sender, ContentType::application_data, "payload");
  record[record_header_size] ^= 1;
  auto opened = receiver.open(record, record.data() + record_header_size);
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().code, security::Errc::decrypt_failed);
  EXPECT_EQ(receiver.sequence(), 0u);
}

TEST_P(EachSuite, AKeyUpdateChangesTheKeyOnEachSide) {
  auto [sender, receiver] = pair_for(GetParam());
  ASSERT_TRUE(sender.update());
  Bytes record = seal(sender, ContentType::application_data, "after the update");
  Bytes copy = record;
  EXPECT_FALSE(receiver.open(copy, copy.data() + record_header_size));  // still the old key
  ASSERT_TRUE(receiver.update());
  EXPECT_TRUE(receiver.open(record, record.data() + record_header_size));
}

INSTANTIATE_TEST_SUITE_P(Tls13, EachSuite, ::testing::Values(0x1301, 0x1302, 0x1303));

TEST(CipherSuite, RefusesSuitesOutsideTls13Defaults) {
  EXPECT_FALSE(cipher_suite(0x1304));  // TLS_AES_128_CCM_SHA256
  EXPECT_FALSE(cipher_suite(0xc02f));  // a TLS 1.2 suite
}

TEST(RecordCipher, IsExhaustedAtItsKeyLimitUntilUpdated) {
  auto suite = cipher_suite(0x1302).value();
  suite.key_limit = 2;
  auto sender = RecordCipher::make(suite, Bytes(48, 1), true).value();
  Bytes record(record_size(0));
  for (int i = 0; i < 2; ++i) {
    EXPECT_FALSE(sender.key_exhausted());
    ASSERT_TRUE(sender.seal(ContentType::application_data, {}, 0, record.data()));
  }
  EXPECT_TRUE(sender.key_exhausted());
  ASSERT_TRUE(sender.update());
  EXPECT_FALSE(sender.key_exhausted());
  EXPECT_EQ(sender.sequence(), 0u);
}

TEST(RecordCipher, RefusesMoreThanOneRecordOfPlaintext) {
  auto [sender, receiver] = pair_for(0x1301);
  const Bytes big(max_record_plaintext + 1, 0);
  const BytesView content(big);
  Bytes record(record_size(big.size()));
  EXPECT_FALSE(sender.seal(ContentType::application_data, std::span(&content, 1), big.size(), record.data()));
}

}  // namespace
}  // namespace libp2p::tls::detail
