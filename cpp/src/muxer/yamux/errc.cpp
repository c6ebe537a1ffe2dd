#include "libp2p/muxer/yamux/errc.hpp"

#include <string>

namespace libp2p::yamux {
namespace {

class Category : public boost::system::error_category {
 public:
  const char* name() const noexcept override { return "yamux"; }
  std::string message(int code) const override {
    switch (static_cast<Errc>(code)) {
      case Errc::bad_config: return "invalid yamux configuration";
      case Errc::protocol_error: return "yamux protocol violation";
      case Errc::go_away: return "the remote ended the yamux session (GoAway)";
      case Errc::session_closed: return "yamux session closed";
      case Errc::connection_lost: return "the connection under the yamux session failed";
      case Errc::keepalive_timeout: return "yamux keep-alive timeout";
      case Errc::streams_exhausted: return "no yamux stream id left";
      case Errc::write_closed: return "yamux stream closed for writing";
    }
    return "unknown yamux error";
  }
};

}  // namespace

const boost::system::error_category& yamux_category() noexcept {
  static const Category category;
  return category;
}

}  // namespace libp2p::yamux
