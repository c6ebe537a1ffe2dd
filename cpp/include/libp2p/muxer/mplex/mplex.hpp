#pragma once

// mplex (libp2p/specs mplex/README.md), the deprecated stream multiplexer that
// js-libp2p, py-libp2p and nim-libp2p still speak. Never a default here: offer
// it only to peers that lack yamux.

#include "libp2p/muxer/mplex/config.hpp"
#include "libp2p/muxer/muxer.hpp"

namespace libp2p::mplex {

inline constexpr std::string_view protocol_id = "/mplex/6.7.0";

class Mplex final : public muxer::Muxer {
 public:
  // Throws libp2p::Exception (Errc::bad_config) if `config` is invalid.
  explicit Mplex(Config config = {});

  std::string_view protocol_id() const override { return mplex::protocol_id; }

  // The session runs on `secured`'s executor. `initiator` does not matter to
  // mplex (each side numbers its own streams), but is kept for the interface.
  std::shared_ptr<muxer::MuxedConnection> create(std::unique_ptr<io::ByteStream> secured, bool initiator) override;

  const Config& config() const { return config_; }

 private:
  Config config_;
};

}  // namespace libp2p::mplex
