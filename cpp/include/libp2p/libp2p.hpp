#pragma once

// The one include for applications: a Host with the protocols its config
// turns on (identify, ping, perf), ready to use.

#include "libp2p/host/host.hpp"
#include "libp2p/protocols/echo/echo.hpp"
#include "libp2p/protocols/identify/identify.hpp"
#include "libp2p/protocols/perf/perf.hpp"
#include "libp2p/protocols/ping/ping.hpp"

namespace libp2p {

Result<std::shared_ptr<host::Host>> make_host(asio::any_io_executor executor, host::Config config = {});

}  // namespace libp2p
