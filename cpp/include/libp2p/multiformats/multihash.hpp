#pragma once

// multihash (github.com/multiformats/multihash): a self-describing digest,
// <varint function code><varint digest size><digest>. Only the functions in
// `Multihash::Code` are accepted, each with its full digest size (truncated
// digests are refused), and identity "digests" up to max_identity_size bytes.

#include "libp2p/common/bytes.hpp"
#include "libp2p/common/error.hpp"

#include <cstdint>
#include <functional>
#include <string_view>

namespace libp2p::multiformats {

class Multihash {
 public:
  // Codes of the multicodec table (tag "multihash").
  enum class Code : std::uint64_t {
    identity = 0x00,
    sha1 = 0x11,
    sha2_256 = 0x12,
    sha2_512 = 0x13,
    sha3_512 = 0x14,
    sha3_384 = 0x15,
    sha3_256 = 0x16,
    sha3_224 = 0x17,
  };

  // The bound on identity multihashes (inline data, e.g. PeerIds of keys of at
  // most 42 bytes, peer-ids spec): larger ones are refused as hostile.
  static constexpr std::size_t max_identity_size = 128;

  // Parses exactly one multihash: no byte may follow it.
  static Result<Multihash> from_bytes(BytesView bytes);
  // Parses one multihash from the front of `in` and advances `in` past it.
  static Result<Multihash> read(BytesView& in);
  // Wraps a digest computed elsewhere; checks its size against the function.
  static Result<Multihash> from_digest(Code code, BytesView digest);

  // Hashes `data` (OpenSSL): identity fails above max_identity_size.
  static Result<Multihash> hash(Code code, BytesView data);
  static Multihash sha2_256(BytesView data);
  static Result<Multihash> identity(BytesView data) { return from_digest(Code::identity, data); }

  // The function's name in the multicodec table, e.g. "sha2-256".
  static std::string_view name(Code code);

  Code code() const { return code_; }
  BytesView digest() const { return BytesView(bytes_).subspan(digest_offset_); }
  // The whole encoding: code, size, digest.
  BytesView bytes() const { return bytes_; }

  friend bool operator==(const Multihash& a, const Multihash& b) { return a.bytes_ == b.bytes_; }
  friend auto operator<=>(const Multihash& a, const Multihash& b) { return a.bytes_ <=> b.bytes_; }

 private:
  Multihash(Code code, BytesView digest);

  Code code_;
  std::size_t digest_offset_;
  Bytes bytes_;
};

}  // namespace libp2p::multiformats

template <>
struct std::hash<libp2p::multiformats::Multihash> {
  std::size_t operator()(const libp2p::multiformats::Multihash& m) const noexcept {
    return std::hash<std::string_view>{}(libp2p::as_string(m.bytes()));
  }
};
