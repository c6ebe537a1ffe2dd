#pragma once

// Errors: every layer has its own std::error_code category (its `Errc` enum);
// `Error` adds a message that says what failed and where. Functions that can
// fail on bad input return `Result<T>`; `.value()` on a failed result throws
// `libp2p::Exception`.

#include <boost/system/result.hpp>

#include <stdexcept>
#include <string>
#include <system_error>
#include <utility>

namespace libp2p {

struct Error {
  std::error_code code;
  std::string message;

  Error() = default;
  Error(std::error_code c, std::string m) : code(c), message(std::move(m)) {}
  template <class E>
    requires std::is_error_code_enum_v<E>
  Error(E e, std::string m) : code(make_error_code(e)), message(std::move(m)) {}
  template <class E>
    requires std::is_error_code_enum_v<E>
  Error(E e) : code(make_error_code(e)), message(code.message()) {}
  Error(std::error_code c) : code(c), message(c.message()) {}

  // "message (category: code message)" unless the message already is the code's.
  std::string what() const;
  friend bool operator==(const Error& a, const Error& b) { return a.code == b.code; }
};

// A failed Result<T>::value() throws this: the error's code and message.
class Exception : public std::system_error {
 public:
  explicit Exception(const Error& e) : std::system_error(e.code, e.message), error_(e) {}
  const Error& error() const noexcept { return error_; }

 private:
  Error error_;
};

template <class T>
using Result = boost::system::result<T, Error>;

// Found by argument-dependent lookup from boost::system::result::value().
[[noreturn]] void throw_exception_from_error(const Error& e, const boost::source_location& loc);

// An error that also names its context: prefixed("multiaddr /tcp", e).
Error prefixed(std::string_view context, Error e);

}  // namespace libp2p
