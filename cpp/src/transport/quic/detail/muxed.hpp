#pragma once

// What the layers above hold: QUIC streams as MuxedStreams, a QUIC
// connection as a MuxedConnection (muxer/detail/handles.hpp, as yamux).

#include "muxer/detail/handles.hpp"
#include "transport/quic/detail/session.hpp"

namespace libp2p::transport::quic::detail {

using Stream = muxer::detail::StreamHandle<StreamState>;
using Connection = muxer::detail::ConnectionHandle<Session, StreamState>;

}  // namespace libp2p::transport::quic::detail
