#pragma once

// CID (github.com/multiformats/cid): a self-describing content identifier.
// CIDv1 is <varint 1><varint multicodec><multihash>, written as multibase text
// (base32 by default). CIDv0 is a bare sha2-256 multihash, always written in
// base58btc ("Qm..."): it is parsed too, and version() tells the two apart —
// callers that need v1 (PeerIds as CIDs, peer-ids spec) check it.

#include "libp2p/common/bytes.hpp"
#include "libp2p/common/error.hpp"
#include "libp2p/multiformats/multibase.hpp"
#include "libp2p/multiformats/multihash.hpp"

#include <compare>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace libp2p::multiformats {

// Content-type codes of the multicodec table.
namespace multicodec {
inline constexpr std::uint64_t raw = 0x55;
inline constexpr std::uint64_t dag_pb = 0x70;
inline constexpr std::uint64_t dag_cbor = 0x71;
inline constexpr std::uint64_t libp2p_key = 0x72;
}  // namespace multicodec

class Cid {
 public:
  enum class Version : std::uint8_t { v0 = 0, v1 = 1 };

  // A CIDv1.
  Cid(std::uint64_t codec, Multihash hash);
  // A CIDv0: `hash` must be sha2-256; the codec is dag-pb.
  static Result<Cid> v0(Multihash hash);

  // Binary CIDs (CID spec, "Decoding Algorithm" step 2).
  static Result<Cid> from_bytes(BytesView bytes);
  // Text: a 46-character "Qm..." CIDv0, or a multibase-encoded CIDv1.
  static Result<Cid> from_string(std::string_view text);

  Version version() const { return version_; }
  std::uint64_t codec() const { return codec_; }
  const Multihash& hash() const { return hash_; }

  Bytes bytes() const;
  // A CIDv1 in `base`; a CIDv0 in base58btc whatever `base` says.
  std::string to_string(multibase::Base base = multibase::Base::base32) const;

  friend bool operator==(const Cid&, const Cid&) = default;
  friend auto operator<=>(const Cid& a, const Cid& b) { return a.bytes() <=> b.bytes(); }

 private:
  Cid(Version version, std::uint64_t codec, Multihash hash);

  Version version_;
  std::uint64_t codec_;
  Multihash hash_;
};

}  // namespace libp2p::multiformats

template <>
struct std::hash<libp2p::multiformats::Cid> {
  std::size_t operator()(const libp2p::multiformats::Cid& c) const noexcept {
    return std::hash<libp2p::multiformats::Multihash>{}(c.hash()) ^ (c.codec() * 0x9e3779b97f4a7c15ull);
  }
};
