#include "libp2p/libp2p.hpp"

namespace libp2p {

Result<std::shared_ptr<host::Host>> make_host(asio::any_io_executor executor, host::Config config) {
  auto host = host::Host::create(std::move(executor), std::move(config));
  if (!host) return host.error();
  if ((*host)->config().identify) identify::Identify::attach(*host);
  if ((*host)->config().ping) ping::serve(**host);
  if ((*host)->config().perf) perf::serve(**host);
  return host;
}

}  // namespace libp2p
