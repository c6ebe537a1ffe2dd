// libp2p-node: the command-line node on the C++ core.
//
//   libp2p-node demo                       two nodes on loopback: connect, identify, ping, echo; then exit
//   libp2p-node listen -l /ip4/0.0.0.0/tcp/4001 [-k key.bin]
//                                          serve ping, identify, echo and perf until Ctrl-C
//   libp2p-node id [-k key.bin]            create (or show) an identity

#include "libp2p/crypto/key_file.hpp"
#include "libp2p/libp2p.hpp"
#include "libp2p/peer/peer_address.hpp"

#include <CLI/CLI.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <fmt/chrono.h>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <filesystem>

namespace {

using namespace libp2p;
using multiformats::Multiaddr;

double millis(std::chrono::nanoseconds d) { return std::chrono::duration<double, std::milli>(d).count(); }

Result<crypto::KeyPair> load_or_create(const std::string& path) {
  if (path.empty()) return crypto::KeyPair::generate();
  if (std::filesystem::exists(path)) {
    auto key = crypto::load_key_file(path);
    if (!key) return key.error();
    return crypto::KeyPair(std::move(*key));
  }
  auto key = crypto::KeyPair::generate();
  if (!key) return key;
  if (auto r = crypto::save_key_file(path, key->private_key()); !r) return r.error();
  return key;
}

void print_addresses(const host::Host& host) {
  for (const auto& a : host.addresses()) fmt::print("  {}\n", peer::with_peer_id(a, host.peer_id()).value().to_string());
}

asio::awaitable<int> demo(asio::io_context& io) {
  auto ex = io.get_executor();
  host::Config config;
  config.listen = {Multiaddr::from_string("/ip4/127.0.0.1/tcp/0").value()};
  auto alice = make_host(ex, config).value();
  auto bob = make_host(ex, config).value();
  echo::serve(*bob);
  auto identified = alice->events().subscribe();

  fmt::print("alice {}\nbob   {}\n", alice->peer_id().to_string(), bob->peer_id().to_string());
  print_addresses(*bob);
  const auto target = peer::with_peer_id(bob->addresses().front(), bob->peer_id()).value();
  const auto start = std::chrono::steady_clock::now();
  auto connected = co_await alice->connect(target);
  if (!connected) {
    fmt::print(stderr, "connect failed: {}\n", connected.error().what());
    co_return 1;
  }
  const auto connection = alice->connections().front()->info();
  fmt::print("connected in {:.2f} ms over {} + {}\n", millis(std::chrono::steady_clock::now() - start),
             connection.security, connection.muxer);

  for (;;) {  // identify runs by itself on every new connection
    auto event = co_await identified->next();
    if (!event) break;
    if (auto* who = std::get_if<host::PeerIdentified>(&*event)) {
      fmt::print("identified {}: agent {}, {} protocols, {} listen addresses\n", who->peer.to_string(),
                 who->agent_version, who->protocols.size(), who->listen_addresses.size());
      for (const auto& p : who->protocols) fmt::print("  {}\n", p);
      break;
    }
  }

  for (int i = 0; i < 3; ++i) {
    auto rtt = co_await ping::ping(*alice, bob->peer_id());
    if (!rtt) {
      fmt::print(stderr, "ping failed: {}\n", rtt.error().what());
      co_return 1;
    }
    fmt::print("ping {}: {:.3f} ms\n", i + 1, millis(*rtt));
  }

  auto stream = co_await alice->new_stream(bob->peer_id(), std::vector<std::string>(1, std::string(echo::protocol_id)));
  if (!stream) {
    fmt::print(stderr, "echo failed: {}\n", stream.error().what());
    co_return 1;
  }
  const std::string text = "hello from alice";
  (void)co_await io::write(*stream, as_bytes(text));
  (void)co_await stream->close_write();
  std::string reply(text.size(), '\0');
  auto got = co_await io::read_exactly(*stream, std::span(reinterpret_cast<std::uint8_t*>(reply.data()), reply.size()));
  fmt::print("echo: {}\n", got ? reply : "failed: " + got.error().what());

  alice->close();
  bob->close();
  co_return got ? 0 : 1;
}

int run_demo() {
  asio::io_context io;
  int status = 1;
  asio::co_spawn(io, demo(io), [&](std::exception_ptr e, int s) {
    status = e ? 1 : s;
    io.stop();
  });
  io.run();
  return status;
}

int run_listen(const std::vector<std::string>& listen, const std::string& key_path) {
  auto key = load_or_create(key_path);
  if (!key) {
    fmt::print(stderr, "identity: {}\n", key.error().what());
    return 1;
  }
  asio::io_context io;
  host::Config config;
  config.identity = *key;
  config.perf = true;  // a node run by hand is there to be tried, as its echo is
  for (const auto& text : listen) {
    auto address = Multiaddr::from_string(text);
    if (!address) {
      fmt::print(stderr, "bad address {}: {}\n", text, address.error().what());
      return 2;
    }
    config.listen.push_back(*address);
  }
  auto host = make_host(io.get_executor(), config);
  if (!host) {
    fmt::print(stderr, "{}\n", host.error().what());
    return 1;
  }
  echo::serve(**host);
  fmt::print("peer id {}\nlistening on\n", (*host)->peer_id().to_string());
  print_addresses(**host);
  auto events = (*host)->events().subscribe();
  asio::co_spawn(
      io,
      [](std::shared_ptr<host::Subscription> events) -> asio::awaitable<void> {
        for (;;) {
          auto event = co_await events->next();
          if (!event) co_return;
          if (auto* c = std::get_if<host::PeerConnected>(&*event))
            fmt::print("connected {} ({})\n", c->peer.to_string(), c->connection.remote_address.to_string());
          else if (auto* d = std::get_if<host::PeerDisconnected>(&*event))
            fmt::print("disconnected {}\n", d->peer.to_string());
          std::fflush(stdout);
        }
      }(events),
      asio::detached);
  asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](auto, int) {
    (*host)->close();
    io.stop();
  });
  std::fflush(stdout);
  io.run();
  return 0;
}

int run_id(const std::string& key_path) {
  auto key = load_or_create(key_path);
  if (!key) {
    fmt::print(stderr, "identity: {}\n", key.error().what());
    return 1;
  }
  const auto id = peer::PeerId::from_public_key(key->public_key());
  fmt::print("peer id     {}\nas CID      {}\nkey type    {}\n", id.to_base58(), id.to_cid_string(),
             crypto::to_string(key->type()));
  for (const char* a : {"/ip4/127.0.0.1/tcp/4001", "/ip6/::1/tcp/4001", "/memory/1"}) {
    auto address = Multiaddr::from_string(a).value();
    auto full = peer::with_peer_id(address, id).value();
    fmt::print("address     {}\n            {}\n", full.to_string(), multiformats::multibase::encode(multiformats::multibase::Base::base16, full.bytes()));
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"libp2p-node: a libp2p node on the C++ core"};
  app.require_subcommand(1);
  std::string key_path;
  std::vector<std::string> listen{"/ip4/0.0.0.0/tcp/0"};
  auto* demo_cmd = app.add_subcommand("demo", "two nodes on loopback: connect, identify, ping, echo");
  auto* listen_cmd = app.add_subcommand("listen", "serve ping, identify, echo and perf until interrupted");
  listen_cmd->add_option("-l,--listen", listen, "multiaddrs to listen on");
  listen_cmd->add_option("-k,--key", key_path, "private key file (created if missing)");
  auto* id_cmd = app.add_subcommand("id", "create or show an identity");
  id_cmd->add_option("-k,--key", key_path, "private key file (created if missing)");
  CLI11_PARSE(app, argc, argv);
  spdlog::set_level(spdlog::level::warn);
  if (*demo_cmd) return run_demo();
  if (*listen_cmd) return run_listen(listen, key_path);
  return run_id(key_path);
}
