// Fuzzes Noise with whatever a remote may send. The first byte picks:
//   0: the bytes are the remote initiator's side of a handshake with our listener;
//   1: the remote responder's side of a handshake with our dialer;
//   2: a decrypted handshake payload (what verify_payload parses);
//   3: a script of transport frames for our channel: valid frames, garbage,
//      flipped bits and read sizes. What the channel returns must be exactly
//      the plaintext of the valid frames before the first corruption, then an
//      error, or end of stream if nothing was corrupted.
// Nothing may crash or hang.
#include "channel_script.hpp"
#include "libp2p/io/pipe.hpp"
#include "libp2p/security/noise/channel.hpp"
#include "libp2p/security/noise/handshake_payload.hpp"
#include "libp2p/security/noise/noise_transport.hpp"

#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/io_context.hpp>

namespace {

using namespace libp2p;
using namespace asio::experimental::awaitable_operators;

// The remote: writes `bytes`, half-closes, and reads whatever we send.
asio::awaitable<void> play(io::ByteStream& remote, BytesView bytes) {
  (void)co_await io::write(remote, bytes);
  (void)co_await remote.close_write();
  std::uint8_t sink[4096];
  while (co_await remote.read_some(asio::buffer(sink))) {
  }
}

void handshake(BytesView bytes, bool we_dial) {
  static asio::io_context io;
  static noise::NoiseTransport ours(crypto::KeyPair::generate().value(), {"/yamux/1.0.0"});
  static const auto them = peer::PeerId::from_public_key(crypto::KeyPair::generate().value().public_key());
  std::unique_ptr<io::ByteStream> a, b;  // not a structured binding: clang 14 cannot capture those
  std::tie(a, b) = io::make_pipe(io.get_executor());
  fuzz::run(io, [&]() -> asio::awaitable<void> {
    auto secure = [&]() -> asio::awaitable<void> {
      auto r = co_await (we_dial ? ours.secure_outbound(std::move(a), them) : ours.secure_inbound(std::move(a)));
      if (r) std::abort();  // the remote cannot know our keys' secrets
      b->close();
    };
    co_await (secure() && play(*b, bytes));
  }());
}

// Reads the script and builds the stream our channel will read.
struct Script {
  Bytes stream;
  Bytes expected;  // plaintext of the valid frames before the first corruption
  fuzz::Corruptions corruptions;

  explicit Script(BytesView bytes) {
    noise::CipherState send(noise::Key{7});
    fuzz::Input in{bytes};
    while (in.more()) {
      switch (in.next() % 4) {
        case 0: {  // a valid frame of size (0..65519) filled with a pattern
          const std::size_t size = in.next16() % (noise::Channel::max_plaintext + 1);
          const auto seed = static_cast<std::uint8_t>(in.next());
          Bytes plaintext(size);
          for (std::size_t k = 0; k < size; ++k) plaintext[k] = static_cast<std::uint8_t>(seed + k);
          const std::size_t length = size + noise::tag_size;
          stream.push_back(static_cast<std::uint8_t>(length >> 8));
          stream.push_back(static_cast<std::uint8_t>(length));
          const std::size_t at = stream.size();
          stream.resize(at + length);
          if (!send.encrypt_with_ad({}, plaintext, stream.data() + at)) std::abort();
          if (stream.size() <= corruptions.corrupted_at) append(expected, plaintext);
          break;
        }
        case 1: corruptions.raw_bytes(stream, in); break;
        case 2: corruptions.flip(stream, in); break;
        default: corruptions.read_size(in);
      }
    }
    corruptions.finish();
    // A flip inside a frame counted as valid: drop that frame and what follows from `expected`.
    if (corruptions.corrupted_at != fuzz::Corruptions::none) recount();
  }

  // The plaintext of the whole valid frames that end before the corruption.
  void recount() {
    std::size_t at = 0, plain = 0;
    while (at + 2 <= stream.size()) {
      const std::size_t length = std::size_t{stream[at]} << 8 | stream[at + 1];
      if (at + 2 + length > corruptions.corrupted_at || plain + length - noise::tag_size > expected.size()) break;
      plain += length - noise::tag_size;
      at += 2 + length;
    }
    expected.resize(plain);
  }
};

void channel(BytesView in) {
  static asio::io_context io;
  const Script script(in);
  std::unique_ptr<io::ByteStream> a, b;
  std::tie(a, b) = io::make_pipe(io.get_executor());
  noise::Channel ours(std::move(a), noise::TransportCiphers{noise::CipherState(noise::Key{8}), noise::CipherState(noise::Key{7})});
  fuzz::run(io, [&]() -> asio::awaitable<void> {
    auto read = [&]() -> asio::awaitable<void> {
      const auto& c = script.corruptions;
      co_await fuzz::read_all(ours, c.read_sizes, script.expected, c.corrupted_at == fuzz::Corruptions::none);
      b->close();
    };
    co_await (read() && play(*b, script.stream));
  }());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const BytesView in(data + 1, size - 1);
  switch (data[0] % 4) {
    case 0: handshake(in, false); break;
    case 1: handshake(in, true); break;
    case 2: (void)noise::verify_payload(in, noise::DhPublicKey{}); break;
    default: channel(in);
  }
  return 0;
}
