#include "libp2p/muxer/yamux/config.hpp"

#include "libp2p/muxer/yamux/errc.hpp"

namespace libp2p::yamux {
namespace {

Error bad(std::string what) { return Error(Errc::bad_config, "yamux config: " + std::move(what)); }

std::string n(std::uint64_t v) { return std::to_string(v); }

}  // namespace

Result<void> Config::validate() const {
  if (initial_stream_window < initial_window)
    return bad("initial_stream_window " + n(initial_stream_window) + " is below the spec's 256 KiB");
  if (max_stream_window < initial_stream_window)
    return bad("max_stream_window " + n(max_stream_window) + " is below initial_stream_window " +
               n(initial_stream_window));
  if (max_connection_window < initial_stream_window)
    return bad("max_connection_window " + n(max_connection_window) + " is below initial_stream_window " +
               n(initial_stream_window));
  if (max_frame_size < 1024 || max_frame_size > 1024 * 1024)
    return bad("max_frame_size " + n(max_frame_size) + " is outside 1 KiB..1 MiB (rust-yamux rejects larger frames)");
  if (max_inbound_streams == 0) return bad("max_inbound_streams is 0: no stream could ever be accepted");
  if (accept_backlog == 0) return bad("accept_backlog is 0: no stream could ever be accepted");
  if (ack_backlog == 0) return bad("ack_backlog is 0: no stream could ever be opened");
  if (keepalive_interval.count() < 0) return bad("keepalive_interval is negative");
  return {};
}

}  // namespace libp2p::yamux
