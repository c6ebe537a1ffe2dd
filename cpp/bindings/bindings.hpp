#pragma once

#include <pybind11/pybind11.h>

namespace libp2p::bindings {

// One function per subsystem, each in its own file.
void bind_errors(pybind11::module_& m);
void bind_multiformats(pybind11::module_& m);
void bind_crypto(pybind11::module_& m);
void bind_peer(pybind11::module_& m);
void bind_host(pybind11::module_& m);

}  // namespace libp2p::bindings
