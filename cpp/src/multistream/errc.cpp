#include "libp2p/multistream/errc.hpp"

#include <string>

namespace libp2p::multistream {
namespace {

class Category : public boost::system::error_category {
 public:
  const char* name() const noexcept override { return "multistream"; }
  std::string message(int code) const override {
    switch (static_cast<Errc>(code)) {
      case Errc::bad_message: return "malformed multistream-select message";
      case Errc::message_too_large: return "multistream-select message too large";
      case Errc::not_multistream: return "remote does not speak /multistream/1.0.0";
      case Errc::not_supported: return "protocol not supported by the remote";
      case Errc::unexpected_answer: return "unexpected multistream-select answer";
      case Errc::no_protocols: return "no protocols to propose";
    }
    return "unknown multistream error";
  }
};

}  // namespace

const boost::system::error_category& multistream_category() noexcept {
  static const Category category;
  return category;
}

}  // namespace libp2p::multistream
