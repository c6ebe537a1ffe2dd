#include "libp2p/net/upgrader.hpp"

#include "libp2p/io/timeout.hpp"
#include "libp2p/multistream/errc.hpp"
#include "libp2p/multistream/negotiate.hpp"

#include <algorithm>

namespace libp2p::net {
namespace {

template <class T>
std::vector<std::string> ids_of(const std::vector<std::shared_ptr<T>>& list) {
  std::vector<std::string> ids;
  for (const auto& item : list) ids.emplace_back(item->protocol_id());
  return ids;
}

template <class T>
std::shared_ptr<T> find_by_id(const std::vector<std::shared_ptr<T>>& list, std::string_view id) {
  auto it = std::find_if(list.begin(), list.end(), [&](const auto& item) { return item->protocol_id() == id; });
  return it == list.end() ? nullptr : *it;
}

multistream::Supported supported(std::vector<std::string> ids) {
  return {[ids](std::string_view p) { return std::find(ids.begin(), ids.end(), p) != ids.end(); },
          [ids] { return ids; }};
}

// Dialer: with a single candidate the proposal rides with the first message
// of the next protocol (saves a round trip); with several, plain select.
asio::awaitable<Result<std::string>> propose(std::unique_ptr<io::ByteStream>& stream,
                                             const std::vector<std::string>& ids) {
  if (ids.size() == 1) {
    stream = multistream::select_lazy(std::move(stream), ids.front());
    co_return ids.front();
  }
  co_return co_await multistream::select(*stream, ids);
}

// One multistream round in this side's role. (An if, not `?:` between two
// co_awaits: GCC 12 miscompiles the temporaries of that form.)
asio::awaitable<Result<std::string>> negotiate(std::unique_ptr<io::ByteStream>& stream, Direction direction,
                                               const std::vector<std::string>& ids) {
  if (direction == Direction::outbound) co_return co_await propose(stream, ids);
  co_return co_await multistream::handle(*stream, supported(ids));
}

asio::awaitable<Result<security::SecureChannel>> secure_with(security::SecurityTransport& transport,
                                                             std::unique_ptr<io::ByteStream> raw, Direction direction,
                                                             std::optional<peer::PeerId> expected) {
  if (direction == Direction::outbound) co_return co_await transport.secure_outbound(std::move(raw), std::move(expected));
  co_return co_await transport.secure_inbound(std::move(raw));
}

}  // namespace

Upgrader::Upgrader(peer::PeerId local_peer, std::vector<std::shared_ptr<security::SecurityTransport>> security,
                   std::vector<std::shared_ptr<muxer::Muxer>> muxers, std::chrono::milliseconds handshake_timeout)
    : local_peer_(std::move(local_peer)),
      security_(std::move(security)),
      muxers_(std::move(muxers)),
      handshake_timeout_(handshake_timeout) {}

asio::awaitable<Result<std::shared_ptr<Connection>>> Upgrader::upgrade_outbound(
    std::unique_ptr<transport::RawConnection> raw, std::optional<peer::PeerId> expected) {
  co_return co_await upgrade(std::move(raw), Direction::outbound, std::move(expected));
}

asio::awaitable<Result<std::shared_ptr<Connection>>> Upgrader::upgrade_inbound(
    std::unique_ptr<transport::RawConnection> raw) {
  co_return co_await upgrade(std::move(raw), Direction::inbound, std::nullopt);
}

asio::awaitable<Result<std::shared_ptr<Connection>>> Upgrader::upgrade(std::unique_ptr<transport::RawConnection> raw,
                                                                       Direction direction,
                                                                       std::optional<peer::PeerId> expected) {
  const Multiaddr local_address = raw->local_address();
  const Multiaddr remote_address = raw->remote_address();
  auto steps = [&]() -> asio::awaitable<Result<std::shared_ptr<Connection>>> {
    std::string security_id, muxer_id;
    auto channel = co_await secure(std::move(raw), direction, expected, security_id);
    if (!channel) co_return channel.error();
    auto muxed = co_await multiplex(*channel, direction, muxer_id);
    if (!muxed) co_return muxed.error();
    co_return std::make_shared<Connection>(std::move(*muxed),
                                           ConnectionInfo{local_address, remote_address, local_peer_,
                                                          channel->remote_peer, channel->remote_public_key,
                                                          security_id, muxer_id, direction});
  };
  auto result = co_await io::with_timeout(steps(), handshake_timeout_, "connection upgrade");
  if (!result) co_return prefixed("upgrading " + remote_address.to_string(), result.error());
  co_return result;
}

asio::awaitable<Result<security::SecureChannel>> Upgrader::secure(std::unique_ptr<io::ByteStream> raw,
                                                                  Direction direction,
                                                                  std::optional<peer::PeerId> expected,
                                                                  std::string& protocol) {
  const auto ids = ids_of(security_);
  auto chosen = co_await negotiate(raw, direction, ids);
  if (!chosen) co_return prefixed("security negotiation", chosen.error());
  protocol = *chosen;
  auto transport = find_by_id(security_, protocol);
  auto channel = co_await secure_with(*transport, std::move(raw), direction, std::move(expected));
  if (!channel) co_return prefixed(protocol + " handshake", channel.error());
  co_return channel;
}

asio::awaitable<Result<std::shared_ptr<muxer::MuxedConnection>>> Upgrader::multiplex(security::SecureChannel& channel,
                                                                                     Direction direction,
                                                                                     std::string& protocol) {
  if (channel.early_muxer) {
    protocol = *channel.early_muxer;
  } else {
    const auto ids = ids_of(muxers_);
    auto chosen = co_await negotiate(channel.stream, direction, ids);
    if (!chosen) co_return prefixed("muxer negotiation", chosen.error());
    protocol = *chosen;
  }
  auto muxer = find_by_id(muxers_, protocol);
  if (!muxer) co_return Error(multistream::Errc::not_supported, "muxer " + protocol + " was agreed but is not configured");
  co_return muxer->create(std::move(channel.stream), direction == Direction::outbound);
}

}  // namespace libp2p::net
