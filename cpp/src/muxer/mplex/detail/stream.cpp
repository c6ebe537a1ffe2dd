#include "muxer/mplex/detail/stream.hpp"

#include <boost/asio/error.hpp>

namespace libp2p::mplex::detail {

void Stream::close() {
  session_->reset(state_, Error(asio::error::operation_aborted, "mplex stream was reset locally"));
}

}  // namespace libp2p::mplex::detail
