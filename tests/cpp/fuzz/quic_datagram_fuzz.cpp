// Fuzzes what a QUIC listener does with a datagram from anyone: the
// invariant-header classifier, Version Negotiation, and, for what looks like
// a client Initial, a server engine fed the datagram. Never crashes.
#include "transport/quic/detail/engine.hpp"

#include <cstdlib>

namespace {

using namespace libp2p;
namespace qd = libp2p::transport::quic::detail;

struct NoEvents final : qd::EngineEvents {
  Result<void> verify_peer(std::span<const BytesView>) override { return {}; }
  Result<void> on_handshake_completed() override { return {}; }
  void on_stream_opened(std::int64_t) override {}
  void on_stream_data(std::int64_t, BytesView, bool) override {}
  void on_stream_reset(std::int64_t) override {}
  void on_stream_stop_sending(std::int64_t) override {}
  void on_stream_closed(std::int64_t) override {}
  void on_stream_acked(std::int64_t, std::uint64_t, std::uint64_t) override {}
  void on_stream_writable(std::int64_t) override {}
  void on_streams_available() override {}
  void on_cid_issued(const qd::Cid&) override {}
  void on_cid_retired(const qd::Cid&) override {}
};

const std::shared_ptr<qd::TlsContext>& tls() {
  static const auto context = qd::TlsContext::make(crypto::KeyPair::generate().value()).value();
  return context;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const BytesView datagram(data, size);
  const auto header = qd::inspect(datagram);
  if (header.kind == qd::DatagramHeader::Kind::unknown_version) (void)qd::version_negotiation(datagram);
  if (header.kind != qd::DatagramHeader::Kind::initial) return 0;
  const qd::Path path{{boost::asio::ip::make_address("127.0.0.1"), 4001}, {boost::asio::ip::make_address("127.0.0.1"), 5001}};
  NoEvents events;
  auto engine = qd::Engine::server(tls(), {}, path, datagram, events);
  if (!engine) return 0;
  const auto now = qd::now();
  if ((*engine)->receive(datagram, path, now)) {
    std::array<std::uint8_t, 1500> out;
    for (int i = 0; i < 8; ++i) {
      auto w = (*engine)->write(out, std::nullopt, {}, false, now);
      if (!w || w->state == qd::Engine::Written::State::idle) break;
    }
  } else {
    (void)(*engine)->close_packet(now);
  }
  return 0;
}
