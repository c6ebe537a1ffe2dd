#pragma once

// What the user holds: a MuxedStream over a StreamState, and the
// MuxedConnection over a Session (muxer/detail/handles.hpp).

#include "muxer/detail/handles.hpp"
#include "muxer/yamux/detail/session.hpp"

namespace libp2p::yamux::detail {

using Stream = muxer::detail::StreamHandle<StreamState>;
using Connection = muxer::detail::ConnectionHandle<Session, StreamState>;

}  // namespace libp2p::yamux::detail
