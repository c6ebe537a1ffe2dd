#pragma once

// A reader and writer of DER (ITU-T X.690, "Distinguished Encoding Rules"), for the few
// structures read by hand: keys (peer-ids spec), the libp2p SignedKey and
// X.509 certificates (tls/tls.md). OpenSSL 3.0's generic decoders cost a
// large part of a handshake; these structures need none of their generality.
//
// Strict DER only: one-byte tags (numbers below 31, all these structures
// use), definite lengths in the fewest bytes.

#include "libp2p/common/bytes.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace libp2p::der {

inline constexpr std::uint8_t boolean = 0x01;
inline constexpr std::uint8_t integer = 0x02;
inline constexpr std::uint8_t bit_string = 0x03;
inline constexpr std::uint8_t octet_string = 0x04;
inline constexpr std::uint8_t null = 0x05;
inline constexpr std::uint8_t object_identifier = 0x06;
inline constexpr std::uint8_t utc_time = 0x17;
inline constexpr std::uint8_t generalized_time = 0x18;
inline constexpr std::uint8_t sequence = 0x30;

// The tag of [n] in a context: IMPLICIT of a primitive type, or constructed
// (EXPLICIT, or IMPLICIT of a SEQUENCE).
constexpr std::uint8_t context_primitive(unsigned n) { return static_cast<std::uint8_t>(0x80 | n); }
constexpr std::uint8_t context_constructed(unsigned n) { return static_cast<std::uint8_t>(0xa0 | n); }

struct Element {
  std::uint8_t tag;
  BytesView contents;
  BytesView encoding;  // header and contents, as received
};

// Reads the elements of a view one after another. Every read returns nullopt
// on input that is not an element as asked (truncated, not DER, another tag)
// and then leaves the reader where it was.
class Reader {
 public:
  explicit Reader(BytesView in) : in_(in) {}

  bool empty() const { return in_.empty(); }
  // The tag of the next element, if there is one.
  std::optional<std::uint8_t> peek() const;

  std::optional<Element> next();
  // The next element, if it has `tag`.
  std::optional<Element> next(std::uint8_t tag);
  // The contents of the next element, if it has `tag`.
  std::optional<BytesView> contents(std::uint8_t tag);

 private:
  BytesView in_;
};

// Appends the element {tag, contents} to `out`.
void append_element(Bytes& out, std::uint8_t tag, BytesView contents);
Bytes element(std::uint8_t tag, BytesView contents);

// The contents of a BIT STRING that holds whole bytes (no unused bits), as
// keys and signatures are; nullopt otherwise.
std::optional<BytesView> whole_bytes(BytesView bit_string_contents);

// An OBJECT IDENTIFIER's contents in dotted form ("1.3.6.1.4.1.53594.1.1"),
// for messages; "?" for contents that are not one.
std::string dotted(BytesView oid_contents);

}  // namespace libp2p::der
