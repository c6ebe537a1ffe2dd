#pragma once

// The bridge between asyncio and a C++ Host (DESIGN.md, "The Python bridge").
// A HostRuntime owns an io_context and the thread that runs it, and the Host
// on it. Python calls post work to that thread and return at once; each call
// carries an integer op id. Results go into a queue without the GIL and wake
// the event loop through an eventfd, once per batch; the loop drains the
// queue and resolves its futures. C++ never holds a Python object.
//
// Streams are the exception to "post and complete": their reads and writes
// go through a StreamPort, answered on the calling thread when they can be,
// so that moving data costs no hand-off between threads while it flows.

#include "stream_port.hpp"

#include "libp2p/host/host.hpp"
#include "libp2p/protocols/perf/perf.hpp"

#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <variant>
#include <vector>

namespace libp2p::bindings {

// A stream that was opened (by us or by the remote), as Python sees it.
struct StreamOpened {
  std::uint64_t stream_id;
  std::string protocol;
  peer::PeerId peer;
  multiformats::Multiaddr remote_address;
};
// The remote opened a stream for a Python handler.
struct InboundStream {
  std::uint64_t handler_id;
  StreamOpened stream;
};

using Value = std::variant<std::monostate, bool, std::int64_t, std::string, Bytes, peer::PeerId, StreamOpened,
                           InboundStream, host::Event, perf::Measurement>;

// One finished operation (or an inbound stream, with op_id 0).
struct Completion {
  std::uint64_t op_id = 0;
  std::optional<Error> error;
  Value value;
};

class HostRuntime {
 public:
  explicit HostRuntime(host::Config config);
  ~HostRuntime();
  HostRuntime(const HostRuntime&) = delete;
  HostRuntime& operator=(const HostRuntime&) = delete;

  // The fd the event loop watches; readable when completions wait.
  int wakeup_fd() const { return wakeup_fd_; }
  // Takes every waiting completion (and resets the fd).
  std::vector<Completion> drain();

  // Operations: each completes once, with its op id.
  void connect(std::uint64_t op, multiformats::Multiaddr address);
  void new_stream(std::uint64_t op, peer::PeerId peer, std::vector<std::string> protocols);
  void ping(std::uint64_t op, peer::PeerId peer);
  void perf(std::uint64_t op, peer::PeerId peer, std::uint64_t upload_bytes, std::uint64_t download_bytes);
  void next_event(std::uint64_t op, std::uint64_t subscription);
  void cancel(std::uint64_t op);

  // A stream's port (any thread), or nullptr once it is released. Its calls
  // park their op id when they cannot answer at once (StreamPort).
  std::shared_ptr<StreamPort> port(std::uint64_t stream) const;

  // Fire and forget.
  void stream_reset(std::uint64_t stream);
  void stream_release(std::uint64_t stream);  // Python is done with it: reset unless fully closed
  void set_stream_handler(std::uint64_t handler_id, std::string protocol, std::size_t max_streams);
  void remove_stream_handler(std::string protocol);
  void disconnect(peer::PeerId peer);
  std::uint64_t subscribe();
  void unsubscribe(std::uint64_t subscription);

  // Answers from the network thread (the caller waits for them).
  const peer::PeerId& peer_id() const { return peer_id_; }
  Result<multiformats::Multiaddr> listen(multiformats::Multiaddr address);
  std::vector<multiformats::Multiaddr> addresses();
  std::vector<multiformats::Multiaddr> listen_addresses();
  std::vector<std::string> protocols();
  std::vector<net::ConnectionInfo> connections();
  std::vector<multiformats::Multiaddr> peer_addresses(peer::PeerId peer);
  std::vector<std::string> peer_protocols(peer::PeerId peer);
  std::optional<std::string> peer_agent_version(peer::PeerId peer);
  std::vector<peer::PeerId> known_peers();
  void add_peer_addresses(peer::PeerId peer, std::vector<multiformats::Multiaddr> addresses);

  // Closes the host and joins the thread. Idempotent.
  void close();

 private:
  HostRuntime(host::Config config, int);  // config has an identity
  template <class Fn>
  auto on_network_thread(Fn fn);  // runs fn there and waits for its result
  template <class Task>
  void start(std::uint64_t op, Task task);  // spawns an op with its cancellation signal
  void complete(Completion completion);
  std::uint64_t register_stream(host::Stream stream);

  asio::io_context io_;
  asio::executor_work_guard<asio::io_context::executor_type> work_;
  std::thread thread_;
  std::shared_ptr<host::Host> host_;
  peer::PeerId peer_id_;

  // Network thread only.
  std::unordered_map<std::uint64_t, std::shared_ptr<asio::cancellation_signal>> running_;
  std::unordered_map<std::uint64_t, std::shared_ptr<host::Subscription>> subscriptions_;
  std::unordered_map<std::uint64_t, std::size_t> handler_streams_;  // open inbound streams per handler
  std::unordered_map<std::uint64_t, std::uint64_t> stream_handler_;  // stream -> handler it went to
  std::uint64_t next_stream_id_ = 1;
  std::uint64_t next_subscription_id_ = 1;

  // Changed on the network thread, looked up from Python's too.
  mutable std::mutex ports_mutex_;
  std::unordered_map<std::uint64_t, std::shared_ptr<StreamPort>> ports_;

  // Any thread.
  std::mutex mutex_;
  std::vector<Completion> completions_;
  int wakeup_fd_ = -1;
  bool closed_ = false;
};

}  // namespace libp2p::bindings
