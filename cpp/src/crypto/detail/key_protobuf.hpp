#pragma once

// The spec's PublicKey / PrivateKey protobuf messages {Type = 1, Data = 2}
// (peer-ids spec, "Keys").

#include "libp2p/common/bytes.hpp"
#include "libp2p/common/error.hpp"
#include "libp2p/crypto/key_type.hpp"

#include <cstddef>

namespace libp2p::crypto::detail {

struct KeyMessage {
  KeyType type;
  Bytes data;  // for a private key, the caller wipes it
};

// Parses either message (their layouts are the same); `what` names it in errors.
Result<KeyMessage> decode_key_message(BytesView bytes, std::size_t max_size, const char* what);

// The deterministic encoding the spec demands: Type then Data, minimal
// varints, both fields present, nothing else.
Bytes encode_key_message(KeyType type, BytesView data);

}  // namespace libp2p::crypto::detail
