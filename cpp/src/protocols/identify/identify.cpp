#include "libp2p/protocols/identify/identify.hpp"

#include "libp2p/io/length_prefixed.hpp"
#include "libp2p/peer/peer_record.hpp"
#include "proto/identify.pb.h"

#include <boost/asio/detached.hpp>
#include <boost/asio/error.hpp>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <set>

namespace libp2p::identify {
namespace {

using multiformats::Multiaddr;

// go-libp2p splits a large Identify into at most this many messages.
constexpr int max_messages = 10;

Error bad(std::string what) { return Error(asio::error::invalid_argument, "identify: " + what); }

// Reads the messages up to the end of the stream, merged (spec: missing fields
// of a push are left as they were, repeated ones add up).
asio::awaitable<Result<pb::Identify>> read_identify(io::ByteStream& stream) {
  pb::Identify merged;
  for (int i = 0; i < max_messages; ++i) {
    auto bytes = co_await io::read_length_prefixed(stream, max_message_size);
    if (!bytes) {
      if (bytes.error().code == asio::error::eof && i > 0) break;
      co_return prefixed("identify", bytes.error());
    }
    pb::Identify part;
    if (!part.ParseFromArray(bytes->data(), static_cast<int>(bytes->size()))) co_return bad("malformed message");
    merged.MergeFrom(part);
  }
  co_return merged;
}

std::vector<Multiaddr> parse_addresses(const google::protobuf::RepeatedPtrField<std::string>& list) {
  std::vector<Multiaddr> out;
  for (const auto& bytes : list)
    if (auto a = Multiaddr::from_bytes(as_bytes(bytes))) out.push_back(std::move(*a));
  return out;
}

}  // namespace

std::shared_ptr<Identify> Identify::attach(const std::shared_ptr<host::Host>& host) {
  auto self = std::shared_ptr<Identify>(new Identify(host));
  host->add_notifiee(self);
  std::weak_ptr<Identify> weak = self;
  host->set_stream_handler(std::string(protocol_id), [weak](host::Stream stream) -> asio::awaitable<void> {
    auto self = weak.lock();
    if (!self) co_return;
    const auto message = self->message_for(*stream.connection());
    if (co_await io::write_length_prefixed(stream, message)) (void)co_await stream.close_write();
  });
  host->set_stream_handler(std::string(push_protocol_id), [weak](host::Stream stream) -> asio::awaitable<void> {
    auto message = co_await read_identify(stream);
    auto self = weak.lock();
    if (!self) co_return;
    if (!message) {
      spdlog::debug("identify push from {} failed: {}", stream.remote_peer().to_string(), message.error().what());
      co_return;
    }
    const auto bytes = to_bytes(message->SerializeAsString());
    if (auto r = self->record(*stream.connection(), bytes, /*push=*/true); !r)
      spdlog::debug("identify push from {} rejected: {}", stream.remote_peer().to_string(), r.error().what());
  });
  return self;
}

Bytes Identify::message_for(const net::Connection& connection) const {
  auto host = host_.lock();
  if (!host) return {};
  pb::Identify m;
  m.set_protocolversion(host->config().protocol_version);
  m.set_agentversion(host->config().agent_version);
  const auto key = host->key_pair().public_key().to_protobuf();
  m.set_publickey(std::string(as_string(key)));
  const auto addresses = host->addresses();
  for (const auto& a : addresses) m.add_listenaddrs(std::string(as_string(a.bytes())));
  m.set_observedaddr(std::string(as_string(connection.info().remote_address.bytes())));
  for (const auto& p : host->protocols()) m.add_protocols(p);
  if (signed_record_.empty() || addresses != record_addresses_) {
    peer::PeerRecord record{host->peer_id(), peer::timestamp_seq(), addresses};
    auto envelope = record.seal(host->key_pair().private_key());
    signed_record_ = envelope ? envelope->encode() : Bytes();
    record_addresses_ = addresses;
  }
  if (!signed_record_.empty()) m.set_signedpeerrecord(std::string(as_string(signed_record_)));
  return to_bytes(m.SerializeAsString());
}

void Identify::connected(const std::shared_ptr<net::Connection>& connection) {
  auto host = host_.lock();
  if (!host) return;
  asio::co_spawn(
      host->get_executor(),
      [](std::shared_ptr<Identify> self, std::shared_ptr<net::Connection> connection) -> asio::awaitable<void> {
        const auto peer = connection->remote_peer();
        auto r = co_await self->identify(std::move(connection));
        if (!r) spdlog::debug("identify of {} failed: {}", peer.to_string(), r.error().what());
      }(shared_from_this(), connection),
      asio::detached);
}

asio::awaitable<Result<host::PeerIdentified>> Identify::identify(std::shared_ptr<net::Connection> connection) {
  auto self = shared_from_this();
  auto host = host_.lock();
  if (!host) co_return Error(asio::error::operation_aborted, "host closed");
  auto stream = co_await host->new_stream(connection, std::vector<std::string>(1, std::string(protocol_id)));
  host.reset();
  if (!stream) co_return stream.error();
  auto message = co_await read_identify(*stream);
  if (!message) co_return message.error();
  co_return record(*connection, to_bytes(message->SerializeAsString()), /*push=*/false);
}

Result<host::PeerIdentified> Identify::record(const net::Connection& connection, BytesView bytes, bool push) {
  auto host = host_.lock();
  if (!host) return Error(asio::error::operation_aborted, "host closed");
  pb::Identify m;
  if (!m.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) return bad("malformed message");
  const auto& peer = connection.remote_peer();
  auto& peerstore = host->peerstore();
  if (m.has_publickey()) {
    auto key = crypto::PublicKey::from_protobuf(as_bytes(m.publickey()));
    if (!key) return prefixed("identify: public key", key.error());
    if (!peer.matches(*key)) return bad("the public key is not " + peer.to_string() + "'s");
    (void)peerstore.set_public_key(peer, *key);
  }
  host::PeerIdentified out{peer, m.agentversion(), m.protocolversion(), {}, parse_addresses(m.listenaddrs()), {}};
  if (m.has_signedpeerrecord()) {
    // A valid record from the peer itself beats the unsigned list (RFC 0003).
    auto signed_record = peer::PeerRecord::open(as_bytes(m.signedpeerrecord()));
    if (signed_record && signed_record->peer_id == peer) out.listen_addresses = signed_record->addrs;
    else spdlog::debug("identify: ignoring an invalid signed peer record from {}", peer.to_string());
  }
  if (!out.listen_addresses.empty() || !push) peerstore.add_addresses(peer, out.listen_addresses, peer::ttl::connected);
  if (m.has_observedaddr()) {
    if (auto a = Multiaddr::from_bytes(as_bytes(m.observedaddr()))) out.observed_address = std::move(*a);
  }
  if (m.has_agentversion()) peerstore.set_agent_version(peer, m.agentversion());
  if (m.has_protocolversion()) peerstore.set_protocol_version(peer, m.protocolversion());

  out.protocols.assign(m.protocols().begin(), m.protocols().end());
  std::sort(out.protocols.begin(), out.protocols.end());
  out.protocols.erase(std::unique(out.protocols.begin(), out.protocols.end()), out.protocols.end());
  if (!push || m.protocols_size() > 0) {
    const auto before = peerstore.protocols(peer);  // sorted
    host::ProtocolsUpdated change{peer, {}, {}};
    std::set_difference(out.protocols.begin(), out.protocols.end(), before.begin(), before.end(),
                        std::back_inserter(change.added));
    std::set_difference(before.begin(), before.end(), out.protocols.begin(), out.protocols.end(),
                        std::back_inserter(change.removed));
    peerstore.set_protocols(peer, out.protocols);
    if (!change.added.empty() || !change.removed.empty()) host->events().emit(change);
  }
  host->events().emit(out);
  return out;
}

void Identify::push_to_all() {
  auto host = host_.lock();
  if (!host || host->is_closed()) return;
  for (const auto& connection : host->connections()) {
    const auto peer = connection->remote_peer();
    if (!host->peerstore().first_supported(peer, std::vector<std::string>(1, std::string(push_protocol_id)))) continue;
    asio::co_spawn(
        host->get_executor(),
        [](std::shared_ptr<Identify> self, std::shared_ptr<net::Connection> connection) -> asio::awaitable<void> {
          auto host = self->host_.lock();
          if (!host) co_return;
          auto stream = co_await host->new_stream(connection, std::vector<std::string>(1, std::string(push_protocol_id)));
          if (!stream) co_return;
          const auto message = self->message_for(*connection);
          if (co_await io::write_length_prefixed(*stream, message)) (void)co_await stream->close_write();
        }(shared_from_this(), connection),
        [](std::exception_ptr) {});
  }
}

}  // namespace libp2p::identify
