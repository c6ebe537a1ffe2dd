#include "libp2p/crypto/key_file.hpp"

#include "libp2p/crypto/errc.hpp"
#include "unit/crypto/test_vectors.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

namespace libp2p::crypto {
namespace {

namespace fs = std::filesystem;

class KeyFile : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("libp2p-key-file-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  void write(const fs::path& path, BytesView bytes) {
    std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  }

  fs::path dir_;
};

TEST_F(KeyFile, SavesAndLoads) {
  auto key = PrivateKey::generate(KeyType::Ed25519).value();
  const auto path = dir_ / "identity.key";
  ASSERT_TRUE(save_key_file(path, key));
  auto loaded = load_key_file(path);
  ASSERT_TRUE(loaded) << loaded.error().what();
  EXPECT_EQ(loaded->to_protobuf(), key.to_protobuf());
  EXPECT_EQ(fs::file_size(path), key.to_protobuf().size());
}

TEST_F(KeyFile, IsOwnerOnlyAndLeavesNoTemporaryFile) {
  const auto path = dir_ / "identity.key";
  ASSERT_TRUE(save_key_file(path, PrivateKey::generate(KeyType::Secp256k1).value()));
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_EQ(std::distance(fs::directory_iterator(dir_), fs::directory_iterator()), 1);
}

TEST_F(KeyFile, ReplacesAnExistingFile) {
  const auto path = dir_ / "identity.key";
  ASSERT_TRUE(save_key_file(path, PrivateKey::generate(KeyType::Ed25519).value()));
  auto second = PrivateKey::generate(KeyType::ECDSA).value();
  ASSERT_TRUE(save_key_file(path, second));
  EXPECT_EQ(load_key_file(path).value().to_protobuf(), second.to_protobuf());
}

TEST_F(KeyFile, LoadsWhatGoWrites) {
  // kubo/go-libp2p store the PrivateKey protobuf bytes as they are.
  const auto path = dir_ / "go.key";
  write(path, test::from_hex(test::fixture_secp256k1_priv));
  EXPECT_EQ(load_key_file(path).value().to_protobuf(), test::from_hex(test::fixture_secp256k1_priv));
}

TEST_F(KeyFile, ReportsAMissingFile) {
  auto e = load_key_file(dir_ / "absent.key").error();
  EXPECT_EQ(e.code, Errc::key_file);
  EXPECT_NE(e.message.find("does not exist"), std::string::npos) << e.message;
}

TEST_F(KeyFile, ReportsACorruptFile) {
  const auto path = dir_ / "corrupt.key";
  write(path, to_bytes("garbage"));
  auto e = load_key_file(path).error();
  EXPECT_EQ(e.code, Errc::key_file);
  EXPECT_NE(e.message.find("corrupt"), std::string::npos) << e.message;
}

TEST_F(KeyFile, ReportsAnOversizedFile) {
  const auto path = dir_ / "big.key";
  write(path, Bytes(PrivateKey::max_protobuf_size + 1, 0));
  EXPECT_EQ(load_key_file(path).error().code, Errc::key_file);
}

TEST_F(KeyFile, ReportsADirectory) { EXPECT_EQ(load_key_file(dir_).error().code, Errc::key_file); }

TEST_F(KeyFile, ReportsAnUnwritableLocation) {
  auto e = save_key_file(dir_ / "no" / "such" / "dir" / "k.key", PrivateKey::generate(KeyType::Ed25519).value());
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().code, Errc::key_file);
}

}  // namespace
}  // namespace libp2p::crypto
