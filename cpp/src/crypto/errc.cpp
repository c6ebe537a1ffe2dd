#include "libp2p/crypto/errc.hpp"

#include <string>

namespace libp2p::crypto {
namespace {

class Category : public boost::system::error_category {
 public:
  const char* name() const noexcept override { return "crypto"; }
  std::string message(int code) const override {
    switch (static_cast<Errc>(code)) {
      case Errc::bad_protobuf: return "malformed key protobuf";
      case Errc::unsupported_key_type: return "unsupported key type";
      case Errc::bad_public_key: return "bad public key";
      case Errc::bad_private_key: return "bad private key";
      case Errc::bad_key_size: return "key size out of range";
      case Errc::signing_failed: return "signing failed";
      case Errc::key_generation_failed: return "key generation failed";
      case Errc::key_file: return "bad key file";
    }
    return "unknown crypto error";
  }
};

}  // namespace

const boost::system::error_category& crypto_category() noexcept {
  static const Category category;
  return category;
}

}  // namespace libp2p::crypto
