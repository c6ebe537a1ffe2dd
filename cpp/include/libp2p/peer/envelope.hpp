#pragma once

// Signed envelopes (libp2p/specs RFC 0002): a payload, its type, the signer's
// public key and a signature over the domain-separated payload.

#include "libp2p/common/bytes.hpp"
#include "libp2p/common/error.hpp"
#include "libp2p/crypto/private_key.hpp"
#include "libp2p/crypto/public_key.hpp"

#include <cstddef>
#include <string_view>

namespace libp2p::peer {

class Envelope {
 public:
  // Bound on an encoded envelope, checked before parsing.
  static constexpr std::size_t max_size = 64 * 1024;

  // Signs `payload` for `domain` (which must not be empty) with `key`.
  static Result<Envelope> seal(const crypto::PrivateKey& key, std::string_view domain, BytesView payload_type,
                               BytesView payload);

  // Parses an encoded envelope and checks its signature for `domain`
  // (go-libp2p's ConsumeEnvelope). A wrong domain and a bad signature cannot
  // be told apart: both are Errc::invalid_signature.
  static Result<Envelope> open(BytesView bytes, std::string_view domain);
  // The same, and the payload type must be `payload_type`.
  static Result<Envelope> open(BytesView bytes, std::string_view domain, BytesView payload_type);

  // Parses without checking the signature (to inspect an envelope only).
  static Result<Envelope> decode(BytesView bytes);

  bool verify(std::string_view domain) const;

  const crypto::PublicKey& public_key() const { return public_key_; }
  BytesView payload_type() const { return payload_type_; }
  BytesView payload() const { return payload_; }
  BytesView signature() const { return signature_; }

  // The protobuf of RFC 0002, "Wire Format".
  Bytes encode() const;

  friend bool operator==(const Envelope&, const Envelope&) = default;

 private:
  Envelope(crypto::PublicKey key, Bytes payload_type, Bytes payload, Bytes signature)
      : public_key_(std::move(key)),
        payload_type_(std::move(payload_type)),
        payload_(std::move(payload)),
        signature_(std::move(signature)) {}

  crypto::PublicKey public_key_;
  Bytes payload_type_;
  Bytes payload_;
  Bytes signature_;
};

// What is signed (RFC 0002, "Signature Production / Verification"): the
// domain, the payload type and the payload, each after its length as an
// unsigned varint.
Bytes signing_buffer(std::string_view domain, BytesView payload_type, BytesView payload);

}  // namespace libp2p::peer
