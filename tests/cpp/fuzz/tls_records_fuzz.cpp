// Fuzzes the TLS 1.3 record layer with whatever a remote may send after the
// handshake. The input is a script of records for our stream: application
// data, KeyUpdate (the script's key follows), NewSessionTicket, close_notify,
// garbage, flipped bits and read sizes. What the stream returns must be
// exactly the application data of the valid records before the first
// corruption (up to a close_notify), then end of stream if a close_notify
// came before any corruption, else an error. Nothing may crash or hang.
#include "channel_script.hpp"
#include "libp2p/io/pipe.hpp"
#include "security/tls/detail/tls_stream.hpp"

#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/io_context.hpp>

namespace {

using namespace libp2p;
using namespace libp2p::tls::detail;
using namespace asio::experimental::awaitable_operators;

const CipherSuite& suite() {
  static const CipherSuite s = cipher_suite(0x1302).value();
  return s;
}

const Bytes& secret() {
  static const Bytes s(48, 0x17);
  return s;
}

// Reads the script and builds the byte stream our TlsStream will read.
struct Script {
  enum class Kind { data, other, close_notify };
  struct Record {
    std::size_t end;  // offset in `stream` just past it
    Kind kind;
  };
  Bytes stream;
  std::vector<Record> records;
  std::vector<Bytes> data;  // the application data, record by record
  fuzz::Corruptions corruptions;
  Bytes expected;
  bool clean_end = false;

  explicit Script(BytesView bytes) {
    auto send = RecordCipher::make(suite(), secret(), true).value();
    fuzz::Input in{bytes};
    auto seal = [&](ContentType type, BytesView content, Kind kind) {
      const std::size_t at = stream.size();
      stream.resize(at + record_size(content.size()));
      if (!send.seal(type, std::span(&content, 1), content.size(), stream.data() + at)) std::abort();
      records.push_back({stream.size(), kind});
    };
    while (in.more()) {
      switch (in.next() % 7) {
        case 0: {  // application data (0..16384 bytes) with a pattern
          const std::size_t size = in.next16() % (max_record_plaintext + 1);
          const auto seed = static_cast<std::uint8_t>(in.next());
          Bytes plaintext(size);
          for (std::size_t k = 0; k < size; ++k) plaintext[k] = static_cast<std::uint8_t>(seed + k);
          seal(ContentType::application_data, plaintext, Kind::data);
          data.push_back(std::move(plaintext));
          break;
        }
        case 1: {  // KeyUpdate; the records after it use the next key
          const std::uint8_t message[] = {24, 0, 0, 1, static_cast<std::uint8_t>(in.next() % 2)};
          seal(ContentType::handshake, message, Kind::other);
          if (!send.update()) std::abort();
          break;
        }
        case 2: {  // NewSessionTicket with a body of up to 255 bytes
          const std::size_t size = in.next();
          Bytes message{4, 0, 0, static_cast<std::uint8_t>(size)};
          message.resize(4 + size, 0x5a);
          seal(ContentType::handshake, message, Kind::other);
          break;
        }
        case 3: {  // close_notify
          const std::uint8_t alert[] = {1, 0};
          seal(ContentType::alert, alert, Kind::close_notify);
          break;
        }
        case 4: corruptions.raw_bytes(stream, in); break;
        case 5: corruptions.flip(stream, in); break;
        default: corruptions.read_size(in);
      }
    }
    corruptions.finish();
    // What the stream must deliver: the application data of the whole
    // records that end before the corruption, up to a close_notify.
    std::size_t d = 0;
    for (const auto& r : records) {
      if (r.end > corruptions.corrupted_at) break;
      if (r.kind == Kind::close_notify) {
        clean_end = true;
        break;
      }
      if (r.kind == Kind::data) append(expected, data[d++]);
    }
  }
};

void records(BytesView in) {
  static asio::io_context io;
  const Script script(in);
  std::unique_ptr<io::ByteStream> a, b;
  std::tie(a, b) = io::make_pipe(io.get_executor());
  TlsStream ours(std::move(a), RecordCipher::make(suite(), Bytes(48, 0x18), true).value(),
                 RecordCipher::make(suite(), secret(), false).value());
  fuzz::run(io, [&]() -> asio::awaitable<void> {
    auto read = [&]() -> asio::awaitable<void> {
      co_await fuzz::read_all(ours, script.corruptions.read_sizes, script.expected, script.clean_end);
      b->close();
    };
    auto play = [&]() -> asio::awaitable<void> {
      (void)co_await io::write(*b, script.stream);
      (void)co_await b->close_write();
    };
    co_await (read() && play());
  }());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  records(BytesView(data, size));
  return 0;
}
