#include "libp2p/multiformats/multiaddr.hpp"

#include "libp2p/multiformats/errc.hpp"
#include "libp2p/multiformats/varint.hpp"
#include "multiformats/detail/multiaddr_protocols.hpp"

#include <algorithm>
#include <ostream>

namespace libp2p::multiformats {
namespace {

using Value = Protocol::Value;

Error bad(std::string what) { return Error(Errc::bad_multiaddr, std::move(what)); }

// Text of the input quoted in messages, cut short.
std::string shown(std::string_view text) {
  constexpr std::size_t max_shown = 64;
  return text.size() <= max_shown ? std::string(text) : std::string(text.substr(0, max_shown)) + "...";
}

// The framing of one binary component: its protocol, where its value starts
// and where it ends.
struct Framing {
  const Protocol* protocol;
  std::size_t value_offset;
  std::size_t size;
};

// Reads the framing of the component at the front of `in`; the value itself
// is not checked.
Result<Framing> read_framing(BytesView in) {
  BytesView rest = in;
  auto code = varint::read(rest);
  if (!code) return bad("protocol code: " + code.error().message);
  const Protocol* protocol = Protocol::by_code(*code);
  if (!protocol) return bad("unknown protocol code " + std::to_string(*code));
  const std::string context = "/" + std::string(protocol->name) + ": ";
  std::uint64_t size = 0;
  switch (protocol->value) {
    case Value::none:
      break;
    case Value::fixed:
      size = protocol->fixed_size;
      break;
    case Value::variable:
    case Value::path: {
      auto length = varint::read(rest);
      if (!length) return bad(context + "value length: " + length.error().message);
      if (*length == 0) return bad(context + "empty value");
      size = *length;
      break;
    }
  }
  if (size > rest.size())
    return bad(context + "value of " + std::to_string(size) + " bytes, only " + std::to_string(rest.size()) + " left");
  const std::size_t value_offset = in.size() - rest.size();
  return Framing{protocol, value_offset, value_offset + static_cast<std::size_t>(size)};
}

// The next '/'-separated segment of `rest` (which follows a '/'), and what
// follows it: after its '/', or nullopt at the end of the text.
struct Segment {
  std::string_view text;
  std::optional<std::string_view> rest;
};
Segment next_segment(std::string_view rest) {
  const auto slash = rest.find('/');
  if (slash == std::string_view::npos) return {rest, std::nullopt};
  return {rest.substr(0, slash), rest.substr(slash + 1)};
}

// Appends the binary value of `protocol` read from `text`.
Result<void> append_value(Bytes& out, const Protocol& protocol, std::string_view text) {
  const auto& codec = detail::value_codec(protocol);
  auto value = codec.parse(text);
  if (value) {
    if (auto valid = codec.validate(*value); !valid) value = valid.error();
  }
  if (!value) return bad("/" + std::string(protocol.name) + "/" + shown(text) + ": " + value.error().message);
  if (protocol.value == Value::variable || protocol.value == Value::path) varint::append(out, value->size());
  append(out, *value);
  return {};
}

Error too_long(std::size_t size) {
  return bad("multiaddr of " + std::to_string(size) + " bytes, more than " + std::to_string(Multiaddr::max_size));
}

}  // namespace

// Component -----------------------------------------------------------------------

std::string Component::value() const {
  if (protocol_->value == Value::none) return {};
  return detail::value_codec(*protocol_).print(value_bytes());
}

std::string Component::to_string() const {
  std::string out = "/" + std::string(protocol_->name);
  if (protocol_->value == Value::none) return out;
  // A path value (unix) begins with its own '/'.
  if (protocol_->value != Value::path) out.push_back('/');
  return out + value();
}

// Multiaddr::Iterator ---------------------------------------------------------------

Multiaddr::Iterator::Iterator(BytesView rest) : rest_(rest) {
  if (rest_.empty()) return;
  const Framing f = read_framing(rest_).value();  // a Multiaddr's bytes are valid
  current_ = Component(f.protocol, rest_.first(f.size), f.value_offset);
}

Multiaddr::Iterator& Multiaddr::Iterator::operator++() {
  *this = Iterator(rest_.subspan(current_.bytes().size()));
  return *this;
}

Multiaddr::Iterator Multiaddr::Iterator::operator++(int) {
  auto before = *this;
  ++*this;
  return before;
}

// Multiaddr -------------------------------------------------------------------------

// As go-multiaddr's stringToBytes: trailing '/' ignored, "" and "/" refused, a
// path protocol takes the rest of the text.
Result<Multiaddr> Multiaddr::from_string(std::string_view text) {
  if (text.size() > max_text_size)
    return bad("multiaddr text of " + std::to_string(text.size()) + " characters, more than " +
               std::to_string(max_text_size));
  while (!text.empty() && text.back() == '/') text.remove_suffix(1);
  if (text.empty()) return bad("empty multiaddr");
  if (text.front() != '/') return bad("multiaddr \"" + shown(text) + "\" does not begin with '/'");
  Bytes out;
  std::optional<std::string_view> rest = text.substr(1);
  while (rest) {
    const auto name = next_segment(*rest);
    const Protocol* protocol = Protocol::by_name(name.text);
    if (!protocol) return bad("unknown protocol \"" + shown(name.text) + "\"");
    varint::append(out, static_cast<std::uint64_t>(protocol->code));
    rest = name.rest;
    if (protocol->value == Value::none) continue;
    if (!rest) return bad("/" + std::string(protocol->name) + ": missing value");
    std::string_view value;
    if (protocol->value == Value::path) {
      value = std::string_view(rest->data() - 1, rest->size() + 1);  // from its '/' to the end
      rest.reset();
    } else {
      const auto segment = next_segment(*rest);
      value = segment.text;
      rest = segment.rest;
    }
    if (auto appended = append_value(out, *protocol, value); !appended) return appended.error();
  }
  if (out.size() > max_size) return too_long(out.size());
  return Multiaddr(std::move(out));
}

// As go-multiaddr's readMultiaddr: every component framed and valid, nothing
// after a path component.
Result<Multiaddr> Multiaddr::from_bytes(BytesView bytes) {
  if (bytes.empty()) return bad("empty multiaddr");
  if (bytes.size() > max_size) return too_long(bytes.size());
  BytesView rest = bytes;
  const Protocol* path = nullptr;
  for (std::size_t index = 1; !rest.empty(); ++index) {
    const std::string context = "component " + std::to_string(index);
    auto framing = read_framing(rest);
    if (!framing) return bad(context + ": " + framing.error().message);
    const Protocol& protocol = *framing->protocol;
    if (path)
      return bad(context + ": /" + std::string(protocol.name) + " after the path component /" + std::string(path->name));
    if (protocol.value != Value::none) {
      const auto value = rest.subspan(framing->value_offset, framing->size - framing->value_offset);
      if (auto valid = detail::value_codec(protocol).validate(value); !valid)
        return bad(context + ": /" + std::string(protocol.name) + ": " + valid.error().message);
    }
    if (protocol.value == Value::path) path = &protocol;
    rest = rest.subspan(framing->size);
  }
  return Multiaddr(Bytes(bytes.begin(), bytes.end()));
}

std::string Multiaddr::to_string() const {
  std::string out;
  for (const auto& c : *this) out += c.to_string();
  return out;
}

std::vector<Protocol> Multiaddr::protocols() const {
  std::vector<Protocol> out;
  for (const auto& c : *this) out.push_back(c.protocol());
  return out;
}

Result<Multiaddr> Multiaddr::encapsulate(const Multiaddr& inner) const {
  if (inner.empty()) return *this;
  if (empty()) return inner;
  const auto size = bytes_.size() + inner.bytes_.size();
  if (size > max_size) return too_long(size);
  Component last = *begin();
  for (const auto& c : *this) last = c;
  if (last.protocol().value == Value::path)
    return bad("cannot encapsulate " + shown(inner.to_string()) + " after the path component /" + std::string(last.name()));
  Bytes out = bytes_;
  append(out, inner.bytes_);
  return Multiaddr(std::move(out));
}

Multiaddr Multiaddr::decapsulate(const Multiaddr& suffix) const {
  const auto left = components();
  const auto right = suffix.components();
  if (right.empty() || right.size() > left.size()) return *this;
  for (std::size_t i = left.size() - right.size() + 1; i-- > 0;) {
    if (std::equal(right.begin(), right.end(), left.begin() + static_cast<std::ptrdiff_t>(i))) {
      const auto kept = static_cast<std::size_t>(left[i].bytes().data() - bytes_.data());
      return Multiaddr(Bytes(bytes_.begin(), bytes_.begin() + static_cast<std::ptrdiff_t>(kept)));
    }
  }
  return *this;
}

std::optional<std::string> Multiaddr::value_for(Protocol::Code code) const {
  for (const auto& c : *this) {
    if (c.code() == code) return c.value();
  }
  return std::nullopt;
}

std::optional<std::string> Multiaddr::value_for(std::string_view protocol_name) const {
  const Protocol* protocol = Protocol::by_name(protocol_name);
  if (!protocol) return std::nullopt;
  return value_for(protocol->code);
}

std::ostream& operator<<(std::ostream& out, const Multiaddr& a) { return out << a.to_string(); }
std::ostream& operator<<(std::ostream& out, const Component& c) { return out << c.to_string(); }

}  // namespace libp2p::multiformats
