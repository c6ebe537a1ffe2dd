// QUIC streams pass the muxer suite: two QuicTransports on loopback, one
// connection between them, its streams tested as yamux's are.
#include "libp2p/transport/quic.hpp"

#include "conformance/muxer_conformance.hpp"

namespace libp2p::muxer::conformance {

struct Quic {};

namespace {

// A net::Connection seen as the MuxedConnection it is made of.
class ConnectionAsMuxed final : public MuxedConnection {
 public:
  explicit ConnectionAsMuxed(std::shared_ptr<net::Connection> c) : c_(std::move(c)) {}
  asio::awaitable<Result<std::unique_ptr<MuxedStream>>> open_stream() override { return c_->open_stream(); }
  asio::awaitable<Result<std::unique_ptr<MuxedStream>>> accept_stream() override { return c_->accept_stream(); }
  void close() override { c_->close(); }
  bool is_closed() const override { return c_->is_closed(); }

 private:
  std::shared_ptr<net::Connection> c_;
};

}  // namespace

template <>
struct Connector<Quic> {
  std::unique_ptr<transport::QuicTransport> dialing, listening;
  std::unique_ptr<net::Listener> listener;

  std::pair<std::shared_ptr<MuxedConnection>, std::shared_ptr<MuxedConnection>> connect(asio::io_context& io,
                                                                                        std::size_t) {
    // No keep-alive: the suite runs its io_context until no work is left.
    const transport::QuicConfig config{.keep_alive = {}};
    dialing = std::make_unique<transport::QuicTransport>(io.get_executor(), crypto::KeyPair::generate().value(), config);
    listening = std::make_unique<transport::QuicTransport>(io.get_executor(), crypto::KeyPair::generate().value(), config);
    listener = listening->listen(multiformats::Multiaddr::from_string("/ip4/127.0.0.1/udp/0/quic-v1").value()).value();
    std::shared_ptr<net::Connection> a, b;
    test::run(io, [&]() -> asio::awaitable<void> {
      auto accepted = [&]() -> asio::awaitable<void> { b = must(co_await listener->accept()); };
      auto dialed = [&]() -> asio::awaitable<void> { a = must(co_await dialing->dial(listener->address(), {})); };
      co_await (accepted() && dialed());
    }());
    return {std::make_shared<ConnectionAsMuxed>(a), std::make_shared<ConnectionAsMuxed>(b)};
  }
  void shutdown() {
    if (listener) listener->close();
  }
  // Packets cross the loopback and ngtcp2's timers (ACK delay, pacing) run,
  // so "quiet" is: no handler ran for a while. Only a bound on memory is
  // checked afterwards, which must hold however long this runs.
  void settle(asio::io_context& io) {
    io.restart();
    while (io.run_one_for(std::chrono::milliseconds(300)) > 0) {
    }
  }
};

INSTANTIATE_TYPED_TEST_SUITE_P(Quic, MuxerConformance, ::testing::Types<Quic>);

}  // namespace libp2p::muxer::conformance
