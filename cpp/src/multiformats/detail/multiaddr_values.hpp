#pragma once

// The value codecs of the multiaddr protocols: text <-> binary, as
// go-multiaddr's transcoders.go reads and writes them. Errors give only the
// reason; the caller names the component.

#include "libp2p/common/bytes.hpp"
#include "libp2p/common/error.hpp"

#include <string>
#include <string_view>

namespace libp2p::multiformats::detail {

struct ValueCodec {
  // Text -> binary value; the caller then validates the result.
  Result<Bytes> (*parse)(std::string_view text);
  // Checks a binary value (its size already matches the protocol's).
  Result<void> (*validate)(BytesView value);
  // A validated binary value -> its canonical text.
  std::string (*print)(BytesView value);
};

extern const ValueCodec ip4_value;
extern const ValueCodec ip6_value;
extern const ValueCodec port_value;      // tcp, udp, dccp, sctp
extern const ValueCodec ipcidr_value;
extern const ValueCodec memory_value;
extern const ValueCodec name_value;      // dns*, sni, ip6zone: non-empty, no '/'
extern const ValueCodec unix_value;
extern const ValueCodec http_path_value;
extern const ValueCodec p2p_value;
extern const ValueCodec certhash_value;
extern const ValueCodec onion_value;
extern const ValueCodec onion3_value;
extern const ValueCodec garlic64_value;
extern const ValueCodec garlic32_value;

// An Errc::bad_multiaddr error.
Error value_error(std::string why);

}  // namespace libp2p::multiformats::detail
