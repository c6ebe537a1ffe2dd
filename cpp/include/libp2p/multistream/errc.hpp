#pragma once

#include <boost/system/error_code.hpp>

namespace libp2p::multistream {

// Failures of multistream-select negotiation (the error_code category "multistream").
enum class Errc {
  bad_message = 1,     // not a varint-length-prefixed line ending in '\n'
  message_too_large,   // a message above the size limit
  not_multistream,     // the first message is not /multistream/1.0.0
  not_supported,       // the remote answered "na" to every proposal
  unexpected_answer,   // an answer that is neither the proposal nor "na"
  no_protocols,        // nothing to propose
};

const boost::system::error_category& multistream_category() noexcept;

inline boost::system::error_code make_error_code(Errc e) noexcept {
  return {static_cast<int>(e), multistream_category()};
}

}  // namespace libp2p::multistream

template <>
struct boost::system::is_error_code_enum<libp2p::multistream::Errc> : std::true_type {};
