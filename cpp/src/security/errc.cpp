#include "libp2p/security/errc.hpp"

#include <string>

namespace libp2p::security {
namespace {

class Category : public boost::system::error_category {
 public:
  const char* name() const noexcept override { return "security"; }
  std::string message(int code) const override {
    switch (static_cast<Errc>(code)) {
      case Errc::handshake_failed: return "security handshake failed";
      case Errc::bad_payload: return "malformed handshake payload";
      case Errc::bad_signature: return "invalid identity signature";
      case Errc::peer_id_mismatch: return "remote peer id differs from the one dialed";
      case Errc::no_common_muxer: return "no stream muxer in common";
      case Errc::decrypt_failed: return "message authentication failed";
      case Errc::message_too_large: return "secure channel message too large";
      case Errc::nonce_exhausted: return "nonce space exhausted";
      case Errc::bad_certificate: return "invalid certificate";
      case Errc::certificate_not_yet_valid: return "certificate not yet valid";
      case Errc::certificate_expired: return "certificate expired";
      case Errc::missing_key_extension: return "certificate lacks the libp2p public key extension";
      case Errc::unsupported_critical_extension: return "certificate has an unsupported critical extension";
      case Errc::protocol_error: return "secure channel protocol violation";
    }
    return "unknown security error";
  }
};

}  // namespace

const boost::system::error_category& security_category() noexcept {
  static const Category category;
  return category;
}

}  // namespace libp2p::security
