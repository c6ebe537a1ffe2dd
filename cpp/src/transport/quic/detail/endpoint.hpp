#pragma once

// One UDP socket and the QUIC connections on it, found by the destination
// connection id of each datagram. It listens (a client Initial for an
// unknown id starts a server Session) while an acceptor is set, and dials
// from the same socket. It closes its socket once it neither listens nor
// carries a connection.

#include "transport/quic/detail/session.hpp"
#include "transport/quic/detail/udp_io.hpp"

#include <boost/asio/ip/udp.hpp>

#include <unordered_map>

namespace libp2p::transport::quic::detail {

class Endpoint : public std::enable_shared_from_this<Endpoint> {
 public:
  using Acceptor = std::function<void(std::shared_ptr<Session>)>;

  static Result<std::shared_ptr<Endpoint>> open(asio::any_io_executor executor, const boost::asio::ip::udp::endpoint& bind,
                                                std::shared_ptr<TlsContext> tls, const SessionConfig& config,
                                                std::size_t max_pending_handshakes);
  ~Endpoint();

  asio::any_io_executor executor() const { return executor_; }
  const boost::asio::ip::udp::endpoint& local() const { return local_; }
  bool is_open() const { return !closed_; }
  bool is_listening() const { return static_cast<bool>(acceptor_); }

  // Established inbound sessions go to `acceptor`; none: stop accepting.
  void set_acceptor(Acceptor acceptor);
  // A client session to `remote`, its first packet on its way.
  Result<std::shared_ptr<Session>> connect(const boost::asio::ip::udp::endpoint& remote,
                                           std::optional<peer::PeerId> expected);

  // From the sessions.
  void route(const Cid& cid, std::shared_ptr<Session> session);
  void unroute(const Cid& cid);
  void handshake_finished(const Session& session);  // established or failed, once
  void session_ended(const Session& session);
  // Packets to send: gathered into one burst while they go to one
  // destination and can be one GSO send (udp_io.hpp), which leaves when the
  // next packet cannot join or at send_queued().
  void queue(BytesView packet, const boost::asio::ip::udp::endpoint& to);
  void send_queued();
  void send(BytesView packet, const boost::asio::ip::udp::endpoint& to);  // at once
  // Whether packets wait for the socket; then the session is told to flush
  // again once they are out.
  bool congested() const { return !backlog_.empty(); }
  void wait_writable(std::shared_ptr<Session> session);

 private:
  Endpoint(asio::any_io_executor executor, std::shared_ptr<TlsContext> tls, const SessionConfig& config,
           std::size_t max_pending_handshakes);
  asio::awaitable<void> receive_loop();
  asio::awaitable<void> drain_backlog();
  void on_datagram(BytesView datagram, const boost::asio::ip::udp::endpoint& from);
  void accept_initial(BytesView datagram, const boost::asio::ip::udp::endpoint& from);
  void close_if_unused();

  asio::any_io_executor executor_;
  std::shared_ptr<TlsContext> tls_;
  const SessionConfig config_;
  const std::size_t max_pending_handshakes_;
  boost::asio::ip::udp::socket socket_;
  std::optional<UdpIo> io_;
  boost::asio::ip::udp::endpoint local_;
  std::unordered_map<Cid, std::shared_ptr<Session>, CidHash> routes_;
  std::size_t sessions_ = 0;
  std::size_t handshaking_ = 0;  // inbound, not yet established
  Acceptor acceptor_;
  bool closed_ = false;

  Burst burst_;
  boost::asio::ip::udp::endpoint burst_to_;

  struct Pending {
    Bytes packets;
    std::size_t segment;
    boost::asio::ip::udp::endpoint to;
  };
  // Bounded (backlog_bytes_): beyond it packets are dropped (QUIC recovers them).
  std::deque<Pending> backlog_;
  std::size_t backlog_bytes_ = 0;
  std::vector<std::weak_ptr<Session>> waiting_writable_;
};

}  // namespace libp2p::transport::quic::detail
