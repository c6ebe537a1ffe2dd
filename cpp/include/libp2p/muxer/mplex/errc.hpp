#pragma once

#include <boost/system/error_code.hpp>

namespace libp2p::mplex {

// Failures of the mplex stream multiplexer (the error_code category "mplex").
// Streams of a session that ended fail with asio::error::connection_aborted;
// a stream reset by the remote fails with asio::error::connection_reset.
enum class Errc {
  bad_frame = 1,        // a malformed frame header (bad varint)
  bad_flag,             // flag 7: not one of the seven the spec defines
  frame_too_large,      // a frame payload above the message size limit
  duplicate_stream,     // NewStream for a stream id that is still open
  too_many_streams,     // the local limit on open streams is reached
  too_many_refusals,    // the remote opens streams beyond our limit faster than we refuse them
  stream_ids_exhausted, // all 2^60 stream ids were used
  bad_config,           // a Config value out of range
};

const boost::system::error_category& mplex_category() noexcept;

inline boost::system::error_code make_error_code(Errc e) noexcept {
  return {static_cast<int>(e), mplex_category()};
}

}  // namespace libp2p::mplex

template <>
struct boost::system::is_error_code_enum<libp2p::mplex::Errc> : std::true_type {};
