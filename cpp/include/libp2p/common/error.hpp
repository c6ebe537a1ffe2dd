#pragma once

// Errors: every layer has its own error category (its `Errc` enum); `Error`
// adds a message that says what failed and where. Functions that can fail on
// bad input return `Result<T>`; `.value()` on a failed result throws
// `libp2p::Exception`.
//
// Codes are boost::system::error_code, Asio's own, so I/O failures (eof,
// operation_aborted, connection_reset) and the layers' codes mix freely.

#include <boost/system/error_code.hpp>
#include <boost/system/result.hpp>
#include <boost/system/system_error.hpp>

#include <stdexcept>
#include <string>
#include <utility>

namespace libp2p {

using ErrorCode = boost::system::error_code;

struct Error {
  ErrorCode code;
  std::string message;

  Error() = default;
  Error(ErrorCode c, std::string m) : code(c), message(std::move(m)) {}
  template <class E>
    requires boost::system::is_error_code_enum<E>::value
  Error(E e, std::string m) : code(make_error_code(e)), message(std::move(m)) {}
  template <class E>
    requires boost::system::is_error_code_enum<E>::value
  Error(E e) : code(make_error_code(e)), message(code.message()) {}
  Error(ErrorCode c) : code(c), message(c.message()) {}

  // "message (category: code message)" unless the message already is the code's.
  std::string what() const;
  friend bool operator==(const Error& a, const Error& b) { return a.code == b.code; }
};

// A failed Result<T>::value() throws this: the error's code and message.
class Exception : public boost::system::system_error {
 public:
  explicit Exception(const Error& e) : boost::system::system_error(e.code, e.message), error_(e) {}
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
