#include "libp2p/muxer/yamux/yamux.hpp"

#include "muxer/yamux/detail/stream.hpp"

namespace libp2p::yamux {

Yamux::Yamux(Config config) : config_(config) { config_.validate().value(); }

std::shared_ptr<muxer::MuxedConnection> Yamux::create(std::unique_ptr<io::ByteStream> secured, bool initiator) {
  auto session = std::make_shared<detail::Session>(std::move(secured), initiator, config_);
  session->start();
  return std::make_shared<detail::Connection>(std::move(session));
}

}  // namespace libp2p::yamux
