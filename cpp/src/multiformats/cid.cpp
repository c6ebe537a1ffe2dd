#include "libp2p/multiformats/cid.hpp"

#include "libp2p/multiformats/errc.hpp"
#include "libp2p/multiformats/varint.hpp"

namespace libp2p::multiformats {
namespace {

// The first byte of a CIDv0 (sha2-256) and its size: 0x12 0x20 + 32 bytes.
constexpr std::uint8_t v0_first_byte = 0x12;
constexpr std::size_t v0_size = 34;

Error bad(std::string what) { return Error(Errc::bad_cid, "CID: " + what); }

bool looks_like_v0(BytesView bytes) { return bytes.size() == v0_size && bytes[0] == 0x12 && bytes[1] == 0x20; }

}  // namespace

Cid::Cid(std::uint64_t codec, Multihash hash) : Cid(Version::v1, codec, std::move(hash)) {}

Cid::Cid(Version version, std::uint64_t codec, Multihash hash)
    : version_(version), codec_(codec), hash_(std::move(hash)) {}

Result<Cid> Cid::v0(Multihash hash) {
  if (hash.code() != Multihash::Code::sha2_256) return bad("a CIDv0 must be a sha2-256 multihash");
  return Cid(Version::v0, multicodec::dag_pb, std::move(hash));
}

Result<Cid> Cid::from_bytes(BytesView bytes) {
  if (looks_like_v0(bytes)) {
    auto hash = Multihash::from_bytes(bytes);
    if (!hash) return prefixed("CIDv0", hash.error());
    return v0(std::move(*hash));
  }
  BytesView rest = bytes;
  auto version = varint::read(rest);
  if (!version) return prefixed("CID version", version.error());
  if (*version == v0_first_byte) return bad("a CIDv0 (sha2-256 multihash) must be 34 bytes");
  if (*version != 1) return bad("unsupported version " + std::to_string(*version));
  auto codec = varint::read(rest);
  if (!codec) return prefixed("CID codec", codec.error());
  auto hash = Multihash::from_bytes(rest);
  if (!hash) return prefixed("CID", hash.error());
  return Cid(*codec, std::move(*hash));
}

Result<Cid> Cid::from_string(std::string_view text) {
  // CID spec, "Decoding Algorithm" step 1.
  if (text.size() == 46 && text.starts_with("Qm")) {
    auto bytes = multibase::base58btc_decode(text);
    if (!bytes) return prefixed("CIDv0", bytes.error());
    if (!looks_like_v0(*bytes)) return bad("a \"Qm\" CIDv0 must be a sha2-256 multihash");
    return from_bytes(*bytes);
  }
  auto bytes = multibase::decode(text);
  if (!bytes) return prefixed("CID", bytes.error());
  if (!bytes->empty() && (*bytes)[0] == v0_first_byte) return bad("a CIDv0 cannot be multibase-encoded");
  return from_bytes(*bytes);
}

Bytes Cid::bytes() const {
  if (version_ == Version::v0) return {hash_.bytes().begin(), hash_.bytes().end()};
  Bytes out;
  out.reserve(1 + varint::encoded_size(codec_) + hash_.bytes().size());
  varint::append(out, 1);
  varint::append(out, codec_);
  append(out, hash_.bytes());
  return out;
}

std::string Cid::to_string(multibase::Base base) const {
  if (version_ == Version::v0) return multibase::base58btc_encode(hash_.bytes());
  return multibase::encode(base, bytes());
}

}  // namespace libp2p::multiformats
