#pragma once

// A PeerId (peer-ids spec, "Peer Ids"): the multihash of a public key's
// protobuf encoding, identity when that encoding has at most 42 bytes (the key
// is inlined), sha2-256 otherwise. Written as base58btc ("12D3KooW...",
// "Qm...") or as a CIDv1 with the libp2p-key codec ("bafz...", "k51...").

#include "libp2p/common/bytes.hpp"
#include "libp2p/common/error.hpp"
#include "libp2p/crypto/public_key.hpp"
#include "libp2p/multiformats/cid.hpp"
#include "libp2p/multiformats/multibase.hpp"
#include "libp2p/multiformats/multihash.hpp"

#include <compare>
#include <cstddef>
#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>

namespace libp2p::peer {

class PeerId {
 public:
  // Keys whose protobuf has at most this many bytes are inlined (identity).
  static constexpr std::size_t max_inline_key_size = 42;
  // Bound on PeerId text, checked before decoding.
  static constexpr std::size_t max_text_size = 256;

  static PeerId from_public_key(const crypto::PublicKey& key);
  // A binary PeerId: a sha2-256 multihash, or an identity multihash of at most
  // max_inline_key_size bytes.
  static Result<PeerId> from_bytes(BytesView bytes);
  static Result<PeerId> from_multihash(multiformats::Multihash hash);
  // Base58btc text of the multihash ("1..." or "Qm..."), or multibase text of
  // a CIDv1 with the libp2p-key codec (peer-ids spec, "Decoding").
  static Result<PeerId> from_string(std::string_view text);
  // A CIDv1 with the libp2p-key codec.
  static Result<PeerId> from_cid(const multiformats::Cid& cid);

  const multiformats::Multihash& multihash() const { return hash_; }
  BytesView bytes() const { return hash_.bytes(); }

  std::string to_base58() const;
  std::string to_string() const { return to_base58(); }
  multiformats::Cid to_cid() const;
  std::string to_cid_string(multiformats::multibase::Base base = multiformats::multibase::Base::base32) const;

  // The inlined public key of an identity PeerId; nullopt for a sha2-256
  // PeerId; an error if the inlined bytes are not a valid key.
  Result<std::optional<crypto::PublicKey>> extract_public_key() const;
  // True when this is the PeerId of `key`.
  bool matches(const crypto::PublicKey& key) const;

  friend bool operator==(const PeerId&, const PeerId&) = default;
  friend auto operator<=>(const PeerId& a, const PeerId& b) { return a.hash_ <=> b.hash_; }

 private:
  explicit PeerId(multiformats::Multihash hash) : hash_(std::move(hash)) {}

  multiformats::Multihash hash_;
};

std::ostream& operator<<(std::ostream& out, const PeerId& id);

}  // namespace libp2p::peer

template <>
struct std::hash<libp2p::peer::PeerId> {
  std::size_t operator()(const libp2p::peer::PeerId& id) const noexcept {
    return std::hash<libp2p::multiformats::Multihash>{}(id.multihash());
  }
};
