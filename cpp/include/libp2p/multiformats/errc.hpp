#pragma once

#include <boost/system/error_code.hpp>

namespace libp2p::multiformats {

// Failures of the multiformats parsers (the error_code category "multiformats").
enum class Errc {
  truncated = 1,         // the input ends inside a value
  varint_too_long,       // more than 9 bytes (unsigned-varint spec)
  varint_not_minimal,    // trailing zero byte: a non-minimal encoding
  bad_base,              // unknown multibase prefix or a character outside the alphabet
  bad_multihash,         // unknown code or a digest of the wrong length
  bad_cid,               // wrong version, codec or layout
  bad_multiaddr,         // unknown protocol or a malformed value
  trailing_bytes,        // input left over after a complete value
};

const boost::system::error_category& multiformats_category() noexcept;

inline boost::system::error_code make_error_code(Errc e) noexcept {
  return {static_cast<int>(e), multiformats_category()};
}

}  // namespace libp2p::multiformats

template <>
struct boost::system::is_error_code_enum<libp2p::multiformats::Errc> : std::true_type {};
