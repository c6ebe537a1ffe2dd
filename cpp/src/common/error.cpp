#include "libp2p/common/error.hpp"

namespace libp2p {

std::string Error::what() const {
  auto base = code.message();
  if (message == base) return message;
  return message + " (" + code.category().name() + ": " + base + ")";
}

void throw_exception_from_error(const Error& e, const boost::source_location&) { throw Exception(e); }

Error prefixed(std::string_view context, Error e) {
  e.message = std::string(context) + ": " + e.message;
  return e;
}

}  // namespace libp2p
