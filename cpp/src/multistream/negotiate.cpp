#include "libp2p/multistream/negotiate.hpp"

#include "libp2p/io/length_prefixed.hpp"
#include "libp2p/io/notifier.hpp"
#include "libp2p/multiformats/errc.hpp"
#include "libp2p/multistream/errc.hpp"

#include <boost/asio/error.hpp>

#include <optional>

namespace libp2p::multistream {
namespace {

asio::awaitable<Result<Bytes>> read_body(io::ByteStream& stream, std::size_t max_size) {
  auto body = co_await io::read_length_prefixed(stream, max_size);
  if (!body && body.error().code == asio::error::message_size)
    co_return Error(Errc::message_too_large, body.error().message);
  if (!body && body.error().code.category() == multiformats::multiformats_category())
    co_return Error(Errc::bad_message, body.error().message);
  co_return body;
}

asio::awaitable<Result<void>> expect_header(io::ByteStream& stream) {
  auto header = co_await read_message(stream);
  if (!header) co_return header.error();
  if (*header != protocol_id) co_return Error(Errc::not_multistream, "remote sent \"" + *header + "\" instead of the multistream header");
  co_return Result<void>{};
}

// Reads the listener's answer to proposing `protocol`: Ok(true) if accepted,
// Ok(false) if refused with "na".
asio::awaitable<Result<bool>> read_answer(io::ByteStream& stream, std::string_view protocol) {
  auto answer = co_await read_message(stream);
  if (!answer) co_return answer.error();
  if (*answer == protocol) co_return true;
  if (*answer == not_available) co_return false;
  co_return Error(Errc::unexpected_answer, "proposed " + std::string(protocol) + ", remote answered \"" + *answer + "\"");
}

Bytes header_and(std::string_view line) {
  Bytes out = encode_message(protocol_id);
  append_message(out, line);
  return out;
}

// The optimistic dialer's stream: see select_lazy. The header and proposal
// go out with the first write, or alone when a read comes first (the reader
// must not wait for a write that may never come). A write that finds that
// lone header in flight waits for it, so writes never overlap.
class LazyStream final : public io::ByteStream {
 public:
  LazyStream(std::unique_ptr<io::ByteStream> inner, std::string protocol)
      : inner_(std::move(inner)),
        protocol_(std::move(protocol)),
        pending_header_(header_and(protocol_)),
        header_sent_(inner_->get_executor()) {}

  asio::any_io_executor get_executor() const override { return inner_->get_executor(); }

  asio::awaitable<Result<std::size_t>> read_some(asio::mutable_buffer buffer) override {
    if (auto r = co_await confirm(); !r) co_return r.error();
    co_return co_await inner_->read_some(buffer);
  }

  asio::awaitable<Result<void>> write(std::span<const asio::const_buffer> buffers) override {
    while (header_in_flight_) {
      if (auto [ec] = co_await header_sent_.async_wait(use_result); ec) co_return Error(ec);
    }
    if (pending_header_.empty()) co_return co_await inner_->write(buffers);
    // Header, proposal and the first data in one write.
    const Bytes header = std::move(pending_header_);
    pending_header_.clear();
    std::vector<asio::const_buffer> all{asio::buffer(header)};
    all.insert(all.end(), buffers.begin(), buffers.end());
    co_return co_await inner_->write(all);
  }

  asio::awaitable<Result<void>> close_write() override {
    if (auto r = co_await write(std::span<const asio::const_buffer>{}); !r) co_return r.error();
    co_return co_await inner_->close_write();
  }

  void close() override { inner_->close(); }

 private:
  // Before the first read: the proposal must be on its way, and the answer in.
  asio::awaitable<Result<void>> confirm() {
    if (confirmed_) co_return *confirmed_;
    if (!pending_header_.empty()) {
      const Bytes header = std::move(pending_header_);
      pending_header_.clear();
      header_in_flight_ = true;
      auto sent = co_await io::write(*inner_, header);
      header_in_flight_ = false;
      header_sent_.notify();
      if (!sent) co_return sent.error();
    }
    Result<void> result = co_await expect_header(*inner_);
    if (result) {
      auto accepted = co_await read_answer(*inner_, protocol_);
      if (!accepted) result = accepted.error();
      else if (!*accepted) result = Error(Errc::not_supported, "remote does not support " + protocol_);
    }
    confirmed_ = result;
    co_return result;
  }

  std::unique_ptr<io::ByteStream> inner_;
  std::string protocol_;
  Bytes pending_header_;
  bool header_in_flight_ = false;
  io::Notifier header_sent_;
  std::optional<Result<void>> confirmed_;
};

}  // namespace

asio::awaitable<Result<std::string>> read_message(io::ByteStream& stream, std::size_t max_size) {
  auto body = co_await read_body(stream, max_size);
  if (!body) co_return body.error();
  if (body->empty() || body->back() != '\n') co_return Error(Errc::bad_message, "message does not end in a newline");
  co_return std::string(as_string(*body).substr(0, body->size() - 1));
}

asio::awaitable<Result<std::string>> select(io::ByteStream& stream, std::span<const std::string> protocols) {
  if (protocols.empty()) co_return Error(Errc::no_protocols);
  if (auto r = co_await io::write(stream, header_and(protocols[0])); !r) co_return r.error();
  if (auto r = co_await expect_header(stream); !r) co_return r.error();
  for (std::size_t i = 0; i < protocols.size(); ++i) {
    if (i > 0) {
      if (auto r = co_await io::write(stream, encode_message(protocols[i])); !r) co_return r.error();
    }
    auto accepted = co_await read_answer(stream, protocols[i]);
    if (!accepted) co_return accepted.error();
    if (*accepted) co_return protocols[i];
  }
  std::string tried;
  for (const auto& p : protocols) tried += (tried.empty() ? "" : ", ") + p;
  co_return Error(Errc::not_supported, "remote supports none of: " + tried);
}

std::unique_ptr<io::ByteStream> select_lazy(std::unique_ptr<io::ByteStream> stream, std::string protocol) {
  return std::make_unique<LazyStream>(std::move(stream), std::move(protocol));
}

asio::awaitable<Result<std::vector<std::string>>> list_protocols(io::ByteStream& stream) {
  if (auto r = co_await io::write(stream, header_and(list_request)); !r) co_return r.error();
  if (auto r = co_await expect_header(stream); !r) co_return r.error();
  auto body = co_await read_body(stream, max_list_size);
  if (!body) co_return body.error();
  co_return parse_list(*body);
}

asio::awaitable<Result<std::string>> handle(io::ByteStream& stream, const Supported& supported) {
  // Our header goes out at once, without waiting for the dialer's (spec: both
  // sides may send it simultaneously).
  if (auto r = co_await io::write(stream, encode_message(protocol_id)); !r) co_return r.error();
  if (auto r = co_await expect_header(stream); !r) co_return r.error();
  for (;;) {
    auto proposal = co_await read_message(stream);
    if (!proposal) co_return proposal.error();
    if (*proposal == list_request) {
      if (auto r = co_await io::write(stream, encode_list(supported.list())); !r) co_return r.error();
      continue;
    }
    if (supported.contains(*proposal)) {
      if (auto r = co_await io::write(stream, encode_message(*proposal)); !r) co_return r.error();
      co_return std::move(*proposal);
    }
    if (auto r = co_await io::write(stream, encode_message(not_available)); !r) co_return r.error();
  }
}

}  // namespace libp2p::multistream
