#include "bindings.hpp"

PYBIND11_MODULE(_core, m) {
  m.doc() = "The C++ core of libp2p; use the `libp2p` package, not this module.";
  libp2p::bindings::bind_errors(m);
  libp2p::bindings::bind_multiformats(m);
  libp2p::bindings::bind_crypto(m);
  libp2p::bindings::bind_peer(m);
  libp2p::bindings::bind_host(m);
}
