#pragma once

// The suite every raw transport must pass. A transport joins it with a
// traits type and one line in a file of its own:
//
//   struct TcpTraits {
//     static std::unique_ptr<transport::RawTransport> make(asio::any_io_executor executor);
//     static std::string listen_address();  // one that picks a free port (or number)
//   };
//   INSTANTIATE_TYPED_TEST_SUITE_P(Tcp, TransportConformance, ::testing::Types<TcpTraits>);

#include "libp2p/transport/raw_transport.hpp"
#include "support/readiness.hpp"
#include "support/run.hpp"

#include <boost/asio/error.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/io_context.hpp>

#include <gtest/gtest.h>

#include <numeric>

namespace libp2p::transport::conformance {

using namespace asio::experimental::awaitable_operators;

inline Bytes pattern(std::size_t n, std::uint8_t seed) {
  Bytes b(n);
  std::iota(b.begin(), b.end(), seed);
  return b;
}

// Reads until end of stream; another failure is a test failure.
inline asio::awaitable<Bytes> read_to_end(io::ByteStream& s, std::size_t chunk = 64 * 1024) {
  Bytes out, buf(chunk);
  for (;;) {
    auto n = co_await s.read_some(asio::buffer(buf));
    if (!n) {
      EXPECT_EQ(n.error().code, asio::error::eof) << n.error().what();
      co_return out;
    }
    out.insert(out.end(), buf.begin(), buf.begin() + static_cast<std::ptrdiff_t>(*n));
  }
}

template <class Traits>
class TransportConformance : public ::testing::Test {
 protected:
  asio::io_context io;
  std::unique_ptr<RawTransport> transport = Traits::make(io.get_executor());
  std::unique_ptr<RawListener> listener = transport->listen(Multiaddr::from_string(Traits::listen_address()).value()).value();

  struct Pair {
    std::unique_ptr<RawConnection> dialer, listener;
  };

  // A connection from a dial and the accept that met it.
  Pair connect() {
    Pair p;
    test::run(io, [&]() -> asio::awaitable<void> {
      auto both = co_await (transport->dial(listener->address()) && listener->accept());
      EXPECT_TRUE(std::get<0>(both)) << std::get<0>(both).error().what();
      EXPECT_TRUE(std::get<1>(both)) << std::get<1>(both).error().what();
      if (std::get<0>(both) && std::get<1>(both)) p = {std::move(*std::get<0>(both)), std::move(*std::get<1>(both))};
    }());
    if (!p.dialer) throw std::runtime_error("no connection");
    return p;
  }

  // Sends `data` from `from` (then closes its direction) while `to` reads it to the end.
  static asio::awaitable<void> transfer(io::ByteStream& from, io::ByteStream& to, Bytes data, std::size_t chunk) {
    auto send = [&]() -> asio::awaitable<void> {
      EXPECT_TRUE(co_await io::write(from, data));
      EXPECT_TRUE(co_await from.close_write());
    };
    auto receive = [&]() -> asio::awaitable<Bytes> { co_return co_await read_to_end(to, chunk); };
    auto got = co_await (send() && receive());  // `&&` drops send's void
    EXPECT_EQ(got.size(), data.size());
    EXPECT_TRUE(got == data);
  }
};

TYPED_TEST_SUITE_P(TransportConformance);

TYPED_TEST_P(TransportConformance, ListensOnAFreePortAndKeepsTheAddressForm) {
  const auto asked = Multiaddr::from_string(TypeParam::listen_address()).value();
  const auto& bound = this->listener->address();
  EXPECT_NE(bound, asked);  // the port (or number) picked is in it
  std::vector<std::string_view> asked_names, bound_names;
  for (const auto& c : asked) asked_names.push_back(c.name());
  for (const auto& c : bound) bound_names.push_back(c.name());
  EXPECT_EQ(bound_names, asked_names) << bound;
  EXPECT_TRUE(this->transport->can_dial(bound));
}

TYPED_TEST_P(TransportConformance, BothEndsKnowTheirAddresses) {
  auto p = this->connect();
  EXPECT_EQ(p.dialer->remote_address(), this->listener->address());
  EXPECT_EQ(p.listener->local_address(), this->listener->address());
  EXPECT_EQ(p.dialer->local_address(), p.listener->remote_address());
}

TYPED_TEST_P(TransportConformance, CarriesDataBothWaysAtOnce) {
  auto p = this->connect();
  test::run(this->io, [&]() -> asio::awaitable<void> {
    co_await (this->transfer(*p.dialer, *p.listener, pattern(100'000, 1), 4096) &&
              this->transfer(*p.listener, *p.dialer, pattern(70'000, 2), 4096));
  }());
}

TYPED_TEST_P(TransportConformance, CarriesLargeTransfers) {
  auto p = this->connect();
  test::run(this->io, [&]() -> asio::awaitable<void> {
    co_await (this->transfer(*p.dialer, *p.listener, pattern(8 * 1024 * 1024 + 3, 5), 256 * 1024) &&
              this->transfer(*p.listener, *p.dialer, pattern(3 * 1024 * 1024, 6), 1000));
  }());
}

TYPED_TEST_P(TransportConformance, IsAByteStreamAcrossWrites) {
  // Many small writes read with other sizes: no boundary is kept.
  auto p = this->connect();
  Bytes all = pattern(5000, 3);
  test::run(this->io, [&]() -> asio::awaitable<void> {
    auto send = [&]() -> asio::awaitable<void> {
      for (std::size_t at = 0; at < all.size(); at += 7)
        EXPECT_TRUE(co_await io::write(*p.dialer, BytesView(all).subspan(at, std::min<std::size_t>(7, all.size() - at))));
    };
    auto receive = [&]() -> asio::awaitable<void> {
      Bytes got(all.size());
      EXPECT_TRUE(co_await io::read_exactly(*p.listener, got));
      EXPECT_TRUE(got == all);
    };
    co_await (send() && receive());
  }());
}

TYPED_TEST_P(TransportConformance, CloseWriteIsAHalfClose) {
  // Each side's close_write reaches the other as end of stream, after the
  // data; the other direction goes on until it is closed too.
  auto p = this->connect();
  test::run(this->io, [&]() -> asio::awaitable<void> {
    co_await this->transfer(*p.dialer, *p.listener, to_bytes("request"), 64);
    co_await this->transfer(*p.listener, *p.dialer, to_bytes("answer after the request's end"), 64);
    std::uint8_t buf[8];
    auto again = co_await p.listener->read_some(asio::buffer(buf));
    EXPECT_EQ(again.error().code, asio::error::eof);
  }());
}

TYPED_TEST_P(TransportConformance, CloseFailsTheRemotesRead) {
  auto p = this->connect();
  test::run(this->io, [&]() -> asio::awaitable<void> {
    auto reader = [&]() -> asio::awaitable<void> {
      std::uint8_t buf[16];
      auto r = co_await p.listener->read_some(asio::buffer(buf));
      EXPECT_FALSE(r);
    };
    auto closer = [&]() -> asio::awaitable<void> {
      p.dialer->close();
      co_return;
    };
    co_await (reader() && closer());
  }());
}

TYPED_TEST_P(TransportConformance, ManyConnectionsAtOnce) {
  constexpr int count = 40;
  std::vector<std::unique_ptr<RawConnection>> dialed(count), accepted(count);
  test::run(this->io, [&]() -> asio::awaitable<void> {
    auto dial = [&](int i) -> asio::awaitable<void> {
      auto c = co_await this->transport->dial(this->listener->address());
      EXPECT_TRUE(c) << c.error().what();
      if (!c) co_return;
      const Bytes hello(1, static_cast<std::uint8_t>(i));
      EXPECT_TRUE(co_await io::write(**c, hello));
      dialed[i] = std::move(*c);
    };
    auto accept_all = [&]() -> asio::awaitable<void> {
      for (int i = 0; i < count; ++i) {
        auto c = co_await this->listener->accept();
        EXPECT_TRUE(c) << c.error().what();
        if (!c) co_return;
        std::uint8_t which = 0;
        EXPECT_TRUE(co_await io::read_exactly(**c, std::span<std::uint8_t>(&which, 1)));
        EXPECT_LT(which, count);
        EXPECT_FALSE(accepted[which]) << "two connections said " << int(which);
        if (which < count) accepted[which] = std::move(*c);
      }
    };
    auto dial_all = [&]() -> asio::awaitable<void> {
      auto group = dial(0);
      for (int i = 1; i < count; ++i) group = std::move(group) && dial(i);
      co_await std::move(group);
    };
    co_await (dial_all() && accept_all());
  }());
  for (int i = 0; i < count; ++i) EXPECT_TRUE(dialed[i] && accepted[i]) << i;
}

TYPED_TEST_P(TransportConformance, ClosingTheListenerEndsAPendingAccept) {
  test::run(this->io, [&]() -> asio::awaitable<void> {
    auto closer = [&]() -> asio::awaitable<void> {
      this->listener->close();
      co_return;
    };
    auto r = co_await (this->listener->accept() && closer());
    EXPECT_FALSE(r);
    auto again = co_await this->listener->accept();
    EXPECT_FALSE(again);
  }());
}

TYPED_TEST_P(TransportConformance, DialingAClosedListenerFails) {
  const auto address = this->listener->address();
  this->listener.reset();
  test::run(this->io, [&]() -> asio::awaitable<void> {
    auto c = co_await this->transport->dial(address);
    EXPECT_FALSE(c);
  }());
}

TYPED_TEST_P(TransportConformance, AListenerOutlivesADialerThatLeaves) {
  test::run(this->io, [&]() -> asio::awaitable<void> {
    auto first = co_await this->transport->dial(this->listener->address());
    EXPECT_TRUE(first) << first.error().what();
    if (!first) co_return;
    (*first)->close();
    auto gone = co_await this->listener->accept();
    EXPECT_TRUE(gone) << gone.error().what();
    if (!gone) co_return;
    std::uint8_t buf[1];
    EXPECT_FALSE(co_await (*gone)->read_some(asio::buffer(buf)));
  }());
  auto p = this->connect();  // still accepting
  test::run(this->io, this->transfer(*p.dialer, *p.listener, to_bytes("still there"), 64));
}

TYPED_TEST_P(TransportConformance, TellsWhenItIsReadable) {
  auto p = this->connect();
  if (p.listener->readiness() == io::ByteStream::Readiness::unknown) GTEST_SKIP() << "cannot tell its readiness";
  test::run(this->io, test::check_readiness(*p.listener, *p.dialer));
}

REGISTER_TYPED_TEST_SUITE_P(TransportConformance, ListensOnAFreePortAndKeepsTheAddressForm,
                            BothEndsKnowTheirAddresses, CarriesDataBothWaysAtOnce, CarriesLargeTransfers,
                            IsAByteStreamAcrossWrites, CloseWriteIsAHalfClose, CloseFailsTheRemotesRead,
                            ManyConnectionsAtOnce, ClosingTheListenerEndsAPendingAccept,
                            DialingAClosedListenerFails, AListenerOutlivesADialerThatLeaves,
                            TellsWhenItIsReadable);

}  // namespace libp2p::transport::conformance
