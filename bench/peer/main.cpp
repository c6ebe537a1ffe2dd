// libp2p-bench-peer: our bench peer (bench/CONTRACT.md), what bench/run
// measures beside go-libp2p's and rust-libp2p's.
//
//   libp2p-bench-peer server --security noise --muxer yamux [--listen-ip 127.0.0.1]
//   libp2p-bench-peer client --server MADDR --security tls --muxer yamux throughput --upload 1GiB --download 0

#include "client.hpp"
#include "options.hpp"

#include "libp2p/libp2p.hpp"
#include "libp2p/peer/peer_address.hpp"

#include <CLI/CLI.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <map>
#include <thread>
#include <unistd.h>

namespace {

using namespace libp2p;

// Calls `then` on the io_context once standard input reaches its end.
void on_stdin_closed(asio::io_context& io, std::function<void()> then) {
  std::thread([&io, then = std::move(then)] {
    char buffer[256];
    while (::read(STDIN_FILENO, buffer, sizeof buffer) > 0) {
    }
    asio::post(io, then);
  }).detach();
}

int fail(const std::string& what) {
  fmt::print(stderr, "{}\n", what);
  return 1;
}

int serve(const bench::Options& options) {
  auto config = bench::host_config(options);
  if (!config) return fail(config.error().what());
  auto listen = multiformats::Multiaddr::from_string(bench::listen_address(options));
  if (!listen) return fail("--listen-ip: " + listen.error().what());
  config->listen = {*listen};
  config->perf = true;  // ping is on by default
  asio::io_context io;
  auto host = make_host(io.get_executor(), *config);
  if (!host) return fail(host.error().what());
  auto address = peer::with_peer_id((*host)->listen_addresses().front(), (*host)->peer_id()).value();
  fmt::print("listen {}\n", address.to_string());
  std::fflush(stdout);
  auto stop = [&] {
    (*host)->close();
    io.stop();
  };
  asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](auto, int) { stop(); });
  on_stdin_closed(io, stop);
  io.run();
  return 0;
}

int run_client(bench::Options options) {
  asio::io_context io;
  std::vector<std::shared_ptr<host::Host>> held;
  const bool hold = options.scenario == "idle";
  int status = 1;
  asio::co_spawn(io, bench::run_client(std::move(options), held),
                 [&](std::exception_ptr e, Result<std::string> r) {
                   if (e) {
                     fmt::print(stderr, "client: an exception\n");
                   } else if (!r) {
                     fmt::print(stderr, "client: {}\n", r.error().what());
                   } else {
                     fmt::print("{}\n", *r);
                     std::fflush(stdout);
                     status = 0;
                   }
                   auto release = [&] {
                     for (auto& h : held) h->close();
                     io.stop();
                   };
                   if (hold && status == 0) on_stdin_closed(io, release);
                   else release();
                 });
  io.run();
  return status;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"libp2p-bench-peer: the bench peer of bench/CONTRACT.md"};
  app.require_subcommand(1);
  bench::Options options;
  const std::map<std::string, host::Security> securities{{"noise", host::Security::noise},
                                                         {"tls", host::Security::tls}};
  const std::map<std::string, host::Muxer> muxers{{"yamux", host::Muxer::yamux}, {"mplex", host::Muxer::mplex}};
  std::string upload = "0", download = "0";
  auto common = [&](CLI::App* role) {
    role->add_option("--transport", options.transport, "tcp or quic-v1");
    role->add_option("--security", options.security, "noise or tls")
        ->required()
        ->transform(CLI::CheckedTransformer(securities));
    role->add_option("--muxer", options.muxer, "yamux or mplex")->required()->transform(CLI::CheckedTransformer(muxers));
  };
  auto* server = app.add_subcommand("server", "serve perf and ping until SIGTERM or stdin closes");
  common(server);
  server->add_option("--listen-ip", options.listen_ip, "the ip4 address to listen on");
  auto* client = app.add_subcommand("client", "run one scenario against a server, print one JSON line");
  common(client);
  client->add_option("--server", options.server, "the server's multiaddr with /p2p/<id>")->required();
  client->add_option("scenario", options.scenario, "throughput, streams, connect, handshakes, latency, idle")
      ->required();
  client->add_option("--upload", upload, "bytes each perf stream sends (KiB, MiB, GiB)");
  client->add_option("--download", download, "bytes each perf stream receives");
  client->add_option("--streams", options.streams, "streams: concurrent perf streams");
  client->add_option("--count", options.count, "connect, latency: how many");
  client->add_option("--seconds", options.seconds, "handshakes: how long");
  client->add_option("--concurrency", options.concurrency, "handshakes: concurrent loops");
  client->add_option("--connections", options.connections, "idle: connections to hold");
  CLI11_PARSE(app, argc, argv);
  spdlog::set_level(spdlog::level::warn);
  if (*server) return serve(options);
  auto up = bench::parse_bytes(upload);
  auto down = bench::parse_bytes(download);
  if (!up || !down) return fail("--upload/--download: " + (up ? down : up).error().what());
  options.upload = *up;
  options.download = *down;
  return run_client(std::move(options));
}
