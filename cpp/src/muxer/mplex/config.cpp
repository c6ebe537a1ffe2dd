#include "libp2p/muxer/mplex/config.hpp"

#include "libp2p/muxer/mplex/errc.hpp"

#include <string>

namespace libp2p::mplex {
namespace {

Error bad(const char* field, std::size_t value, const std::string& rule) {
  return Error(Errc::bad_config, std::string("mplex Config::") + field + " = " + std::to_string(value) + ": " + rule);
}

}  // namespace

Result<void> Config::validate() const {
  if (max_stream_buffer == 0) return bad("max_stream_buffer", max_stream_buffer, "must be positive");
  if (max_inbound_streams == 0) return bad("max_inbound_streams", max_inbound_streams, "must be positive");
  if (max_outbound_streams == 0) return bad("max_outbound_streams", max_outbound_streams, "must be positive");
  if (max_message_size == 0 || max_message_size > max_stream_buffer)
    return bad("max_message_size", max_message_size,
               "must be positive and at most max_stream_buffer (" + std::to_string(max_stream_buffer) + ")");
  if (split_send_size == 0 || split_send_size > mplex::max_message_size)
    return bad("split_send_size", split_send_size,
               "must be positive and at most the spec's 1 MiB (" + std::to_string(mplex::max_message_size) + ")");
  if (max_write_batch < split_send_size)
    return bad("max_write_batch", max_write_batch,
               "must be at least split_send_size (" + std::to_string(split_send_size) + ")");
  return {};
}

}  // namespace libp2p::mplex
