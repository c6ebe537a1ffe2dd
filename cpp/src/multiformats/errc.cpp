#include "libp2p/multiformats/errc.hpp"

#include <string>

namespace libp2p::multiformats {
namespace {

class Category : public boost::system::error_category {
 public:
  const char* name() const noexcept override { return "multiformats"; }
  std::string message(int code) const override {
    switch (static_cast<Errc>(code)) {
      case Errc::truncated: return "input ends inside a value";
      case Errc::varint_too_long: return "varint longer than 9 bytes";
      case Errc::varint_not_minimal: return "varint not minimally encoded";
      case Errc::bad_base: return "bad multibase text";
      case Errc::bad_multihash: return "bad multihash";
      case Errc::bad_cid: return "bad CID";
      case Errc::bad_multiaddr: return "bad multiaddr";
      case Errc::trailing_bytes: return "unexpected bytes after the value";
    }
    return "unknown multiformats error";
  }
};

}  // namespace

const boost::system::error_category& multiformats_category() noexcept {
  static const Category category;
  return category;
}

}  // namespace libp2p::multiformats
