#include "libp2p/security/noise/noise_transport.hpp"

#include "libp2p/security/errc.hpp"
#include "libp2p/security/noise/channel.hpp"
#include "libp2p/security/noise/handshake_payload.hpp"
#include "libp2p/security/noise/handshake_state.hpp"

#include <array>
#include <string>

// GCC 12 at -O2 inlines Asio's coroutine-frame allocator into the handshake
// coroutine and then mistakes its (matching) aligned delete for a mismatched
// one: a known false positive.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif

namespace libp2p::noise {
namespace {

using security::Errc;
using security::SecureChannel;

// One handshake message in its frame (spec "Wire Format"), in one write.
asio::awaitable<Result<void>> send_message(io::ByteStream& raw, HandshakeState& state, BytesView payload) {
  Bytes frame(Channel::length_size);
  if (auto r = state.write_message(payload, frame); !r) co_return r;
  const std::size_t length = frame.size() - Channel::length_size;
  frame[0] = static_cast<std::uint8_t>(length >> 8);
  frame[1] = static_cast<std::uint8_t>(length);
  co_return co_await io::write(raw, frame);
}

// Reads one framed handshake message exactly (what follows stays in the
// stream for the channel) and returns its payload.
asio::awaitable<Result<Bytes>> receive_message(io::ByteStream& raw, HandshakeState& state) {
  std::array<std::uint8_t, Channel::length_size> header{};
  if (auto r = co_await io::read_exactly(raw, header); !r) co_return r.error();
  Bytes message(std::size_t{header[0]} << 8 | header[1]);  // at most 65535: the frame bounds it
  if (auto r = co_await io::read_exactly(raw, message); !r) co_return r.error();
  co_return state.read_message(message);
}

Error at(int message, Error e) { return prefixed("noise message " + std::to_string(message), std::move(e)); }

struct Setup {
  Role role;
  X25519Key static_key;
  BytesView payload;
  std::span<const std::string> muxers;
  std::optional<peer::PeerId> expected;
};

// After the last message: the early muxer, then the channel.
Result<SecureChannel> finish(std::unique_ptr<io::ByteStream> raw, HandshakeState& state, RemoteIdentity remote,
                             const Setup& setup) {
  auto early_muxer = setup.role == Role::initiator ? select_early_muxer(setup.muxers, remote.stream_muxers)
                                                   : select_early_muxer(remote.stream_muxers, setup.muxers);
  if (!early_muxer) return prefixed("noise early muxer negotiation", early_muxer.error());
  return SecureChannel{std::make_unique<Channel>(std::move(raw), state.split()), std::move(remote.peer_id),
                       std::move(remote.public_key), std::move(*early_muxer)};
}

// The XX handshake (spec "Handshake Pattern"): the initiator's message 1
// carries nothing; messages 2 and 3 carry each side's payload, verified on
// arrival. A failure drops `raw`, which closes it.
asio::awaitable<Result<SecureChannel>> handshake(std::unique_ptr<io::ByteStream> raw, Setup setup) {
  HandshakeState state(setup.role, setup.static_key);
  std::optional<RemoteIdentity> remote;
  for (int m = 1; m <= HandshakeState::message_count; ++m) {
    if (state.writes_next()) {
      if (auto r = co_await send_message(*raw, state, m == 1 ? BytesView{} : setup.payload); !r)
        co_return at(m, r.error());
      continue;
    }
    auto payload = co_await receive_message(*raw, state);
    if (!payload) co_return at(m, payload.error());
    // Message 1 is sent before any secrecy: libp2p peers put nothing there
    // (spec: no extensions in message 1); whatever else came is ignored.
    if (m == 1) continue;
    auto identity = verify_payload(*payload, *state.remote_static());
    if (!identity) co_return at(m, identity.error());
    if (setup.expected && identity->peer_id != *setup.expected)
      co_return at(m, Error(Errc::peer_id_mismatch, "remote is " + identity->peer_id.to_string() + ", dialed " +
                                                        setup.expected->to_string()));
    remote = std::move(*identity);
  }
  co_return finish(std::move(raw), state, std::move(*remote), setup);
}

}  // namespace

NoiseTransport::NoiseTransport(crypto::KeyPair identity, std::vector<std::string> muxers)
    : identity_(std::move(identity)), muxers_(std::move(muxers)), static_key_(X25519Key::generate().value()) {
  payload_ = make_payload(identity_, static_key_.public_key(), muxers_).value();
}

asio::awaitable<Result<SecureChannel>> NoiseTransport::secure_outbound(std::unique_ptr<io::ByteStream> raw,
                                                                       std::optional<peer::PeerId> expected) {
  return handshake(std::move(raw), Setup{Role::initiator, static_key_, payload_, muxers_, std::move(expected)});
}

asio::awaitable<Result<SecureChannel>> NoiseTransport::secure_inbound(std::unique_ptr<io::ByteStream> raw) {
  return handshake(std::move(raw), Setup{Role::responder, static_key_, payload_, muxers_, std::nullopt});
}

}  // namespace libp2p::noise
