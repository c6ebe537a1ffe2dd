// libp2p::Exception -> the libp2p.errors class of its error category.
#include "bindings.hpp"

#include "libp2p/common/error.hpp"

namespace libp2p::bindings {

namespace py = pybind11;

void bind_errors(py::module_&) {
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const Exception& e) {
      py::object cls = py::module_::import("libp2p.errors").attr("_for_category")(e.error().code.category().name());
      PyErr_SetString(cls.ptr(), e.error().what().c_str());
    }
  });
}

}  // namespace libp2p::bindings
