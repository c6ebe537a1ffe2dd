#include "libp2p/peer/peer_record.hpp"

#include "libp2p/peer/errc.hpp"
#include "proto/peer_record.pb.h"

#include <atomic>
#include <chrono>
#include <string>

namespace libp2p::peer {
namespace {

Bytes bytes_of(const std::string& s) { return {s.begin(), s.end()}; }

}  // namespace

Bytes PeerRecord::to_protobuf() const {
  pb::PeerRecord message;
  message.set_peer_id(std::string(as_string(peer_id.bytes())));
  message.set_seq(seq);
  for (const auto& addr : addrs) {
    if (addr.empty()) continue;  // would be read back as "/" by some peers
    message.add_addresses()->set_multiaddr(std::string(as_string(addr.bytes())));
  }
  return bytes_of(message.SerializeAsString());
}

Result<PeerRecord> PeerRecord::from_protobuf(BytesView bytes) {
  if (bytes.size() > Envelope::max_size)
    return Error(Errc::bad_peer_record, "peer record of " + std::to_string(bytes.size()) + " bytes exceeds " +
                                            std::to_string(Envelope::max_size));
  pb::PeerRecord message;
  if (!message.ParseFromArray(bytes.data(), static_cast<int>(bytes.size())))
    return Error(Errc::bad_peer_record, "peer record is not a valid protobuf");
  auto id = PeerId::from_bytes(as_bytes(message.peer_id()));
  if (!id) return Error(Errc::bad_peer_record, "peer record peer_id: " + id.error().message);
  PeerRecord record{std::move(*id), message.seq(), {}};
  record.addrs.reserve(static_cast<std::size_t>(message.addresses_size()));
  for (const auto& info : message.addresses()) {
    if (auto addr = multiformats::Multiaddr::from_bytes(as_bytes(info.multiaddr()))) record.addrs.push_back(*addr);
  }
  return record;
}

Result<Envelope> PeerRecord::seal(const crypto::PrivateKey& key) const {
  if (!peer_id.matches(key.public_key()))
    return Error(Errc::peer_id_mismatch, "cannot seal the peer record of " + peer_id.to_base58() +
                                             " with the key of " +
                                             PeerId::from_public_key(key.public_key()).to_base58());
  return Envelope::seal(key, domain, payload_type, to_protobuf());
}

Result<PeerRecord> PeerRecord::open(BytesView envelope) {
  auto decoded = Envelope::decode(envelope);
  if (!decoded) return decoded.error();
  return from_envelope(*decoded);
}

Result<PeerRecord> PeerRecord::from_envelope(const Envelope& envelope) {
  if (!equal(envelope.payload_type(), payload_type))
    return Error(Errc::wrong_payload_type, "envelope does not carry a peer record (payload type 0x0301)");
  if (!envelope.verify(domain))
    return Error(Errc::invalid_signature, "peer record envelope signature does not verify");
  auto record = from_protobuf(envelope.payload());
  if (!record) return record;
  if (!record->peer_id.matches(envelope.public_key()))
    return Error(Errc::peer_id_mismatch, "peer record of " + record->peer_id.to_base58() + " signed by " +
                                             PeerId::from_public_key(envelope.public_key()).to_base58());
  return record;
}

std::uint64_t timestamp_seq() {
  static std::atomic<std::uint64_t> last{0};
  const auto now = static_cast<std::uint64_t>(
      std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch())
          .count());
  std::uint64_t previous = last.load();
  std::uint64_t next = 0;
  do {
    next = now > previous ? now : previous + 1;
  } while (!last.compare_exchange_weak(previous, next));
  return next;
}

}  // namespace libp2p::peer
