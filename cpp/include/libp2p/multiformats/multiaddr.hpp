#pragma once

// multiaddr (github.com/multiformats/multiaddr): a self-describing network
// address, "/ip4/1.2.3.4/tcp/4001/p2p/12D3Koo...". Binary form: each
// component is <varint protocol code>[<value>], the value fixed-size or
// <varint length><bytes>. Values are read and written as go-multiaddr does
// (its transcoders.go), which is what libp2p peers exchange.
//
// A Multiaddr holds the canonical binary form and is always valid: parsing
// checks every component, and the text it prints parses back to the same bytes.
// Bounds (hostile input): at most max_size bytes in binary, max_text_size
// characters of text.
//
// Where this deliberately accepts less than go-multiaddr: identity PeerIds in
// /p2p of more than Multihash::max_identity_size bytes; multibase text (in
// /certhash and CID PeerIds) in bases this library lacks (base2, base8,
// base10, base32z, base45, base256emoji, proquint) or with non-zero bits after
// the last byte (go ignores them; rust and js refuse them too); line breaks
// inside onion and garlic values (Go's base32/base64 decoders skip them).

#include "libp2p/common/bytes.hpp"
#include "libp2p/common/error.hpp"

#include <compare>
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace libp2p::multiformats {

// A protocol of the multiaddr table (go-multiaddr's protocols.go, which follows
// the multiaddr repo's protocols.csv; memory is 8 fixed bytes as in go and rust).
struct Protocol {
  enum class Code : std::uint32_t {
    ip4 = 4,
    tcp = 6,
    dccp = 33,
    ip6 = 41,
    ip6zone = 42,
    ipcidr = 43,
    dns = 53,
    dns4 = 54,
    dns6 = 55,
    dnsaddr = 56,
    sctp = 132,
    udp = 273,
    p2p_webrtc_direct = 276,  // deprecated: use webrtc-direct
    webrtc_direct = 280,
    webrtc = 281,
    p2p_circuit = 290,
    udt = 301,
    utp = 302,
    unix = 400,
    p2p = 421,  // "ipfs" is accepted as its old name
    https = 443,
    onion = 444,
    onion3 = 445,
    garlic64 = 446,
    garlic32 = 447,
    tls = 448,
    sni = 449,
    noise = 454,
    quic = 460,
    quic_v1 = 461,
    webtransport = 465,
    certhash = 466,
    ws = 477,
    wss = 478,
    http = 480,
    http_path = 481,
    memory = 777,
    plaintextv2 = 7367777,
  };
  // How the value is written in binary.
  enum class Value : std::uint8_t {
    none,      // no value
    fixed,     // fixed_size bytes
    variable,  // <varint length><bytes>
    path,      // variable, and in text the rest of the address (unix)
  };

  Code code;
  std::string_view name;
  Value value;
  std::size_t fixed_size;  // bytes, for Value::fixed

  static const Protocol* by_name(std::string_view name);
  static const Protocol* by_code(std::uint64_t code);
};

// One component of a Multiaddr: a view into it, valid while it lives.
class Component {
 public:
  const Protocol& protocol() const { return *protocol_; }
  Protocol::Code code() const { return protocol_->code; }
  std::string_view name() const { return protocol_->name; }
  // The value in binary (e.g. 4 bytes for ip4, a multihash for p2p); empty if none.
  BytesView value_bytes() const { return bytes_.subspan(value_offset_); }
  // The value as text ("" if the protocol has none).
  std::string value() const;
  // The whole component in binary and as text ("/tcp/4001").
  BytesView bytes() const { return bytes_; }
  std::string to_string() const;

  friend bool operator==(const Component& a, const Component& b) { return equal(a.bytes_, b.bytes_); }

 private:
  friend class Multiaddr;
  Component(const Protocol* protocol, BytesView bytes, std::size_t value_offset)
      : protocol_(protocol), bytes_(bytes), value_offset_(value_offset) {}

  const Protocol* protocol_;
  BytesView bytes_;
  std::size_t value_offset_;
};

class Multiaddr {
 public:
  static constexpr std::size_t max_size = 1024;
  // Enough for the text of any max_size binary address (at most 9 characters
  // a byte, "/p2p-webrtc-direct").
  static constexpr std::size_t max_text_size = 16 * 1024;

  // The empty address: what decapsulating everything leaves. from_string and
  // from_bytes never return it (go-multiaddr refuses "" and "/" too).
  Multiaddr() = default;

  static Result<Multiaddr> from_string(std::string_view text);
  static Result<Multiaddr> from_bytes(BytesView bytes);

  std::string to_string() const;
  BytesView bytes() const { return bytes_; }
  bool empty() const { return bytes_.empty(); }

  class Iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = Component;
    using difference_type = std::ptrdiff_t;
    using pointer = const Component*;
    using reference = const Component&;

    Iterator() = default;
    reference operator*() const { return current_; }
    pointer operator->() const { return &current_; }
    Iterator& operator++();
    Iterator operator++(int);
    friend bool operator==(const Iterator& a, const Iterator& b) { return a.rest_.data() == b.rest_.data(); }

   private:
    friend class Multiaddr;
    explicit Iterator(BytesView rest);
    BytesView rest_;  // from the current component to the end
    Component current_{nullptr, {}, 0};
  };
  Iterator begin() const { return Iterator(bytes_); }
  Iterator end() const { return Iterator(BytesView(bytes_).subspan(bytes_.size())); }
  std::vector<Component> components() const { return {begin(), end()}; }
  std::vector<Protocol> protocols() const;

  // This address followed by `inner`. Fails if the result would break a
  // rule: longer than max_size, or a component after a path (unix) one.
  Result<Multiaddr> encapsulate(const Multiaddr& inner) const;
  // Removes the last occurrence of `suffix` (a run of whole components) and
  // everything after it; unchanged if it does not occur or is empty.
  Multiaddr decapsulate(const Multiaddr& suffix) const;

  // The text value of the first component of a protocol ("" for one without
  // a value), or nullopt if there is none.
  std::optional<std::string> value_for(Protocol::Code code) const;
  std::optional<std::string> value_for(std::string_view protocol_name) const;

  friend bool operator==(const Multiaddr&, const Multiaddr&) = default;
  friend auto operator<=>(const Multiaddr& a, const Multiaddr& b) { return a.bytes_ <=> b.bytes_; }

 private:
  explicit Multiaddr(Bytes bytes) : bytes_(std::move(bytes)) {}

  Bytes bytes_;
};

std::ostream& operator<<(std::ostream& out, const Multiaddr& a);
std::ostream& operator<<(std::ostream& out, const Component& c);

}  // namespace libp2p::multiformats

template <>
struct std::hash<libp2p::multiformats::Multiaddr> {
  std::size_t operator()(const libp2p::multiformats::Multiaddr& a) const noexcept {
    return std::hash<std::string_view>{}(libp2p::as_string(a.bytes()));
  }
};
