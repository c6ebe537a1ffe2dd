#include "libp2p/multistream/message.hpp"

#include "libp2p/multiformats/errc.hpp"
#include "libp2p/multiformats/varint.hpp"
#include "libp2p/multistream/errc.hpp"

namespace libp2p::multistream {

namespace varint = multiformats::varint;

void append_message(Bytes& out, std::string_view line) {
  varint::append(out, line.size() + 1);
  append(out, as_bytes(line));
  out.push_back('\n');
}

Bytes encode_message(std::string_view line) {
  Bytes out;
  append_message(out, line);
  return out;
}

Result<Parsed> parse_message(BytesView in, std::size_t max_size) {
  auto length = varint::decode(in);
  if (!length) {
    if (length.error().code == multiformats::Errc::truncated) return length.error();
    return Error(Errc::bad_message, "bad length prefix: " + length.error().message);
  }
  if (length->value > max_size)
    return Error(Errc::message_too_large,
                 "message of " + std::to_string(length->value) + " bytes, limit " + std::to_string(max_size));
  if (length->value == 0) return Error(Errc::bad_message, "empty message (no newline)");
  const std::size_t total = length->size + length->value;
  if (in.size() < total) return Error(multiformats::Errc::truncated);
  auto body = in.subspan(length->size, length->value);
  if (body.back() != '\n') return Error(Errc::bad_message, "message does not end in a newline");
  return Parsed{as_string(body.first(body.size() - 1)), total};
}

Bytes encode_list(const std::vector<std::string>& protocols) {
  Bytes body;
  for (const auto& p : protocols) append_message(body, p);
  body.push_back('\n');
  Bytes out;
  varint::append(out, body.size());
  append(out, body);
  return out;
}

Result<std::vector<std::string>> parse_list(BytesView body) {
  std::vector<std::string> protocols;
  while (body.size() > 1) {
    auto m = parse_message(body);
    if (!m) return Error(Errc::bad_message, "bad protocol in ls answer: " + m.error().message);
    protocols.emplace_back(m->line);
    body = body.subspan(m->consumed);
  }
  if (body.size() != 1 || body[0] != '\n') return Error(Errc::bad_message, "ls answer does not end in a newline");
  return protocols;
}

}  // namespace libp2p::multistream
