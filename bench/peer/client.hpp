#pragma once

// The bench peer's client (bench/CONTRACT.md): runs one scenario against the
// server and returns its one JSON line.

#include "options.hpp"

#include "libp2p/host/host.hpp"

#include <memory>
#include <string>
#include <vector>

namespace libp2p::bench {

// `held` keeps what the scenario leaves open (idle: its connections' hosts)
// for the caller to hold until it is told to let go.
asio::awaitable<Result<std::string>> run_client(Options options, std::vector<std::shared_ptr<host::Host>>& held);

}  // namespace libp2p::bench
