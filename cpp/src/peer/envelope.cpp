#include "libp2p/peer/envelope.hpp"

#include "libp2p/multiformats/varint.hpp"
#include "libp2p/peer/errc.hpp"
#include "proto/envelope.pb.h"

#include <string>

namespace libp2p::peer {
namespace {

Bytes bytes_of(const std::string& s) { return {s.begin(), s.end()}; }

Error invalid_signature(std::string_view domain) {
  return Error(Errc::invalid_signature,
               "envelope signature does not verify for domain \"" + std::string(domain) +
                   "\" (a bad signature or another domain)");
}

}  // namespace

Bytes signing_buffer(std::string_view domain, BytesView payload_type, BytesView payload) {
  namespace varint = multiformats::varint;
  Bytes out;
  out.reserve(3 * varint::max_size + domain.size() + payload_type.size() + payload.size());
  for (BytesView field : {as_bytes(domain), payload_type, payload}) {
    varint::append(out, field.size());
    append(out, field);
  }
  return out;
}

Result<Envelope> Envelope::seal(const crypto::PrivateKey& key, std::string_view domain, BytesView payload_type,
                                BytesView payload) {
  if (domain.empty()) return Error(Errc::bad_envelope, "envelope domain must not be empty");
  auto signature = key.sign(signing_buffer(domain, payload_type, payload));
  if (!signature) return prefixed("sealing an envelope", signature.error());
  return Envelope(key.public_key(), Bytes(payload_type.begin(), payload_type.end()),
                  Bytes(payload.begin(), payload.end()), std::move(*signature));
}

Result<Envelope> Envelope::decode(BytesView bytes) {
  if (bytes.size() > max_size)
    return Error(Errc::bad_envelope, "envelope of " + std::to_string(bytes.size()) + " bytes exceeds " +
                                         std::to_string(max_size));
  record::pb::Envelope message;
  // Partial: a key with missing fields is reported by PublicKey below.
  if (!message.ParsePartialFromArray(bytes.data(), static_cast<int>(bytes.size())))
    return Error(Errc::bad_envelope, "envelope is not a valid protobuf");
  if (!message.has_public_key()) return Error(Errc::bad_envelope, "envelope has no public_key");
  const std::string key_bytes = message.public_key().SerializePartialAsString();
  auto key = crypto::PublicKey::from_protobuf(as_bytes(key_bytes));
  if (!key) return Error(Errc::bad_envelope, "envelope public_key: " + key.error().message);
  return Envelope(std::move(*key), bytes_of(message.payload_type()), bytes_of(message.payload()),
                  bytes_of(message.signature()));
}

Result<Envelope> Envelope::open(BytesView bytes, std::string_view domain) {
  auto envelope = decode(bytes);
  if (!envelope) return envelope;
  if (!envelope->verify(domain)) return invalid_signature(domain);
  return envelope;
}

Result<Envelope> Envelope::open(BytesView bytes, std::string_view domain, BytesView payload_type) {
  auto envelope = decode(bytes);
  if (!envelope) return envelope;
  if (!equal(envelope->payload_type(), payload_type))
    return Error(Errc::wrong_payload_type, "envelope payload type is not the one expected for \"" +
                                               std::string(domain) + "\"");
  if (!envelope->verify(domain)) return invalid_signature(domain);
  return envelope;
}

bool Envelope::verify(std::string_view domain) const {
  return public_key_.verify(signing_buffer(domain, payload_type_, payload_), signature_);
}

Bytes Envelope::encode() const {
  record::pb::Envelope message;
  const Bytes key = public_key_.to_protobuf();
  message.mutable_public_key()->ParseFromArray(key.data(), static_cast<int>(key.size()));
  message.set_payload_type(std::string(as_string(payload_type_)));
  message.set_payload(std::string(as_string(payload_)));
  message.set_signature(std::string(as_string(signature_)));
  const std::string out = message.SerializeAsString();
  return bytes_of(out);
}

}  // namespace libp2p::peer
