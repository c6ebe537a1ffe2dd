#include "libp2p/security/tls/certificate.hpp"

#include "libp2p/peer/peer_id.hpp"
#include "libp2p/security/errc.hpp"
#include "unit/crypto/test_vectors.hpp"
#include "unit/tls/certificate_builder.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace libp2p::tls {
namespace {

using security::Errc;
using test::from_hex;

// tls/tls.md, "Test vectors" 1-3: valid certificates for each key type (the
// extension is not critical in these), and 4: a host key signature of another key.
constexpr std::string_view spec_ed25519 =
    "308201ae30820156a0030201020204499602d2300a06082a8648ce3d040302302031123010060355040a13096c69627032702e696f310a3008"
    "06035504051301313020170d3735303130313133303030305a180f34303936303130313133303030305a302031123010060355040a13096c"
    "69627032702e696f310a300806035504051301313059301306072a8648ce3d020106082a8648ce3d030107034200040c901d423c831ca85e"
    "27c73c263ba132721bb9d7a84c4f0380b2a6756fd601331c8870234dec878504c174144fa4b14b66a651691606d8173e55bd37e381569ea3"
    "7c307a3078060a2b0601040183a25a0101046a3068042408011220a77f1d92fedb59dddaea5a1c4abd1ac2fbde7d7b879ed364501809923d"
    "7c11b90440d90d2769db992d5e6195dbb08e706b6651e024fda6cfb8846694a435519941cac215a8207792e42849cccc6cd8136c6e4bde92"
    "a58c5e08cfd4206eb5fe0bf909300a06082a8648ce3d0403020346003043021f50f6b6c52711a881778718238f650c9fb48943ae6ee6d284"
    "27dc6071ae55e702203625f116a7a454db9c56986c82a25682f7248ea1cb764d322ea983ed36a31b77";
constexpr std::string_view spec_ecdsa =
    "308201f63082019da0030201020204499602d2300a06082a8648ce3d040302302031123010060355040a13096c69627032702e696f310a3008"
    "06035504051301313020170d3735303130313133303030305a180f34303936303130313133303030305a302031123010060355040a13096c"
    "69627032702e696f310a300806035504051301313059301306072a8648ce3d020106082a8648ce3d030107034200040c901d423c831ca85e"
    "27c73c263ba132721bb9d7a84c4f0380b2a6756fd601331c8870234dec878504c174144fa4b14b66a651691606d8173e55bd37e381569ea3"
    "81c23081bf3081bc060a2b0601040183a25a01010481ad3081aa045f0803125b3059301306072a8648ce3d020106082a8648ce3d03010703"
    "420004bf30511f909414ebdd3242178fd290f093a551cf75c973155de0bb5a96fedf6cb5d52da7563e794b512f66e60c7f55ba8a3acf3dd7"
    "2a801980d205e8a1ad29f2044730450220064ea8124774caf8f50e57f436aa62350ce652418c019df5d98a3ac666c9386a022100aa59d704"
    "a931b5f72fb9222cb6cc51f954d04a4e2e5450f8805fe8918f71eaae300a06082a8648ce3d04030203470030440220799395b0b6c1e940a7"
    "e4484705f610ab51ed376f19ff9d7c16757cfbf61b8d4302206205c03fbb0f95205c779be86581d3e31c01871ad5d1f3435bcf375cb0e508"
    "8a";
constexpr std::string_view spec_secp256k1 =
    "308201ba3082015fa0030201020204499602d2300a06082a8648ce3d040302302031123010060355040a13096c69627032702e696f310a3008"
    "06035504051301313020170d3735303130313133303030305a180f34303936303130313133303030305a302031123010060355040a13096c"
    "69627032702e696f310a300806035504051301313059301306072a8648ce3d020106082a8648ce3d030107034200040c901d423c831ca85e"
    "27c73c263ba132721bb9d7a84c4f0380b2a6756fd601331c8870234dec878504c174144fa4b14b66a651691606d8173e55bd37e381569ea3"
    "8184308181307f060a2b0601040183a25a01010471306f0425080212210206dc6968726765b820f050263ececf7f71e4955892776c097054"
    "2efd689d2382044630440220145e15a991961f0d08cd15425bb95ec93f6ffa03c5a385eedc34ecf464c7a8ab022026b3109b8a3f40ef8331"
    "69777eb2aa337cfb6282f188de0666d1bcec2a4690dd300a06082a8648ce3d0403020349003046022100e1a217eeef9ec9204b3f774a08b7"
    "0849646b6a1e6b8b27f93dc00ed58545d9fe022100b00dafa549d0f03547878338c7b15e7502888f6d45db387e5ae6b5d46899cef0";
constexpr std::string_view spec_invalid =
    "308201f73082019da0030201020204499602d2300a06082a8648ce3d040302302031123010060355040a13096c69627032702e696f310a3008"
    "06035504051301313020170d3735303130313133303030305a180f34303936303130313133303030305a302031123010060355040a13096c"
    "69627032702e696f310a300806035504051301313059301306072a8648ce3d020106082a8648ce3d030107034200040c901d423c831ca85e"
    "27c73c263ba132721bb9d7a84c4f0380b2a6756fd601331c8870234dec878504c174144fa4b14b66a651691606d8173e55bd37e381569ea3"
    "81c23081bf3081bc060a2b0601040183a25a01010481ad3081aa045f0803125b3059301306072a8648ce3d020106082a8648ce3d03010703"
    "420004bf30511f909414ebdd3242178fd290f093a551cf75c973155de0bb5a96fedf6cb5d52da7563e794b512f66e60c7f55ba8a3acf3dd7"
    "2a801980d205e8a1ad29f204473045022100bb6e03577b7cc7a3cd1558df0da2b117dfdcc0399bc2504ebe7de6f65cade72802206de96e2a"
    "5be9b6202adba24ee0362e490641ac45c240db71fe955f2c5cf8df6e300a06082a8648ce3d0403020348003045022100e847f267f4371735"
    "8f850355bdcabbefb2cfbf8a3c043b203a14788a092fe8db022027c1d04a2d41fd6b57a7e8b3989e470325de4406e52e084e34a3fd56eef0"
    "d0df";

// rust-libp2p transports/tls/src/certificate.rs tests: the same kinds, with
// the extension critical and an empty subject.
constexpr std::string_view rust_ed25519 =
    "308201773082011ea003020102020900f5bd0debaa597f52300a06082a8648ce3d04030230003020170d3735303130313030303030305a18"
    "0f34303936303130313030303030305a30003059301306072a8648ce3d020106082a8648ce3d030107034200046bf9871220d71dcb3483ec"
    "dfcbfcc7c103f8509d0974b3c18ab1f1be1302d643103a08f7a7722c1b247ba3876fe2c59e26526f479d7718a85202ddbe47562358a37f30"
    "7d307b060a2b0601040183a25a01010101ff046a30680424080112207fda21856709c5ae12fd6e8450623f15f11955d384212b89f56e7e13"
    "6d2e17280440aaa6bffabe91b6f30c35e3aa4f94b1188fed96b0ffdd393f4c58c1c047854120e674ce64c788406d1c2c4b116581fd7411b3"
    "09881c3c7f20b46e54c7e6fe7f0f300a06082a8648ce3d040302034700304402207d1a1dbd2bda235ff2ec87daf006f9b04ba076a5a55301"
    "80cd9c2e8f6399e09d0220458527178c7e77024601dbb1b256593e9b96d961b96349d1f560114f61a87595";
constexpr std::string_view rust_bad_ed25519 =
    "308201773082011da003020102020830a73c5d896a1109300a06082a8648ce3d04030230003020170d3735303130313030303030305a180f"
    "34303936303130313030303030305a30003059301306072a8648ce3d020106082a8648ce3d03010703420004bbe62df9a7c1c46b7f1f21d5"
    "56deec5382a36df146fb29c7f1240e60d7d5328570e3b71d99602b77a65c9b3655f62837f8d66b59f1763b8c9beba3be07778043a37f307d"
    "307b060a2b0601040183a25a01010101ff046a3068042408011220ec8094573afb9728088860864f7bcea2d4fd412fef09a8e2d24d482377"
    "c20db60440ecabae8354afa2f0af4b8d2ad871e865cb5a7c0c8d3dbdbf42de577f92461a0ebb0a28703e33581af7d2a4f2270fc37aec6261"
    "fcc95f8af08f3f4806581c730a300a06082a8648ce3d040302034800304502202dfb17a6fa0f94ee0e2e6a3b9fb6e986f311dee273920580"
    "16464bd130930a61022100ba4b937a11c8d3172b81e7cd04aedb79b978c4379c2b5b24d565dd5d67d3cb3c";
constexpr std::string_view rust_ecdsa =
    "308201c030820166a003020102020900eaf419a6e3edb4a6300a06082a8648ce3d04030230003020170d3735303130313030303030305a18"
    "0f34303936303130313030303030305a30003059301306072a8648ce3d020106082a8648ce3d030107034200048dbf1116c7c608d6d5292b"
    "d826c3feb53483a89fce434bf64538a359c8e07538ff71f6766239be6a146dcc1a5f3bb934bcd4ae2ae1d4da28ac68b4a20593f06ba381c6"
    "3081c33081c0060a2b0601040183a25a01010101ff0481ae3081ab045f0803125b3059301306072a8648ce3d020106082a8648ce3d030107"
    "0342000484b93fa456a74bd0153919f036db7bc63c802f055bc7023395d0203de718ee0fc7b570b767cdd858aca6c7c4113ff002e78bd213"
    "8ac1a3b26dde3519e06979ad04483046022100bc84014cea5a41feabdf4c161096564b9ccf4b62fbef4fe1cd382c84e11101780221009204"
    "f086a84cb8ed8a9ddd7868dc90c792ee434adf62c66f99a08a5eba11615b300a06082a8648ce3d0403020348003045022054b437be9a2edf"
    "591312d68ff24bf91367ad4143f76cf80b5658f232ade820da022100e23b48de9df9c25d4c83ddddf75d2676f0b9318ee2a6c88a736d85ea"
    "b94a912f";
constexpr std::string_view rust_secp256k1 =
    "3082018230820128a003020102020900f3b305f55622cfdf300a06082a8648ce3d04030230003020170d3735303130313030303030305a18"
    "0f34303936303130313030303030305a30003059301306072a8648ce3d020106082a8648ce3d0301070342000458f7e9581748ff9bdd933b"
    "655cc0e5552a1248f840658cc221dec2186b5a2fe4641b86ab7590a3422cdbb1000cf97662f27e5910d7569f22feed8829c8b52e0fa38188"
    "308185308182060a2b0601040183a25a01010101ff0471306f042508021221026b053094d1112bce799dc8026040ae6d4eb574157929f159"
    "8172061f753d9b1b04463044022040712707e97794c478d93989aaa28ae1f71c03af524a8a4bd2d98424948a782302207b61b7f074b696a2"
    "5fb9e0059141a811cccc4cc28042d9301b9b2a4015e87470300a06082a8648ce3d04030203480030450220143ae4d86fdc8675d2480bb691"
    "2eca5e39165df7f572d836aa2f2d6acfab13f8022100831d1979a98f0c4a6fb5069ca374de92f1a1205c962a6d90ad3d7554cb7d9df4";

struct ValidVector {
  const char* name;
  std::string_view certificate;
  crypto::KeyType type;
  std::string_view public_key_protobuf;  // the host key inside (from the vector's extension)
  std::string_view peer_id;              // as the spec / rust-libp2p give it
};

const ValidVector valid_vectors[] = {
    {"spec ed25519", spec_ed25519, crypto::KeyType::Ed25519,
     "08011220a77f1d92fedb59dddaea5a1c4abd1ac2fbde7d7b879ed364501809923d7c11b9", "12D3KooWM6CgA9iBFZmcYAHA6A2qvbAxqfkmrYiRQuz3XEsk4Ksv"},
    {"spec ecdsa", spec_ecdsa, crypto::KeyType::ECDSA,
     "0803125b3059301306072a8648ce3d020106082a8648ce3d03010703420004bf30511f909414ebdd3242178fd290f093a551cf75c97315"
     "5de0bb5a96fedf6cb5d52da7563e794b512f66e60c7f55ba8a3acf3dd72a801980d205e8a1ad29f2", "QmfXbAwNjJLXfesgztEHe8HwgVDCMMpZ9Eax1HYq6hn9uE"},
    {"spec secp256k1", spec_secp256k1, crypto::KeyType::Secp256k1,
     "080212210206dc6968726765b820f050263ececf7f71e4955892776c0970542efd689d2382", "16Uiu2HAkutTMoTzDw1tCvSRtu6YoixJwS46S1ZFxW8hSx9fWHiPs"},
    {"rust ed25519", rust_ed25519, crypto::KeyType::Ed25519,
     "080112207fda21856709c5ae12fd6e8450623f15f11955d384212b89f56e7e136d2e1728", "12D3KooWJRSrypvnpHgc6ZAgyCni4KcSmbV7uGRaMw5LgMKT18fq"},
    {"rust ecdsa", rust_ecdsa, crypto::KeyType::ECDSA,
     "0803125b3059301306072a8648ce3d020106082a8648ce3d0301070342000484b93fa456a74bd0153919f036db7bc63c802f055bc70233"
     "95d0203de718ee0fc7b570b767cdd858aca6c7c4113ff002e78bd2138ac1a3b26dde3519e06979ad", "QmZcrvr3r4S3QvwFdae3c2EWTfo792Y14UpzCZurhmiWeX"},
    {"rust secp256k1", rust_secp256k1, crypto::KeyType::Secp256k1,
     "08021221026b053094d1112bce799dc8026040ae6d4eb574157929f1598172061f753d9b1b", "16Uiu2HAm2dSCBFxuge46aEt7U1oejtYuBUZXxASHqmcfVmk4gsbx"},
};

TEST(TlsCertificate, AcceptsThePublishedValidVectors) {
  for (const auto& v : valid_vectors) {
    auto key = verify_certificate(from_hex(v.certificate));
    ASSERT_TRUE(key) << v.name << ": " << key.error().what();
    EXPECT_EQ(key->type(), v.type) << v.name;
    EXPECT_EQ(key->to_protobuf(), from_hex(v.public_key_protobuf)) << v.name;
    EXPECT_EQ(peer::PeerId::from_public_key(*key).to_base58(), v.peer_id) << v.name;
  }
}

TEST(TlsCertificate, RejectsThePublishedInvalidVectors) {
  for (auto hex : {spec_invalid, rust_bad_ed25519}) {
    auto key = verify_certificate(from_hex(hex));
    ASSERT_FALSE(key);
    EXPECT_EQ(key.error().code, Errc::bad_signature) << key.error().what();
  }
}

TEST(TlsCertificate, RoundTripsForEveryKeyType) {
  for (auto type : {crypto::KeyType::Ed25519, crypto::KeyType::Secp256k1, crypto::KeyType::ECDSA,
                    crypto::KeyType::RSA}) {
    auto identity = crypto::KeyPair::generate(type).value();
    auto certificate = make_certificate(identity);
    ASSERT_TRUE(certificate) << type << ": " << certificate.error().what();
    EXPECT_EQ(certificate->key.type(), crypto::KeyType::ECDSA);
    auto key = verify_certificate(certificate->der);
    ASSERT_TRUE(key) << type << ": " << key.error().what();
    EXPECT_EQ(*key, identity.public_key()) << type;
  }
}

TEST(TlsCertificate, IsFreshEachTime) {
  auto identity = crypto::KeyPair::generate().value();
  auto a = make_certificate(identity).value();
  auto b = make_certificate(identity).value();
  EXPECT_NE(a.der, b.der);
  EXPECT_NE(a.key.public_key(), b.key.public_key());
}

TEST(TlsCertificate, ChecksTheValidityWindow) {
  using namespace std::chrono;
  auto identity = crypto::KeyPair::generate().value();
  const Time now = current_time();
  auto expired = make_certificate(identity, {now - days(10), now - days(1)}).value();
  EXPECT_EQ(verify_certificate(expired.der).error().code, Errc::certificate_expired);
  auto future = make_certificate(identity, {now + days(1), now + days(10)}).value();
  EXPECT_EQ(verify_certificate(future.der).error().code, Errc::certificate_not_yet_valid);
  // The default window holds from 1975 to 4096.
  auto certificate = make_certificate(identity).value();
  EXPECT_TRUE(verify_certificate(certificate.der, sys_days(year(1975) / 1 / 2)));
  EXPECT_TRUE(verify_certificate(certificate.der, sys_days(year(4095) / 12 / 31)));
  EXPECT_EQ(verify_certificate(certificate.der, sys_days(year(1974) / 12 / 31)).error().code,
            Errc::certificate_not_yet_valid);
  EXPECT_EQ(verify_certificate(certificate.der, sys_days(year(4096) / 1 / 2)).error().code, Errc::certificate_expired);
  // The spec's vector: NotBefore 1975-01-01T13:00:00Z.
  EXPECT_EQ(verify_certificate(from_hex(spec_ed25519), sys_days(year(1975) / 1 / 1) + hours(12)).error().code,
            Errc::certificate_not_yet_valid);
}

TEST(TlsCertificate, RejectsAChainOfTwoOrNone) {
  auto identity = crypto::KeyPair::generate().value();
  auto a = make_certificate(identity).value();
  auto b = make_certificate(identity).value();
  const BytesView two[] = {a.der, b.der};
  auto r = verify_certificate_chain(two);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, Errc::bad_certificate);
  EXPECT_NE(r.error().message.find("2 certificates"), std::string::npos) << r.error().message;
  EXPECT_EQ(verify_certificate_chain({}).error().code, Errc::bad_certificate);
  const BytesView one[] = {a.der};
  EXPECT_TRUE(verify_certificate_chain(one));
}

TEST(TlsCertificate, RejectsAWrongSelfSignature) {
  auto certificate = make_certificate(crypto::KeyPair::generate().value()).value();
  certificate.der.back() ^= 0x01;  // the last byte of the ECDSA signature's s
  auto r = verify_certificate(certificate.der);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, Errc::bad_certificate);
  EXPECT_NE(r.error().message.find("self-signature"), std::string::npos) << r.error().message;
}

TEST(TlsCertificate, RejectsMalformedDer) {
  auto certificate = make_certificate(crypto::KeyPair::generate().value()).value();
  EXPECT_EQ(verify_certificate({}).error().code, Errc::bad_certificate);
  Bytes truncated(certificate.der.begin(), certificate.der.end() - 1);
  EXPECT_EQ(verify_certificate(truncated).error().code, Errc::bad_certificate);
  Bytes trailing = certificate.der;
  trailing.push_back(0);
  EXPECT_EQ(verify_certificate(trailing).error().code, Errc::bad_certificate);
}

TEST(TlsCertificate, RejectsATimeThatRunsPastItsValidity) {
  auto certificate = make_certificate(crypto::KeyPair::generate().value()).value();
  // NotBefore, UTCTime "750101000000Z": its length now claims more bytes
  // than the Validity SEQUENCE holds.
  const Bytes not_before{0x17, 0x0d, '7', '5', '0', '1'};
  auto at = std::search(certificate.der.begin(), certificate.der.end(), not_before.begin(), not_before.end());
  ASSERT_NE(at, certificate.der.end());
  at[1] = 0x7f;
  auto r = verify_certificate(certificate.der);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, Errc::bad_certificate);
  EXPECT_NE(r.error().message.find("validity"), std::string::npos) << r.error().message;
}

struct Built : ::testing::Test {
  crypto::KeyPair identity = crypto::KeyPair::generate().value();
  test::Pkey key = test::generate_pkey("EC", "P-256");
  Bytes value = test::signed_key_for(identity, key.get());

  Result<crypto::PublicKey> verify(const test::CertificateSpec& spec) {
    return verify_certificate(test::build_certificate(key.get(), spec));
  }
};

TEST_F(Built, AcceptsTheExtensionCriticalOrNot) {
  for (bool critical : {true, false}) {
    auto r = verify({{test::libp2p_extension(value, critical)}});
    ASSERT_TRUE(r) << r.error().what();
    EXPECT_EQ(*r, identity.public_key());
  }
}

TEST_F(Built, RejectsACertificateWithoutTheExtension) {
  auto r = verify({});
  EXPECT_EQ(r.error().code, Errc::missing_key_extension) << r.error().what();
  // An extension under a neighbouring OID is not it.
  r = verify({{{"1.3.6.1.4.1.53594.1.2", false, value}}});
  EXPECT_EQ(r.error().code, Errc::missing_key_extension) << r.error().what();
}

TEST_F(Built, RejectsTheExtensionTwice) {
  auto r = verify({{test::libp2p_extension(value), test::libp2p_extension(value)}});
  EXPECT_EQ(r.error().code, Errc::bad_certificate) << r.error().what();
}

TEST_F(Built, RejectsAnUnknownCriticalExtensionButIgnoresANonCriticalOne) {
  const Bytes null_value{0x05, 0x00};
  auto r = verify({{test::libp2p_extension(value), {"1.2.3.4.5", true, null_value}}});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, Errc::unsupported_critical_extension);
  EXPECT_NE(r.error().message.find("1.2.3.4.5"), std::string::npos) << r.error().message;
  EXPECT_TRUE(verify({{test::libp2p_extension(value), {"1.2.3.4.5", false, null_value}}}));
  // A critical RFC 5280 extension (basicConstraints, CA:FALSE) is understood.
  const Bytes basic_constraints{0x30, 0x00};
  EXPECT_TRUE(verify({{test::libp2p_extension(value), {"2.5.29.19", true, basic_constraints}}}));
}

TEST_F(Built, RejectsAHostKeyThatSignedAnotherKey) {
  auto other = test::generate_pkey("EC", "P-256");
  auto r = verify({{test::libp2p_extension(test::signed_key_for(identity, other.get()))}});
  EXPECT_EQ(r.error().code, Errc::bad_signature) << r.error().what();
}

TEST_F(Built, RejectsMalformedSignedKeys) {
  const Bytes protobuf = identity.public_key().to_protobuf();
  const Bytes signature(64, 1);
  Bytes trailing = test::signed_key(protobuf, signature);
  trailing.push_back(0);
  Bytes extra_field = test::signed_key(protobuf, signature);
  extra_field[1] += 2;
  extra_field.insert(extra_field.end(), {0x04, 0x00});
  Bytes indefinite = test::signed_key(protobuf, signature);
  indefinite[1] = 0x80;
  const Bytes bad_values[] = {
      {},
      {0x30, 0x00},
      {0x04, 0x00},
      test::der_tlv(0x30, test::der_tlv(0x04, protobuf)),  // no signature
      test::signed_key(Bytes{0x08, 0x09, 0x12, 0x00}, signature),  // an unknown key type
      test::signed_key(Bytes{}, signature),
      trailing,
      extra_field,
      indefinite,
  };
  for (const auto& bad : bad_values) {
    auto r = verify({{test::libp2p_extension(bad)}});
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, Errc::bad_payload) << r.error().what();
  }
}

TEST_F(Built, RejectsAWeakSignatureAlgorithm) {
  test::CertificateSpec spec{{test::libp2p_extension(value)}};
  spec.digest = EVP_sha1();
  auto r = verify(spec);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, Errc::bad_certificate);
  EXPECT_NE(r.error().message.find("bits of security"), std::string::npos) << r.error().message;
}

TEST_F(Built, RejectsTwoDifferentSignatureAlgorithms) {
  Bytes der = test::build_certificate(key.get(), {{test::libp2p_extension(value)}});
  ASSERT_TRUE(verify_certificate(der));
  // ecdsa-with-SHA256 appears twice (TBSCertificate.signature and
  // signatureAlgorithm); the second one becomes ecdsa-with-SHA384.
  const Bytes sha256{0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02};
  auto second = std::search(std::search(der.begin(), der.end(), sha256.begin(), sha256.end()) + 1, der.end(),
                            sha256.begin(), sha256.end());
  ASSERT_NE(second, der.end());
  second[sha256.size() - 1] = 0x03;
  auto r = verify_certificate(der);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, Errc::bad_certificate);
  EXPECT_NE(r.error().message.find("differ"), std::string::npos) << r.error().message;
}

TEST(TlsCertificateKeys, RejectsAKeyOnAnUnsupportedCurve) {
  auto identity = crypto::KeyPair::generate().value();
  auto key = test::generate_pkey("EC", "secp256k1");
  auto r = verify_certificate(
      test::build_certificate(key.get(), {{test::libp2p_extension(test::signed_key_for(identity, key.get()))}}));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, Errc::bad_certificate);
  EXPECT_NE(r.error().message.find("1.3.132.0.10"), std::string::npos) << r.error().message;
}

TEST(TlsCertificateKeys, AcceptsOtherCertificateKeyTypes) {
  // The spec lets the certificate key be of any type the peer can verify.
  auto identity = crypto::KeyPair::generate().value();
  struct Case {
    const char* type;
    const char* curve;
    const EVP_MD* digest;
  };
  for (const Case& c : {Case{"ED25519", nullptr, nullptr}, Case{"EC", "P-384", EVP_sha384()},
                        Case{"EC", "P-521", EVP_sha512()}, Case{"EC", "P-256", EVP_sha384()},
                        Case{"RSA", nullptr, EVP_sha256()}, Case{"RSA", nullptr, EVP_sha512()}}) {
    auto key = test::generate_pkey(c.type, c.curve);
    test::CertificateSpec spec{{test::libp2p_extension(test::signed_key_for(identity, key.get()))}};
    spec.digest = c.digest;
    auto r = verify_certificate(test::build_certificate(key.get(), spec));
    ASSERT_TRUE(r) << c.type << ": " << r.error().what();
    EXPECT_EQ(*r, identity.public_key());
  }
}

}  // namespace
}  // namespace libp2p::tls
