#include "libp2p/peer/errc.hpp"

#include <string>

namespace libp2p::peer {
namespace {

class Category : public boost::system::error_category {
 public:
  const char* name() const noexcept override { return "peer"; }
  std::string message(int code) const override {
    switch (static_cast<Errc>(code)) {
      case Errc::bad_peer_id: return "bad PeerId";
      case Errc::bad_envelope: return "bad signed envelope";
      case Errc::invalid_signature: return "invalid envelope signature";
      case Errc::wrong_payload_type: return "unexpected envelope payload type";
      case Errc::bad_peer_record: return "bad peer record";
      case Errc::peer_id_mismatch: return "PeerId does not match the signing key";
    }
    return "unknown peer error";
  }
};

}  // namespace

const boost::system::error_category& peer_category() noexcept {
  static const Category category;
  return category;
}

}  // namespace libp2p::peer
