#include "client.hpp"

#include "libp2p/io/event.hpp"
#include "libp2p/libp2p.hpp"
#include "libp2p/peer/peer_address.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <atomic>
#include <functional>

namespace libp2p::bench {
namespace {

using Clock = std::chrono::steady_clock;
using multiformats::Multiaddr;

constexpr int warm_up_pings = 10;
constexpr int dials_in_flight = 64;  // idle opens its connections this many at a time

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

Error usage(std::string message) { return Error(std::make_error_code(std::errc::invalid_argument), std::move(message)); }

// Runs task(0) ... task(n-1) concurrently; the first failure, if any.
asio::awaitable<Result<void>> run_concurrently(int n, std::function<asio::awaitable<Result<void>>(int)> task) {
  auto executor = co_await asio::this_coro::executor;
  io::Event done(executor);
  int left = n;
  std::optional<Error> failure;
  for (int i = 0; i < n; ++i)
    asio::co_spawn(executor, task(i), [&](std::exception_ptr e, Result<void> r) {
      if (!failure && e) failure = Error(std::make_error_code(std::errc::state_not_recoverable), "a task threw");
      if (!failure && !r) failure = r.error();
      if (--left == 0) done.set();
    });
  if (left > 0) co_await done.wait();
  if (failure) co_return *failure;
  co_return Result<void>{};
}

class Client {
 public:
  Client(asio::any_io_executor executor, Options options, host::Config config, Multiaddr server, peer::PeerId peer)
      : executor_(std::move(executor)),
        options_(std::move(options)),
        config_(std::move(config)),
        server_(std::move(server)),
        peer_(std::move(peer)) {}

  asio::awaitable<Result<std::string>> run(std::vector<std::shared_ptr<host::Host>>& held) {
    const auto& name = options_.scenario;
    if (name == "throughput") co_return co_await throughput(1);
    if (name == "streams") co_return co_await throughput(options_.streams);
    if (name == "connect") co_return co_await connect();
    if (name == "handshakes") co_return co_await handshakes();
    if (name == "latency") co_return co_await latency();
    if (name == "idle") co_return co_await idle(held);
    co_return usage("unknown scenario \"" + name + "\" (throughput, streams, connect, handshakes, latency, idle)");
  }

 private:
  // Every host of the client has the same identity: the server sees one peer.
  Result<std::shared_ptr<host::Host>> new_host() { return make_host(executor_, config_); }

  asio::awaitable<Result<std::shared_ptr<host::Host>>> connected_host() {
    auto host = new_host();
    if (!host) co_return host.error();
    if (auto r = co_await (*host)->connect(server_); !r) co_return r.error();
    co_return *host;
  }

  // `streams` concurrent perf streams on one connection (dialed untimed).
  asio::awaitable<Result<std::string>> throughput(int streams) {
    auto host = co_await connected_host();
    if (!host) co_return host.error();
    const auto start = Clock::now();
    auto r = co_await run_concurrently(streams, [&](int) -> asio::awaitable<Result<void>> {
      auto m = co_await perf::perf(**host, peer_, options_.upload, options_.download);
      if (!m) co_return m.error();
      co_return Result<void>{};
    });
    const double seconds = seconds_since(start);
    (*host)->close();
    if (!r) co_return r.error();
    const auto n = static_cast<std::uint64_t>(streams);
    std::string json = fmt::format(R"({{"seconds": {}, "upload": {}, "download": {})", seconds, n * options_.upload,
                                   n * options_.download);
    if (options_.scenario == "streams") json += fmt::format(R"(, "streams": {})", streams);
    co_return json + "}";
  }

  // New connections one after another, each timed from the dial to the last
  // byte of a one-byte perf exchange, then closed.
  asio::awaitable<Result<std::string>> connect() {
    auto host = new_host();
    if (!host) co_return host.error();
    std::vector<double> ms;
    for (int i = 0; i < options_.count; ++i) {
      const auto start = Clock::now();
      if (auto r = co_await (*host)->connect(server_); !r) co_return r.error();
      if (auto m = co_await perf::perf(**host, peer_, 1, 1); !m) co_return m.error();
      ms.push_back(seconds_since(start) * 1e3);
      (*host)->disconnect(peer_);
    }
    (*host)->close();
    co_return fmt::format(R"({{"ms": [{}]}})", fmt::join(ms, ", "));
  }

  // `concurrency` loops of dial (secured and multiplexed), close. A host
  // keeps one connection per peer and coalesces dials, so each loop has its own.
  asio::awaitable<Result<std::string>> handshakes() {
    std::vector<std::shared_ptr<host::Host>> hosts;
    for (int i = 0; i < options_.concurrency; ++i) {
      auto host = new_host();
      if (!host) co_return host.error();
      hosts.push_back(*host);
    }
    std::uint64_t count = 0;
    const auto start = Clock::now();
    const auto deadline = start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(options_.seconds));
    auto r = co_await run_concurrently(options_.concurrency, [&](int i) -> asio::awaitable<Result<void>> {
      while (Clock::now() < deadline) {
        if (auto c = co_await hosts[i]->connect(server_); !c) co_return c.error();
        ++count;
        hosts[i]->disconnect(peer_);
      }
      co_return Result<void>{};
    });
    const double seconds = seconds_since(start);
    for (auto& h : hosts) h->close();
    if (!r) co_return r.error();
    co_return fmt::format(R"({{"handshakes": {}, "seconds": {}}})", count, seconds);
  }

  // Pings on one ping stream: warm_up_pings, then `count` timed ones.
  asio::awaitable<Result<std::string>> latency() {
    auto host = co_await connected_host();
    if (!host) co_return host.error();
    std::vector<std::string> protocols{std::string(ping::protocol_id)};
    auto stream = co_await (*host)->new_stream(peer_, std::move(protocols));
    if (!stream) co_return stream.error();
    std::vector<double> us;
    for (int i = 0; i < warm_up_pings + options_.count; ++i) {
      auto rtt = co_await ping::ping_once(*stream);
      if (!rtt) co_return rtt.error();
      if (i >= warm_up_pings) us.push_back(std::chrono::duration<double, std::micro>(*rtt).count());
    }
    stream->close();
    (*host)->close();
    co_return fmt::format(R"({{"us": [{}]}})", fmt::join(us, ", "));
  }

  // `connections` connections, a host each, left open in `held`.
  asio::awaitable<Result<std::string>> idle(std::vector<std::shared_ptr<host::Host>>& held) {
    int next = 0;
    auto r = co_await run_concurrently(std::min(dials_in_flight, options_.connections),
                                       [&](int) -> asio::awaitable<Result<void>> {
                                         while (next < options_.connections) {
                                           ++next;
                                           auto host = co_await connected_host();
                                           if (!host) co_return host.error();
                                           held.push_back(*host);
                                         }
                                         co_return Result<void>{};
                                       });
    if (!r) co_return r.error();
    co_return fmt::format(R"({{"open": {}}})", held.size());
  }

  asio::any_io_executor executor_;
  Options options_;
  host::Config config_;
  Multiaddr server_;
  peer::PeerId peer_;
};

}  // namespace

asio::awaitable<Result<std::string>> run_client(Options options, std::vector<std::shared_ptr<host::Host>>& held) {
  if (options.streams < 1 || options.count < 1 || options.seconds <= 0 || options.concurrency < 1 ||
      options.connections < 1)
    co_return usage("--streams, --count, --seconds, --concurrency and --connections must be positive");
  auto config = host_config(options);
  if (!config) co_return config.error();
  auto identity = crypto::KeyPair::generate();
  if (!identity) co_return identity.error();
  config->identity = *identity;
  auto server = Multiaddr::from_string(options.server);
  if (!server) co_return prefixed("--server", server.error());
  auto split = peer::split_peer_address(*server);
  if (!split) co_return prefixed("--server", split.error());
  if (!split->peer) co_return usage("--server: the address must end in /p2p/<peer-id>");
  Client client(co_await asio::this_coro::executor, std::move(options), std::move(*config), *server, *split->peer);
  co_return co_await client.run(held);
}

}  // namespace libp2p::bench
