#include "libp2p/muxer/mplex/errc.hpp"

#include <string>

namespace libp2p::mplex {
namespace {

class Category : public boost::system::error_category {
 public:
  const char* name() const noexcept override { return "mplex"; }
  std::string message(int code) const override {
    switch (static_cast<Errc>(code)) {
      case Errc::bad_frame: return "malformed mplex frame";
      case Errc::bad_flag: return "unknown mplex frame flag";
      case Errc::frame_too_large: return "mplex frame too large";
      case Errc::duplicate_stream: return "mplex stream opened twice";
      case Errc::too_many_streams: return "too many mplex streams";
      case Errc::too_many_refusals: return "remote opens too many mplex streams beyond the limit";
      case Errc::stream_ids_exhausted: return "mplex stream ids exhausted";
      case Errc::bad_config: return "bad mplex configuration";
    }
    return "unknown mplex error";
  }
};

}  // namespace

const boost::system::error_category& mplex_category() noexcept {
  static const Category category;
  return category;
}

}  // namespace libp2p::mplex
