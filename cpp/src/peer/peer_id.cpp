#include "libp2p/peer/peer_id.hpp"

#include "libp2p/peer/errc.hpp"

#include <fmt/format.h>

#include <ostream>

namespace libp2p::peer {
namespace {

using multiformats::Cid;
using multiformats::Multihash;

Error bad(const std::string& what) { return Error(Errc::bad_peer_id, "PeerId: " + what); }

Error bad(const std::string& what, const Error& cause) { return bad(what + ": " + cause.message); }

}  // namespace

PeerId PeerId::from_public_key(const crypto::PublicKey& key) {
  const Bytes encoded = key.to_protobuf();
  if (encoded.size() <= max_inline_key_size) return PeerId(Multihash::identity(encoded).value());
  return PeerId(Multihash::sha2_256(encoded));
}

Result<PeerId> PeerId::from_multihash(Multihash hash) {
  switch (hash.code()) {
    case Multihash::Code::sha2_256: return PeerId(std::move(hash));
    case Multihash::Code::identity:
      if (hash.digest().size() > max_inline_key_size)
        return bad("an identity multihash inlines at most " + std::to_string(max_inline_key_size) + " bytes, not " +
                   std::to_string(hash.digest().size()));
      return PeerId(std::move(hash));
    default:
      return bad(std::string("the multihash must be identity or sha2-256, not ") +
                 std::string(Multihash::name(hash.code())));
  }
}

Result<PeerId> PeerId::from_bytes(BytesView bytes) {
  auto hash = Multihash::from_bytes(bytes);
  if (!hash) return bad("not a multihash", hash.error());
  return from_multihash(std::move(*hash));
}

Result<PeerId> PeerId::from_cid(const Cid& cid) {
  if (cid.version() != Cid::Version::v1) return bad("a CIDv0 is not a PeerId");
  if (cid.codec() != multiformats::multicodec::libp2p_key)
    return bad(fmt::format("a CID with codec {:#x} is not a PeerId (libp2p-key is 0x72)", cid.codec()));
  return from_multihash(cid.hash());
}

Result<PeerId> PeerId::from_string(std::string_view text) {
  if (text.empty()) return bad("empty text");
  if (text.size() > max_text_size)
    return bad(std::to_string(text.size()) + " characters is longer than any PeerId");
  // peer-ids spec, "Decoding": "1..." and "Qm..." are bare base58btc multihashes.
  if (text.starts_with('1') || text.starts_with("Qm")) {
    auto bytes = multiformats::multibase::base58btc_decode(text);
    if (!bytes) return bad("bad base58btc", bytes.error());
    return from_bytes(*bytes);
  }
  if (!multiformats::multibase::base_of(text[0]))
    return bad("\"" + std::string(text.substr(0, 16)) + "\" is neither base58btc (1..., Qm...) nor a multibase CID");
  auto cid = Cid::from_string(text);
  if (!cid) return bad("not a CID", cid.error());
  return from_cid(*cid);
}

std::string PeerId::to_base58() const { return multiformats::multibase::base58btc_encode(hash_.bytes()); }

Cid PeerId::to_cid() const { return Cid(multiformats::multicodec::libp2p_key, hash_); }

std::string PeerId::to_cid_string(multiformats::multibase::Base base) const { return to_cid().to_string(base); }

Result<std::optional<crypto::PublicKey>> PeerId::extract_public_key() const {
  if (hash_.code() != Multihash::Code::identity) return std::optional<crypto::PublicKey>();
  auto key = crypto::PublicKey::from_protobuf(hash_.digest());
  if (!key) return bad("the inlined public key is invalid", key.error());
  return std::optional<crypto::PublicKey>(std::move(*key));
}

bool PeerId::matches(const crypto::PublicKey& key) const { return from_public_key(key) == *this; }

std::ostream& operator<<(std::ostream& out, const PeerId& id) { return out << id.to_base58(); }

}  // namespace libp2p::peer
