#pragma once

// Yamux, the stream multiplexer of libp2p (github.com/libp2p/specs yamux/),
// interoperable with go-yamux and rust-yamux.
//
//   yamux::Yamux muxer;                       // or Yamux(Config{...})
//   auto conn = muxer.create(std::move(secured), /*initiator=*/true);
//   auto stream = (co_await conn->open_stream()).value();
//
// A session runs on the executor of the stream it is made over; use it and
// its streams from there only.

#include "libp2p/muxer/muxer.hpp"
#include "libp2p/muxer/yamux/config.hpp"

namespace libp2p::yamux {

inline constexpr std::string_view protocol_id = "/yamux/1.0.0";

class Yamux : public muxer::Muxer {
 public:
  // Throws libp2p::Exception (Errc::bad_config) if `config` is invalid.
  explicit Yamux(Config config = {});

  std::string_view protocol_id() const override { return yamux::protocol_id; }
  std::shared_ptr<muxer::MuxedConnection> create(std::unique_ptr<io::ByteStream> secured, bool initiator) override;

  const Config& config() const { return config_; }

 private:
  Config config_;
};

}  // namespace libp2p::yamux
