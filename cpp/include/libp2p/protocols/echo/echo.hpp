#pragma once

// echo (/echo/1.0.0): the listener writes back everything it reads until the
// dialer closes its side, then closes its own. Not a libp2p spec protocol;
// the interop tests and examples use it.

#include "libp2p/host/host.hpp"

namespace libp2p::echo {

inline constexpr std::string_view protocol_id = "/echo/1.0.0";

void serve(host::Host& host);

}  // namespace libp2p::echo
