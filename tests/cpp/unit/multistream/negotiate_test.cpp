#include "libp2p/multistream/negotiate.hpp"

#include "libp2p/io/pipe.hpp"
#include "libp2p/multistream/errc.hpp"
#include "support/run.hpp"

#include <boost/asio/experimental/awaitable_operators.hpp>

#include <gtest/gtest.h>

#include <set>

namespace libp2p::multistream {
namespace {

using namespace asio::experimental::awaitable_operators;

Supported supporting(std::set<std::string> protocols) {
  return {[protocols](std::string_view p) { return protocols.contains(std::string(p)); },
          [protocols] { return std::vector<std::string>(protocols.begin(), protocols.end()); }};
}

// Built outside the coroutines: GCC 12 miscompiles braced lists of string
// literals inside coroutine bodies ("array used as initializer").
const Supported noise_and_yamux = supporting({"/noise", "/yamux/1.0.0"});
const Supported only_c = supporting({"/c"});
const Supported echo_only = supporting({"/echo/1.0.0"});
const Supported a1_and_b2 = supporting({"/a/1", "/b/2"});
const Supported only_a = supporting({"/a"});

struct Negotiate : ::testing::Test {
  asio::io_context io;
  std::unique_ptr<io::ByteStream> dialer, listener;
  Negotiate() { std::tie(dialer, listener) = io::make_pipe(io.get_executor()); }
};

TEST_F(Negotiate, SelectsTheFirstSupportedProtocol) {
  test::run(io, [&]() -> asio::awaitable<void> {
    const std::vector<std::string> proposals{"/tls/1.0.0", "/noise"};
    auto both = co_await (select(*dialer, proposals) && handle(*listener, noise_and_yamux));
    EXPECT_EQ(std::get<0>(both).value(), "/noise");
    EXPECT_EQ(std::get<1>(both).value(), "/noise");
  }());
}

TEST_F(Negotiate, FailsWhenNothingIsSupported) {
  test::run(io, [&]() -> asio::awaitable<void> {
    const std::vector<std::string> proposals{"/a", "/b"};
    auto chosen = co_await select(*dialer, proposals);
    EXPECT_EQ(chosen.error().code, Errc::not_supported);
    EXPECT_NE(chosen.error().message.find("/a, /b"), std::string::npos);
    dialer->close();
  }() && [&]() -> asio::awaitable<void> {
    auto handled = co_await handle(*listener, only_c);
    EXPECT_FALSE(handled);  // the dialer gave up and closed
  }());
}

TEST_F(Negotiate, WritesHeaderAndProposalTogether) {
  test::run(io, [&]() -> asio::awaitable<void> {
    const std::vector<std::string> proposals{"/noise"};
    auto dial = [&]() -> asio::awaitable<void> { (void)co_await select(*dialer, proposals); };
    auto inspect = [&]() -> asio::awaitable<void> {
      Bytes expected = encode_message(protocol_id);
      append_message(expected, "/noise");
      Bytes got(expected.size());
      EXPECT_TRUE(co_await io::read_exactly(*listener, got));
      EXPECT_EQ(got, expected);
      listener->close();
    };
    co_await (dial() && inspect());
  }());
}

TEST_F(Negotiate, LeavesTheFollowingBytesInTheStream) {
  test::run(io, [&]() -> asio::awaitable<void> {
    const std::vector<std::string> proposals{"/echo/1.0.0"};
    auto dial = [&]() -> asio::awaitable<void> {
      EXPECT_TRUE(co_await select(*dialer, proposals));
      EXPECT_TRUE(co_await io::write(*dialer, as_bytes("payload")));
    };
    auto listen = [&]() -> asio::awaitable<void> {
      EXPECT_TRUE(co_await handle(*listener, echo_only));
      std::uint8_t got[7];
      EXPECT_TRUE(co_await io::read_exactly(*listener, got));
      EXPECT_EQ(as_string(got), "payload");
    };
    co_await (dial() && listen());
  }());
}

TEST_F(Negotiate, LazySelectSendsEverythingInOneWriteAndConfirmsOnRead) {
  test::run(io, [&]() -> asio::awaitable<void> {
    auto lazy = select_lazy(std::move(dialer), "/echo/1.0.0");
    auto dial = [&]() -> asio::awaitable<void> {
      EXPECT_TRUE(co_await io::write(*lazy, as_bytes("ping")));
      std::uint8_t got[4];
      EXPECT_TRUE(co_await io::read_exactly(*lazy, got));
      EXPECT_EQ(as_string(got), "pong");
    };
    auto listen = [&]() -> asio::awaitable<void> {
      EXPECT_EQ((co_await handle(*listener, echo_only)).value(), "/echo/1.0.0");
      std::uint8_t got[4];
      EXPECT_TRUE(co_await io::read_exactly(*listener, got));
      EXPECT_EQ(as_string(got), "ping");
      EXPECT_TRUE(co_await io::write(*listener, as_bytes("pong")));
    };
    co_await (dial() && listen());
  }());
}

TEST_F(Negotiate, LazySelectWithAReadFirstSendsTheHeaderOnce) {
  // A muxer session reads before it writes: the lone header goes out first,
  // and a write racing with it waits instead of sending a second header.
  test::run(io, [&]() -> asio::awaitable<void> {
    auto lazy = select_lazy(std::move(dialer), "/echo/1.0.0");
    auto read_first = [&]() -> asio::awaitable<void> {
      std::uint8_t got[4];
      EXPECT_TRUE(co_await io::read_exactly(*lazy, got));
      EXPECT_EQ(as_string(got), "pong");
    };
    auto write_too = [&]() -> asio::awaitable<void> { EXPECT_TRUE(co_await io::write(*lazy, as_bytes("ping"))); };
    auto listen = [&]() -> asio::awaitable<void> {
      EXPECT_EQ((co_await handle(*listener, echo_only)).value(), "/echo/1.0.0");
      std::uint8_t got[4];
      EXPECT_TRUE(co_await io::read_exactly(*listener, got));
      EXPECT_EQ(as_string(got), "ping");
      EXPECT_TRUE(co_await io::write(*listener, as_bytes("pong")));
    };
    co_await (read_first() && write_too() && listen());
  }());
}

TEST_F(Negotiate, LazySelectReportsRefusalOnFirstRead) {
  test::run(io, [&]() -> asio::awaitable<void> {
    auto lazy = select_lazy(std::move(dialer), "/missing/1.0.0");
    auto dial = [&]() -> asio::awaitable<void> {
      std::uint8_t got[4];
      auto r = co_await lazy->read_some(asio::buffer(got));
      EXPECT_EQ(r.error().code, Errc::not_supported);
      lazy->close();
    };
    auto listen = [&]() -> asio::awaitable<void> {
      EXPECT_FALSE(co_await handle(*listener, echo_only));
    };
    co_await (dial() && listen());
  }());
}

TEST_F(Negotiate, ListsProtocols) {
  test::run(io, [&]() -> asio::awaitable<void> {
    auto listed = [&]() -> asio::awaitable<void> {
      auto protocols = co_await list_protocols(*dialer);
      EXPECT_EQ(protocols.value(), (std::vector<std::string>{"/a/1", "/b/2"}));
      dialer->close();
    };
    auto listen = [&]() -> asio::awaitable<void> { (void)co_await handle(*listener, a1_and_b2); };
    co_await (listed() && listen());
  }());
}

TEST_F(Negotiate, RejectsAPeerThatDoesNotSpeakMultistream) {
  test::run(io, [&]() -> asio::awaitable<void> {
    auto garbage = [&]() -> asio::awaitable<void> {
      EXPECT_TRUE(co_await io::write(*dialer, encode_message("/http/1.1")));
    };
    auto listen = [&]() -> asio::awaitable<void> {
      auto r = co_await handle(*listener, only_a);
      EXPECT_EQ(r.error().code, Errc::not_multistream);
    };
    co_await (garbage() && listen());
  }());
}

TEST_F(Negotiate, RejectsOversizedMessagesBeforeReadingThem) {
  test::run(io, [&]() -> asio::awaitable<void> {
    auto hostile = [&]() -> asio::awaitable<void> {
      Bytes wire = encode_message(protocol_id);
      wire.insert(wire.end(), {0xff, 0xff, 0xff, 0x7f});  // announces ~256 MiB
      EXPECT_TRUE(co_await io::write(*dialer, wire));
    };
    auto listen = [&]() -> asio::awaitable<void> {
      auto r = co_await handle(*listener, only_a);
      EXPECT_EQ(r.error().code, Errc::message_too_large);
    };
    co_await (hostile() && listen());
  }());
}

}  // namespace
}  // namespace libp2p::multistream
