#pragma once

#include <boost/system/error_code.hpp>

namespace libp2p::yamux {

// Failures of a yamux session (the error_code category "yamux"). A stream
// reset by the remote fails with asio::error::connection_reset, a stream
// closed locally with asio::error::operation_aborted; everything that ends
// the whole session uses one of these.
enum class Errc {
  bad_config = 1,     // Config::validate
  protocol_error,     // the remote broke the protocol: we sent GoAway(protocol error)
  go_away,            // the remote sent GoAway
  session_closed,     // closed locally (MuxedConnection::close)
  connection_lost,    // the underlying connection failed or ended without GoAway
  keepalive_timeout,  // no answer to a keep-alive ping and nothing else received
  streams_exhausted,  // no stream id left (2^31 streams opened)
  write_closed,       // write after close_write
};

const boost::system::error_category& yamux_category() noexcept;

inline boost::system::error_code make_error_code(Errc e) noexcept { return {static_cast<int>(e), yamux_category()}; }

}  // namespace libp2p::yamux

template <>
struct boost::system::is_error_code_enum<libp2p::yamux::Errc> : std::true_type {};
