#include "libp2p/multiformats/multihash.hpp"

#include "libp2p/multiformats/errc.hpp"
#include "libp2p/multiformats/multibase.hpp"

#include <gtest/gtest.h>

namespace libp2p::multiformats {
namespace {

using Code = Multihash::Code;
using multibase::from_hex;
using multibase::to_hex;

Bytes hex(std::string_view text) { return from_hex(text).value(); }

// The multihash spec README, "Example": sha1 and sha2-256 of "multihash",
// with the README's base32, base58 and base64 renderings.
TEST(Multihash, ReadmeExamples) {
  auto sha1 = Multihash::hash(Code::sha1, to_bytes("multihash")).value();
  EXPECT_EQ(to_hex(sha1.bytes()), "111488c2f11fb2ce392acb5b2986e640211c4690073e");
  EXPECT_EQ(multibase::encode_bare(multibase::Base::base32padupper, sha1.bytes()), "CEKIRQXRD6ZM4OJKZNNSTBXGIAQRYRUQA47A====");
  EXPECT_EQ(multibase::base58btc_encode(sha1.bytes()), "5dsgvJGnvAfiR3K6HCBc4hcokSfmjj");
  EXPECT_EQ(multibase::encode_bare(multibase::Base::base64pad, sha1.bytes()), "ERSIwvEfss45KstbKYbmQCEcRpAHPg==");

  auto sha256 = Multihash::sha2_256(to_bytes("multihash"));
  EXPECT_EQ(to_hex(sha256.bytes()), "12209cbc07c3f991725836a3aa2a581ca2029198aa420b9d99bc0e131d9f3e2cbe47");
  EXPECT_EQ(multibase::encode_bare(multibase::Base::base32padupper, sha256.bytes()),
            "CIQJZPAHYP4ZC4SYG2R2UKSYDSRAFEMYVJBAXHMZXQHBGHM7HYWL4RY=");
  EXPECT_EQ(multibase::base58btc_encode(sha256.bytes()), "QmYtUc4iTCbbfVSDNKvtQqrfyezPPnFvE33wFmutw9PBBk");
  EXPECT_EQ(multibase::encode_bare(multibase::Base::base64pad, sha256.bytes()),
            "EiCcvAfD+ZFyWDajqipYHKICkZiqQgudmbwOEx2fPiy+Rw==");

  auto parsed = Multihash::from_bytes(multibase::base58btc_decode("QmYtUc4iTCbbfVSDNKvtQqrfyezPPnFvE33wFmutw9PBBk").value());
  ASSERT_TRUE(parsed);
  EXPECT_EQ(*parsed, sha256);
  EXPECT_EQ(parsed->code(), Code::sha2_256);
  EXPECT_EQ(to_hex(parsed->digest()), "9cbc07c3f991725836a3aa2a581ca2029198aa420b9d99bc0e131d9f3e2cbe47");
}

// The multihash repo's tests/sharness/t0030-sha2.sh: "Hash me!\n".
TEST(Multihash, SharnessSha2) {
  auto input = to_bytes("Hash me!\n");
  EXPECT_EQ(to_hex(Multihash::sha2_256(input).bytes()),
            "1220c16bdce7e126ff8e241a9893ccd908c292cd0e54c403145326eb0c567071a613");
  EXPECT_EQ(to_hex(Multihash::hash(Code::sha2_512, input).value().bytes()),
            "13404c4a59a7d958cff035eb7d752b319b90337037e352b89d58aa5be29ef051ea0a565133781aa3279384654274c4786893287ea8037f0a1a15d9b40ea0bc4be73c");
}

// The multihash repo's tests/values/test_cases.csv: its 80 full-length rows
// (sha1 160 bits, sha2-256 256, sha2-512 512, "sha3" = sha3-512 512). The
// input column is hashed as ASCII text. Its other 180 rows are the same
// multihashes truncated to 80, 160 or 256 bits; Truncations derives them.
struct Vector {
  Code code;
  std::string_view input;
  std::string_view multihash;
};
const Vector test_cases[] = {
    {Code::sha1, "431fb5d4c9b735ba1a34d0df045118806ae2336f2c",
     "1114e861e452cfd84dca9a176258c3d06e020a0c93d8"},
    {Code::sha2_256, "431fb5d4c9b735ba1a34d0df045118806ae2336f2c",
     "1220ffb31f07aa15348368c90c73a834dbf9f8710365860fa0fd4ddce9ac2782cc17"},
    {Code::sha2_512, "431fb5d4c9b735ba1a34d0df045118806ae2336f2c",
     "1340abffa1926b038a2f1833092d93859ba2ee56e07a86b158200fc7d4d5d1eaf350b0f0e511ea6f5043a9f4a7c7886f93355652114709d75b2db4c33741124fd4fe"},
    {Code::sha3_512, "431fb5d4c9b735ba1a34d0df045118806ae2336f2c",
     "14409a7a8207a57d03e9c524ae7fd39563bfe1a466a3a0323875eba8b034a1d59c3b7218103543f7777f17ef03dcaf44d12c74dfb83726e7425cf61225e9a54b3b3a"},
    {Code::sha1, "2d6db2d7882fa8b7d56e74b8e24036deb475de8c94",
     "1114a29eea788860fb1b288408345592c8662a4dcde5"},
    {Code::sha2_256, "2d6db2d7882fa8b7d56e74b8e24036deb475de8c94",
     "12203afa34fba2f3572ac56d80f52002e8727dd95f17a2e7c9376a3147a96d3e78ac"},
    {Code::sha2_512, "2d6db2d7882fa8b7d56e74b8e24036deb475de8c94",
     "13401c452c7d9f572510fa1a3224e37a3030c8750b3e1763f1ad0d38274b3ea58ca7b4317dd0913250b4b16c9b0f6281aa74c42d8d5e72043e0fb214d3ad51d4ee8c"},
    {Code::sha3_512, "2d6db2d7882fa8b7d56e74b8e24036deb475de8c94",
     "1440968e697b2d5e92470002f9e59e13557f47b895dc9c79082a90e91515f025563773aec0f70219c87350c79707de67500866d7fe084c5316e12c6930949b28865d"},
    {Code::sha1, "6c00022ba29d15926c4580332ded091e666f0ec5d9",
     "1114c8a5b445ce470e4bc54884e60e48e31fe12cb1a6"},
    {Code::sha2_256, "6c00022ba29d15926c4580332ded091e666f0ec5d9",
     "1220ef387c6fea7ab702d470a9432c4cde44199c8d06c6eaa5a1f2c61cfb0b70a97f"},
    {Code::sha2_512, "6c00022ba29d15926c4580332ded091e666f0ec5d9",
     "1340a1e9a63a3835d69983dddefe78f1d9b233c9844d42ac14bb4e62d39f1f007b350dc152a0b3f3cbd20bfdf0e19d9b62ca71f1ae8a8c7e67268ca92325d549deb3"},
    {Code::sha3_512, "6c00022ba29d15926c4580332ded091e666f0ec5d9",
     "144047f57e2056010afa03bc58141ba3754f41917518c81711236eaca3766e333b9a2a767a90363f7a179e776d85aa6610713709ee46531f9a454565f737c68bdc56"},
    {Code::sha1, "1391551dc8f15110d256c493ed485bca8cfed07241",
     "1114ae1351506b464f8e5deb0f6a2b2a272dcacbfadf"},
    {Code::sha2_256, "1391551dc8f15110d256c493ed485bca8cfed07241",
     "12208a54b2b6b031da07e72055828cbf41ad2562a6f3675fcc84857577cbd1a935c1"},
    {Code::sha2_512, "1391551dc8f15110d256c493ed485bca8cfed07241",
     "1340eb89b3c6225e2b0b984e5267260759ba43351a04d8769973a2d54b670d96b98e0d90cb7dddcc370c5b4f75be260f0927da4215b0952a6cd4edefaf35f68821d9"},
    {Code::sha3_512, "1391551dc8f15110d256c493ed485bca8cfed07241",
     "144089c62811bc2d3fec81631112ad9f03de23d065697f758b8df9e5d791474ab2f20ddac684c23b203b730be465a5d0f06b76e9dbc48590def7d58e96d93b4e0418"},
    {Code::sha1, "557f47c855a5ca40daa3c0904a1e43647b4021ce0c",
     "111440c95ed89d5a648d4057e6e57d7906dd58d2bb66"},
    {Code::sha2_256, "557f47c855a5ca40daa3c0904a1e43647b4021ce0c",
     "1220b17e5d52e94b25c5fe098c233133c5d43556b35d2a50c59cf617fc61df1713fd"},
    {Code::sha2_512, "557f47c855a5ca40daa3c0904a1e43647b4021ce0c",
     "13400339347318e40bf23fc03c93569df19c767e2495cdcfa30aa7385fd43dd6a91fdd0c3962be324cf4c2527cc17aa65aa0349df6260599e38c7bd2fea9a178a66b"},
    {Code::sha3_512, "557f47c855a5ca40daa3c0904a1e43647b4021ce0c",
     "1440a7ab209784597d2e251860e2464c04c386c4887af778136414c80d7c643ccd3b2a0b61e31986a79ef8e4fdd41601fbe7c982c132df4bc77ecc2e27d3edd55f90"},
    {Code::sha1, "4c44254356730838195a32cbb1b8be3bed4c6c05c0",
     "111496c5114c52a3ea7873603eb59da1ab88c0ec2ceb"},
    {Code::sha2_256, "4c44254356730838195a32cbb1b8be3bed4c6c05c0",
     "1220b8018a7f12b6da3892608167fc5ead90fc57fd1e83aefe9453b623022d5f2b9b"},
    {Code::sha2_512, "4c44254356730838195a32cbb1b8be3bed4c6c05c0",
     "13406885c2f6127bc432ff56198855ee6543a821c4b6ced4e250d1b5c9d628e24b946a0aa1e5eba54310d8710e26075c82ad0ba6a8f8639dd56366976b79d067f368"},
    {Code::sha3_512, "4c44254356730838195a32cbb1b8be3bed4c6c05c0",
     "14403dc43b479f5e9e008a5256ca442e66286995c39deb732a6fb4e2e791a3c4a6a6e5322e571e945a78748896edc67866ab00c767320f6956833857eab991a73a77"},
    {Code::sha1, "3647da9e56b1afffa9921ce9a9caaa51ac8a166706",
     "1114fbce59ad61c0ec28ed14406c1432c9793b57adec"},
    {Code::sha2_256, "3647da9e56b1afffa9921ce9a9caaa51ac8a166706",
     "1220e96d0371442d2a8eae119eefe1d8710e8c59562a8fe70adcba25322de2a0f854"},
    {Code::sha2_512, "3647da9e56b1afffa9921ce9a9caaa51ac8a166706",
     "1340c41a063c611e882714d8424f4edd0009b4b7c525f132446af45780bfe4ff998001c6479f48ae3289ea40a876a16e33c9d6b90201a307549938e33beb5e73e9f0"},
    {Code::sha3_512, "3647da9e56b1afffa9921ce9a9caaa51ac8a166706",
     "1440cc1a0acb60f17e825b4c41b1eff84fc42cf5dd2b4468a47d0e8053ff55a4e7aa95e00fae8fc8eaf241a1027275c8243b8a7341b7fbd1878ac35eb0a8e174b46e"},
    {Code::sha1, "f7f96cf1e683e6f7e752dab4613a1b1225889bb15d",
     "111492094dd3eed1997cfa0d4c9743c6c03d9ab9fee5"},
    {Code::sha2_256, "f7f96cf1e683e6f7e752dab4613a1b1225889bb15d",
     "12204341e7832a0625d578451df1d6f07b36fdec4505484ede11615893a5d1162bdc"},
    {Code::sha2_512, "f7f96cf1e683e6f7e752dab4613a1b1225889bb15d",
     "13406f558362cb0c867f40bd8fda18d004a14206d0243879c1ff80dc70c89d60eaf8ed19a96c6c5a0d38597a027a30856a6be4c25e5ce8473fa9ebd6f834c4bbdab3"},
    {Code::sha3_512, "f7f96cf1e683e6f7e752dab4613a1b1225889bb15d",
     "1440d4d533c326e157fbc53e52f4dfa219d67e998a8f54e0a899b1fd32b07be18635f32cd8e9152282a9d52ce647ff4add11adffeecde5b3b00400fac68a0807e95f"},
    {Code::sha1, "8fc7992293335bb2e2f6d962f66734a652e495022e",
     "11146cc39b02d728945459e08e4a638b1d1bc3648e6e"},
    {Code::sha2_256, "8fc7992293335bb2e2f6d962f66734a652e495022e",
     "1220c94ab4830a2f1eef4e378a499d91f09f1a909a249c48b27d3366ee6d97c2fc2e"},
    {Code::sha2_512, "8fc7992293335bb2e2f6d962f66734a652e495022e",
     "1340763993febeab714f75ca06511c52ddb69da2faaf6654a1e9a9dc545c639ee2c964deddf5b0a1aaae5b32d2c445b37278a1ba1de3948033012dbc4278dbba0ea0"},
    {Code::sha3_512, "8fc7992293335bb2e2f6d962f66734a652e495022e",
     "1440459506c8c26789f203acd827c84bf1c68c821f800a1b977306d574d9c5fcc637eb2a4255742d3a6b247bfc188983a633e5074e98fcaee4c5f43fe211cc256891"},
    {Code::sha1, "a244e61f124cd3590173e2809b1177ca611ff15e9a",
     "1114420ce85fe6648e367114f073ae09581d2d5c92da"},
    {Code::sha2_256, "a244e61f124cd3590173e2809b1177ca611ff15e9a",
     "12202efcc65fc37070bb5973df7a99bbb2bc19a7dfe05c448dd2e052ace46df9a80b"},
    {Code::sha2_512, "a244e61f124cd3590173e2809b1177ca611ff15e9a",
     "13406276d25a66a2731c3c2eb1def1b0cdd077f2d82d0318e43746c928e49ca2026a5f8e118393f46993e6e959212318a4c6fae8e66f8430b700097cd6192e8c3535"},
    {Code::sha3_512, "a244e61f124cd3590173e2809b1177ca611ff15e9a",
     "1440edf3dbcb6a229c00d6aa35e9751d9609ab71d95148a28fb8fc9f3bf26df4c9eddcd4297a520f91d7a02972903197c92c2dc5e1f886a9d497a2c82a4d10d06307"},
    {Code::sha1, "8a461139f4d5078f6ff77af4fbc1befc775c0e0cb0",
     "11140987a972a0122c7f0788fe35b3505adb2da889e7"},
    {Code::sha2_256, "8a461139f4d5078f6ff77af4fbc1befc775c0e0cb0",
     "1220ddc3fcda5d7fc1f3c48a284aca1b5440b54ee8dd1e2c4dbb7bcb77db696f71e2"},
    {Code::sha2_512, "8a461139f4d5078f6ff77af4fbc1befc775c0e0cb0",
     "13403deb07d2b0fe9891149e5681625ba78c2b30777cfffb543d5672f83aa2b6a03e61c72738ec3d1eb61df1d1691da9fe516b8f9668e14a38c0b620d1d7eac0e3bb"},
    {Code::sha3_512, "8a461139f4d5078f6ff77af4fbc1befc775c0e0cb0",
     "1440cdbfc227b85b786ec47f75bea9c19e7caaf70b8cbe61e080856df5650d4b2b6b671ce9f68d9c66b6a1a8de15d3c8d5978a737f21e4d89e74d598d9ae87c4694e"},
    {Code::sha1, "eaf89d6d7fa2ee40c7357e3d627cbd1338009570f5",
     "111469a49abea40f7b33515d2c78ac3ad27c9659ddf8"},
    {Code::sha2_256, "eaf89d6d7fa2ee40c7357e3d627cbd1338009570f5",
     "1220cf9991b40b273af2ef5c3d41668539d7adfc2637dad7102593ea36b200355124"},
    {Code::sha2_512, "eaf89d6d7fa2ee40c7357e3d627cbd1338009570f5",
     "1340d9bb89326f0d56c5d5c5ee71c1a0cf2138db6146126ea1f135bbebf136d29bf9658bfc9ac3a5ac096c60842f1008d6162cefc4bbeabc413f5e5d0ceff94fa344"},
    {Code::sha3_512, "eaf89d6d7fa2ee40c7357e3d627cbd1338009570f5",
     "1440cfe85f27f18a9b31eeb941b4fb385b22cb6cb7458ff3ecec239d551ecf8b4645652877f27fc71fcc927866409143613bbd2586315c53538f6df06d720a4452cb"},
    {Code::sha1, "4c98758072933abd55fef35782cf37386db7ce4dce",
     "11140088dbe5cfcac4d78f2a6b9f0078007b3141e7fc"},
    {Code::sha2_256, "4c98758072933abd55fef35782cf37386db7ce4dce",
     "12208988c716536184426e96e1714964c18a3ec7c3df537d692b410728bf79e16868"},
    {Code::sha2_512, "4c98758072933abd55fef35782cf37386db7ce4dce",
     "1340cf9b4008bfd4d617035c5686cc21bfb9c5d0993685868921758a369a2434f3b26e01124a0d42797f0a30bfca8db324798b857816e7f4637e55a4941c5974c351"},
    {Code::sha3_512, "4c98758072933abd55fef35782cf37386db7ce4dce",
     "144051e7bd1d173316156e0cfeb28186da1a6df4d542ad968b1c038a5f66c7eed65add6465e79d51899db0278e11b3cbfa04821967feaa822eea22948b05c464cf93"},
    {Code::sha1, "79f28aba59f256868f8b7f868e75aedcab8b068be0",
     "111481aaff208d63691d5176d4aaf27aa59559385887"},
    {Code::sha2_256, "79f28aba59f256868f8b7f868e75aedcab8b068be0",
     "1220f28cd11dcb49a131f9b8773035bdc2605a6c2d6459782b987d08c5a8c1fd1814"},
    {Code::sha2_512, "79f28aba59f256868f8b7f868e75aedcab8b068be0",
     "1340b184c8ffda3791a2916a632e9f59aaf13e762667d5cd8f514cf38d90933a6c3734fd4ab3b0b3e5a9a3701eb761beca3e01a5efcc2558077f7d301f3092e8abec"},
    {Code::sha3_512, "79f28aba59f256868f8b7f868e75aedcab8b068be0",
     "14409b6b98749e9b038091fa50532ee3267a67ed3607438f7bf25b0c29295f806b10bc1a8ae13e8c23744672bf7628114a557ff28ee3e2ccc73b0759f4a98a7f86de"},
    {Code::sha1, "fe2bd8cb6ad52767eae6fbd354ceb3e72e8f55669b",
     "11149daeb5b0eb9d59501635b20b1f1c2e12e481adae"},
    {Code::sha2_256, "fe2bd8cb6ad52767eae6fbd354ceb3e72e8f55669b",
     "12209eeab680ac6bd543dfc34b3d90aa6e5a4bb27961faef39680e3f549516dc948e"},
    {Code::sha2_512, "fe2bd8cb6ad52767eae6fbd354ceb3e72e8f55669b",
     "1340621cb2040060c6024e57e9d68abb8c41ec55b327b9f2e5865e65a1ff8609d00fb27c419ec9a68978b83652a44f47d7866ba57717a0203ba117eb01cf449c1ec7"},
    {Code::sha3_512, "fe2bd8cb6ad52767eae6fbd354ceb3e72e8f55669b",
     "1440888e30d43451afe15d9711d6459f06947183570586b38b20723e7f02fa478c13ac363e07528ee22e1319a1cbfcb329e6f687acc23d650ff599abbc9c828b5efd"},
    {Code::sha1, "7f0bb0ac4dd2404c097dade4c8b2292ae2419b7a70",
     "111492ecbf3facfa79118d3611e7e406f4d4d6242f1c"},
    {Code::sha2_256, "7f0bb0ac4dd2404c097dade4c8b2292ae2419b7a70",
     "1220f000499860abadcf61edec7453c0a9112c5083ed9fa27c350ded0a8ed27ea236"},
    {Code::sha2_512, "7f0bb0ac4dd2404c097dade4c8b2292ae2419b7a70",
     "1340bf1acd49f89a81fa60995a03709ae483850abb0e1f168e75a02db9d0b9ad58c0053202cf4dff68112835191b07067693d65d73727db81a0624ccffdd92a87fa2"},
    {Code::sha3_512, "7f0bb0ac4dd2404c097dade4c8b2292ae2419b7a70",
     "144039e3d69186b5252fd69cff646c2f12eaa3f63772e6062a1657dc3af9623e2e57bf3c74b7d1f96f4a4d0c8b85cd7b2bfdcb0f9712795726378d9ccccd192d8086"},
    {Code::sha1, "b07cb1832e7e253f3eb7cf4029a82d881217d3c02f",
     "1114f7165b40913fe411ae0012435ac0ac9491cd68e9"},
    {Code::sha2_256, "b07cb1832e7e253f3eb7cf4029a82d881217d3c02f",
     "122088af105116b3006c14cc9c38e5bd9049386dc82785fbb15a69a907fb9da8c831"},
    {Code::sha2_512, "b07cb1832e7e253f3eb7cf4029a82d881217d3c02f",
     "13407d185f12ce400ce8d3e55ef3a126e8f6ed89dd5da8e296e84b7da105bf28d6437eec013a5e760065221791ea7a2d4a8458d7d454b9acbe7418db05dce0b5412c"},
    {Code::sha3_512, "b07cb1832e7e253f3eb7cf4029a82d881217d3c02f",
     "14409b596b0ed3e0fbe6be325b26e94f83a99119c95ad6b376115cc228f94087a4ca68059c964164757f76e08c89e5d521c256c00b21af19b0c8a5a0484ec9db65eb"},
    {Code::sha1, "29a53e335621740c0fbc8dd85970fa0311b0d58e25",
     "111422b6cc60a0782c145dc925d2c3d02e722d564fe9"},
    {Code::sha2_256, "29a53e335621740c0fbc8dd85970fa0311b0d58e25",
     "122066b0aa772b7562dbf534ae653ab686735baf7ed3614caad398868d8e2b84a289"},
    {Code::sha2_512, "29a53e335621740c0fbc8dd85970fa0311b0d58e25",
     "13408cad36ff75b598968e94c5152800fe2a9d6de6cca92617c0fb331bf9539a80f7b55de98fda8708dd771fb359ef72ce3794440d104ef7bef501ddb01735d2855f"},
    {Code::sha3_512, "29a53e335621740c0fbc8dd85970fa0311b0d58e25",
     "144028b681db6b5674389e1be7a410887260ecc8169effa342907ee1294d7a13cd203ece5816b9bc3866e10d1c9d5be00e4e6ad05482e6b6b3e76e6f8b669a3aaef3"},
    {Code::sha1, "f6896cafdd752d9615f22017dfce1a281fb0598038",
     "1114c80fba1987567ea9f3ff4a587da9a537a3655f46"},
    {Code::sha2_256, "f6896cafdd752d9615f22017dfce1a281fb0598038",
     "12204577ee99ca45b00bae3afe7f3a50cbafb109ef1a165ec698cb29a62daf1addab"},
    {Code::sha2_512, "f6896cafdd752d9615f22017dfce1a281fb0598038",
     "1340c039899eef738c417dcf0b59358c4cf02749645893734eda05871f7ccbe89064dbf95c96edc6245c54ec5601f44afcea126d0ba66f0a5423ab7ac2e91e144897"},
    {Code::sha3_512, "f6896cafdd752d9615f22017dfce1a281fb0598038",
     "14406fd4a8be27a828434ce7b0935a50df11dcc431437cace07f460d22649745ce1abfc1d65a361e9f3e0852cb4f425c7c9427328499d2a4e6999b35f05e37195908"},
    {Code::sha1, "444a8ca03cce5b47991b3baf807f4eaa1d8175a72e",
     "1114bd23220dec583addf27599f0dc3a53c2a1dcf806"},
    {Code::sha2_256, "444a8ca03cce5b47991b3baf807f4eaa1d8175a72e",
     "1220f6a17055da6921b92a23f6fa4e2434160dec6ccfe1ce5979415ccf6467a8d8ac"},
    {Code::sha2_512, "444a8ca03cce5b47991b3baf807f4eaa1d8175a72e",
     "1340aeeaaf6cbfe3b61b01f4dabee8cad7c3063b3ae80e0f346c5212699c5bf369fb57143a7b4a980fe5bfdf0420da7ff2667530a16f2c2d96c7c5c858584b151b49"},
    {Code::sha3_512, "444a8ca03cce5b47991b3baf807f4eaa1d8175a72e",
     "14405541d5148a03e5ba0a916b8f91175219b15e260f0b26c4fdfa24b24bc54ac64045ea813027252d05c43a3f0d5def492937a33fbc04c3eaf7ad61af5e16bb7c3f"},
};

TEST(Multihash, TestCasesCsv) {
  for (const auto& v : test_cases) {
    auto computed = Multihash::hash(v.code, to_bytes(v.input)).value();
    EXPECT_EQ(to_hex(computed.bytes()), v.multihash) << Multihash::name(v.code) << " " << v.input;
    auto parsed = Multihash::from_bytes(hex(v.multihash));
    ASSERT_TRUE(parsed) << parsed.error().what();
    EXPECT_EQ(*parsed, computed);
    EXPECT_EQ(parsed->code(), v.code);
  }
  EXPECT_EQ(std::size(test_cases), 80u);
}

// Truncated digests (the csv's 80-, 160- and 256-bit rows) are refused: this
// library accepts each function's full digest size only.
TEST(Multihash, Truncations) {
  int refused = 0;
  for (const auto& v : test_cases) {
    auto full = Multihash::from_bytes(hex(v.multihash)).value();
    for (std::size_t bits : {80, 160, 256}) {
      const auto size = bits / 8;
      if (size >= full.digest().size()) continue;
      Bytes truncated{full.bytes()[0], static_cast<std::uint8_t>(size)};
      append(truncated, full.digest().first(size));
      auto r = Multihash::from_bytes(truncated);
      ASSERT_FALSE(r);
      EXPECT_EQ(r.error().code, Errc::bad_multihash);
      ++refused;
    }
  }
  EXPECT_EQ(refused, 180);
}

TEST(Multihash, Identity) {
  auto m = Multihash::identity(to_bytes("abc")).value();
  EXPECT_EQ(to_hex(m.bytes()), "0003616263");
  EXPECT_EQ(m.code(), Code::identity);
  EXPECT_EQ(Multihash::from_bytes(hex("0003616263")).value(), m);
  EXPECT_EQ(Multihash::from_bytes(hex("0000")).value().digest().size(), 0u);

  const Bytes largest(Multihash::max_identity_size, 0x61);
  EXPECT_TRUE(Multihash::identity(largest));
  const Bytes too_large(Multihash::max_identity_size + 1, 0x61);
  EXPECT_EQ(Multihash::identity(too_large).error().code, Errc::bad_multihash);
  Bytes encoded{0x00, 0x81, 0x01};  // identity, 129 bytes
  append(encoded, too_large);
  EXPECT_EQ(Multihash::from_bytes(encoded).error().code, Errc::bad_multihash);
}

TEST(Multihash, RejectsMalformedBytes) {
  const struct {
    std::string_view hex;
    Errc errc;
  } cases[] = {
      {"", Errc::truncated},
      {"12", Errc::truncated},
      {"1220", Errc::truncated},
      {"1220" "00", Errc::truncated},
      {"99" "01" "00", Errc::bad_multihash},  // unknown function
      {"d501" "00", Errc::bad_multihash},     // md5: not supported
      {"1221" "00", Errc::bad_multihash},     // sha2-256 with 33 bytes
      {"9280" "00", Errc::varint_not_minimal},
      {"0080" "00", Errc::varint_not_minimal},
      {"0001" "61" "62", Errc::trailing_bytes},
  };
  for (const auto& c : cases) {
    auto r = Multihash::from_bytes(hex(c.hex));
    ASSERT_FALSE(r) << c.hex;
    EXPECT_EQ(r.error().code, c.errc) << c.hex << ": " << r.error().what();
  }
}

TEST(Multihash, ReadAdvancesPastOneMultihash) {
  Bytes two = hex("0001610002" "6263");
  BytesView in(two);
  EXPECT_EQ(to_hex(Multihash::read(in).value().digest()), "61");
  EXPECT_EQ(to_hex(Multihash::read(in).value().digest()), "6263");
  EXPECT_TRUE(in.empty());
}

TEST(Multihash, FromDigestChecksTheSize) {
  EXPECT_TRUE(Multihash::from_digest(Code::sha2_256, Bytes(32, 1)));
  EXPECT_EQ(Multihash::from_digest(Code::sha2_256, Bytes(31, 1)).error().code, Errc::bad_multihash);
  EXPECT_EQ(Multihash::from_digest(static_cast<Code>(0x99), Bytes(1, 1)).error().code, Errc::bad_multihash);
}

TEST(Multihash, ErrorMessagesSayWhat) {
  EXPECT_EQ(Multihash::from_bytes(hex("1221" "00")).error().message, "multihash: sha2-256 digest of 33 bytes, expected 32");
  EXPECT_EQ(Multihash::from_bytes(hex("d501" "00")).error().message, "multihash: unknown or unsupported hash function 0xd5");
}

TEST(Multihash, HashAndEquality) {
  auto a = Multihash::sha2_256(to_bytes("a"));
  auto b = Multihash::sha2_256(to_bytes("b"));
  EXPECT_NE(a, b);
  EXPECT_EQ(a, Multihash::from_bytes(a.bytes()).value());
  EXPECT_EQ(std::hash<Multihash>{}(a), std::hash<Multihash>{}(Multihash::from_bytes(a.bytes()).value()));
}

}  // namespace
}  // namespace libp2p::multiformats
