#pragma once

#include "libp2p/multiformats/multiaddr.hpp"
#include "multiformats/detail/multiaddr_values.hpp"

namespace libp2p::multiformats::detail {

// The codec of a protocol that has a value.
const ValueCodec& value_codec(const Protocol& protocol);

}  // namespace libp2p::multiformats::detail
