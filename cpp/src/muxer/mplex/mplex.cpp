#include "libp2p/muxer/mplex/mplex.hpp"

#include "muxer/mplex/detail/session.hpp"

namespace libp2p::mplex {

Mplex::Mplex(Config config) : config_(config) { config_.validate().value(); }

std::shared_ptr<muxer::MuxedConnection> Mplex::create(std::unique_ptr<io::ByteStream> secured, bool) {
  auto session = std::make_shared<detail::Session>(std::move(secured), config_);
  session->start();
  return session;
}

}  // namespace libp2p::mplex
