// libp2p-interop-peer: our side of the interop matrix (tests/interop/README.md).
//
//   libp2p-interop-peer listen --ip 10.0.0.1 [--transport tcp|ws|quic-v1] [--security noise] [--muxer yamux]
//       serves ping, identify and /echo/1.0.0; prints its full multiaddr
//       (with /p2p/<id>) as the first line of stdout, then runs until killed
//   libp2p-interop-peer dial <multiaddr> [--transport tcp|ws|quic-v1] [--security noise] [--muxer yamux]
//       connects, pings, checks identify, echoes if the remote serves echo,
//       prints one JSON line (the transport-interop contract) and exits 0
//
// The `run` script beside this file does the Redis part of the contract.

#include "libp2p/io/timeout.hpp"
#include "libp2p/libp2p.hpp"
#include "libp2p/peer/peer_address.hpp"

#include <CLI/CLI.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <openssl/rand.h>
#include <spdlog/cfg/env.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdio>

namespace {

using namespace libp2p;
using multiformats::Multiaddr;
using namespace std::chrono_literals;

struct Options {
  std::string transport = "tcp";
  std::string security = "noise";
  std::string muxer = "yamux";
  std::string ip = "0.0.0.0";
  std::string remote;
  int timeout_seconds = 180;
};

double millis(std::chrono::nanoseconds d) { return std::chrono::duration<double, std::milli>(d).count(); }

Result<host::Config> make_config(const Options& options) {
  host::Config config;
  config.memory = false;
  if (options.transport == "quic-v1") return config;  // QUIC brings its own security and streams
  if (options.transport != "tcp" && options.transport != "ws")
    return Error(asio::error::invalid_argument, "transport: unsupported '" + options.transport + "'");
  if (options.security == "noise") config.security = {host::Security::noise};
  else if (options.security == "tls") config.security = {host::Security::tls};
  else return Error(asio::error::invalid_argument, "security: unsupported '" + options.security + "'");
  if (options.muxer == "yamux") config.muxers = {host::Muxer::yamux};
  else if (options.muxer == "mplex") config.muxers = {host::Muxer::mplex};
  else return Error(asio::error::invalid_argument, "muxer: unsupported '" + options.muxer + "'");
  return config;
}

// The address to publish: the first non-loopback one (the veth's in a
// namespace), loopback only when there is nothing else.
Multiaddr publishable(const std::vector<Multiaddr>& addresses) {
  auto it = std::find_if(addresses.begin(), addresses.end(), [](const Multiaddr& a) {
    auto ip = a.value_for("ip4");
    return ip && !ip->starts_with("127.");
  });
  return it != addresses.end() ? *it : addresses.front();
}

asio::awaitable<Result<host::PeerIdentified>> identified(std::shared_ptr<host::Subscription> events,
                                                         peer::PeerId peer) {
  for (;;) {
    auto event = co_await events->next();
    if (!event) co_return event.error();
    if (auto* who = std::get_if<host::PeerIdentified>(&*event); who && who->peer == peer) co_return *who;
  }
}

asio::awaitable<Result<void>> echo_once(host::Host& host, peer::PeerId peer) {
  auto stream = co_await host.new_stream(peer, std::vector<std::string>(1, std::string(echo::protocol_id)));
  if (!stream) co_return stream.error();
  Bytes sent(1024), received(sent.size());
  RAND_bytes(sent.data(), static_cast<int>(sent.size()));
  if (auto r = co_await io::write(*stream, sent); !r) co_return r.error();
  if (auto r = co_await stream->close_write(); !r) co_return r.error();
  if (auto r = co_await io::read_exactly(*stream, received); !r) co_return r.error();
  if (sent != received) co_return Error(asio::error::invalid_argument, "echo: the reply differs from what was sent");
  co_return Result<void>{};
}

asio::awaitable<int> dial(asio::any_io_executor ex, Options options, host::Config config) {
  auto target = Multiaddr::from_string(options.remote);
  if (!target) {
    fmt::print(stderr, "bad remote address {}: {}\n", options.remote, target.error().what());
    co_return 2;
  }
  auto expected = peer::split_peer_address(*target);
  if (!expected || !expected->peer) {
    fmt::print(stderr, "remote address {} has no /p2p/<id>\n", options.remote);
    co_return 2;
  }
  auto host = make_host(ex, config).value();
  auto events = host->events().subscribe();

  const auto start = std::chrono::steady_clock::now();
  auto connected = co_await host->connect(*target);
  if (!connected) {
    fmt::print(stderr, "connect: {}\n", connected.error().what());
    co_return 1;
  }
  auto rtt = co_await ping::ping(*host, *connected);
  if (!rtt) {
    fmt::print(stderr, "ping: {}\n", rtt.error().what());
    co_return 1;
  }
  const auto handshake_plus_rtt = std::chrono::steady_clock::now() - start;

  auto who = co_await io::with_timeout(identified(events, *connected), 10s, "identify");
  if (!who) {
    fmt::print(stderr, "identify: {}\n", who.error().what());
    co_return 1;
  }
  const auto& protocols = who->protocols;
  auto speaks = [&](std::string_view p) { return std::find(protocols.begin(), protocols.end(), p) != protocols.end(); };
  if (!speaks(ping::protocol_id)) {
    fmt::print(stderr, "identify: the remote does not list {}\n", ping::protocol_id);
    co_return 1;
  }
  std::string echo_result = "not served by the remote";
  if (speaks(echo::protocol_id)) {
    if (auto r = co_await echo_once(*host, *connected); !r) {
      fmt::print(stderr, "echo: {}\n", r.error().what());
      co_return 1;
    }
    echo_result = "ok";
  }
  const auto connection = host->connections().front()->info();

  nlohmann::ordered_json out;
  out["handshakePlusOneRTTMillis"] = millis(handshake_plus_rtt);
  out["pingRTTMilllis"] = millis(*rtt);
  out["checked"] = {{"remotePeer", connected->to_string()},
                    {"peerIdMatches", *connected == *expected->peer},
                    {"security", connection.security},
                    {"muxer", connection.muxer},
                    {"identify", {{"agentVersion", who->agent_version}, {"protocols", who->protocols}}},
                    {"ping", "ok"},
                    {"echo", echo_result}};
  fmt::print("{}\n", out.dump());
  std::fflush(stdout);
  host->close();
  co_return 0;
}

int listen(asio::io_context& io, const Options& options, host::Config config) {
  auto address = Multiaddr::from_string(options.transport == "quic-v1"
                                            ? fmt::format("/ip4/{}/udp/0/quic-v1", options.ip)
                                            : fmt::format("/ip4/{}/tcp/0{}", options.ip, options.transport == "ws" ? "/ws" : ""));
  if (!address) {
    fmt::print(stderr, "bad ip {}: {}\n", options.ip, address.error().what());
    return 2;
  }
  config.listen = {*address};
  auto host = make_host(io.get_executor(), config);
  if (!host) {
    fmt::print(stderr, "{}\n", host.error().what());
    return 1;
  }
  echo::serve(**host);
  fmt::print("{}\n", peer::with_peer_id(publishable((*host)->addresses()), (*host)->peer_id()).value().to_string());
  std::fflush(stdout);
  asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](auto, int) {
    (*host)->close();
    io.stop();
  });
  io.run_for(std::chrono::seconds(options.timeout_seconds));
  return 0;
}

int run(bool dialer, const Options& options) {
  auto config = make_config(options);
  if (!config) {
    fmt::print(stderr, "{}\n", config.error().what());
    return 2;
  }
  asio::io_context io;
  if (!dialer) return listen(io, options, *config);
  int status = 1;
  asio::co_spawn(io, dial(io.get_executor(), options, *config), [&](std::exception_ptr e, int s) {
    status = e ? 1 : s;
    io.stop();
  });
  if (io.run_for(std::chrono::seconds(options.timeout_seconds)); !io.stopped()) {
    fmt::print(stderr, "timed out after {} s\n", options.timeout_seconds);
    return 1;
  }
  return status;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"libp2p-interop-peer: the C++ peer of the interop matrix"};
  app.require_subcommand(1);
  Options options;
  for (auto* cmd : {app.add_subcommand("listen", "serve ping, identify and echo; print our multiaddr"),
                    app.add_subcommand("dial", "connect, ping, identify, echo; print the JSON result")}) {
    cmd->add_option("--transport", options.transport, "tcp, ws or quic-v1");
    cmd->add_option("--security", options.security, "noise or tls");
    cmd->add_option("--muxer", options.muxer, "yamux or mplex");
    cmd->add_option("--timeout", options.timeout_seconds, "give up after this many seconds");
  }
  app.get_subcommand("listen")->add_option("--ip", options.ip, "the ip4 address to listen on");
  app.get_subcommand("dial")->add_option("remote", options.remote, "the listener's multiaddr")->required();
  CLI11_PARSE(app, argc, argv);
  spdlog::set_level(spdlog::level::warn);
  spdlog::cfg::load_env_levels();  // SPDLOG_LEVEL=debug for the stack's logs
  return run(app.got_subcommand("dial"), options);
}
