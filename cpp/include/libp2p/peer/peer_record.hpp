#pragma once

// Peer records (libp2p/specs RFC 0003): a peer's addresses with a sequence
// number, carried in a signed envelope made by the peer's own key.
//
// Domain and payload type are those go-libp2p, js-libp2p and rust-libp2p's
// interop format use: "libp2p-peer-record" and the multicodec
// libp2p-peer-record (0x0301). RFC 0003 still names the draft's
// "libp2p-routing-state" domain, which no current implementation accepts
// together with 0x0301.

#include "libp2p/common/bytes.hpp"
#include "libp2p/common/error.hpp"
#include "libp2p/crypto/private_key.hpp"
#include "libp2p/multiformats/multiaddr.hpp"
#include "libp2p/peer/envelope.hpp"
#include "libp2p/peer/peer_id.hpp"

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

namespace libp2p::peer {

struct PeerRecord {
  static constexpr std::string_view domain = "libp2p-peer-record";
  static constexpr std::array<std::uint8_t, 2> payload_type = {0x03, 0x01};

  PeerId peer_id;
  // Newer records of a peer have larger numbers (see timestamp_seq).
  std::uint64_t seq = 0;
  std::vector<multiformats::Multiaddr> addrs;

  // The PeerRecord protobuf (RFC 0003, "Address Record Format"); empty
  // addresses are left out.
  Bytes to_protobuf() const;
  // Addresses that do not parse (a protocol this library does not know, say)
  // are skipped, as go-libp2p does; a missing or bad PeerId is an error.
  static Result<PeerRecord> from_protobuf(BytesView bytes);

  // The record in an envelope signed by `key`, which must be the key of
  // peer_id.
  Result<Envelope> seal(const crypto::PrivateKey& key) const;
  // A record from an encoded envelope: the signature is checked for the
  // domain and payload type before the payload is parsed (RFC 0003,
  // "Certification / Verification"), then the record's PeerId must be the
  // signer's.
  static Result<PeerRecord> open(BytesView envelope);
  static Result<PeerRecord> from_envelope(const Envelope& envelope);

  friend bool operator==(const PeerRecord&, const PeerRecord&) = default;
};

// A sequence number from the clock, as go-libp2p's TimestampSeq: nanoseconds
// since the Unix epoch, strictly increasing within the process even if the
// clock is not.
std::uint64_t timestamp_seq();

}  // namespace libp2p::peer
