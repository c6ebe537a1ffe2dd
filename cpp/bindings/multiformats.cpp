// libp2p.Multiaddr and the multibase functions behind libp2p.multibase.
#include "bindings.hpp"

#include "libp2p/multiformats/errc.hpp"
#include "libp2p/multiformats/multiaddr.hpp"
#include "libp2p/multiformats/multibase.hpp"

#include <pybind11/stl.h>

#include <string>
#include <utility>
#include <variant>

namespace libp2p::bindings {

namespace py = pybind11;
using multiformats::Errc;
using multiformats::Multiaddr;
namespace multibase = multiformats::multibase;

namespace {

py::bytes to_py(BytesView b) { return py::bytes(reinterpret_cast<const char*>(b.data()), b.size()); }

// Multiaddr text may hold bytes that are not UTF-8 (a dns or unix value read
// from binary): they cross into Python as surrogate escapes and back.
py::str text_to_py(const std::string& text) {
  PyObject* s = PyUnicode_DecodeUTF8(text.data(), static_cast<Py_ssize_t>(text.size()), "surrogateescape");
  if (!s) throw py::error_already_set();
  return py::reinterpret_steal<py::str>(s);
}

std::string text_from_py(const py::str& text) {
  PyObject* b = PyUnicode_AsEncodedString(text.ptr(), "utf-8", "surrogateescape");
  if (!b) throw py::error_already_set();
  return std::string(py::reinterpret_steal<py::bytes>(b));
}

Multiaddr parse(const std::variant<Multiaddr, py::str, py::bytes>& value) {
  if (auto* a = std::get_if<Multiaddr>(&value)) return *a;
  if (auto* s = std::get_if<py::str>(&value)) return Multiaddr::from_string(text_from_py(*s)).value();
  return Multiaddr::from_bytes(as_bytes(std::string_view(std::get<py::bytes>(value)))).value();
}

[[noreturn]] void unknown_protocol(const std::string& name) {
  throw Exception(Error(Errc::bad_multiaddr, "unknown protocol \"" + name + "\""));
}

void bind_multiaddr(py::module_& m) {
  using Other = std::variant<Multiaddr, py::str>;
  auto other = [](const Other& o) {
    return std::visit([](const auto& v) { return parse(v); }, o);
  };
  py::class_<Multiaddr>(m, "Multiaddr", "A multiaddr: a self-describing network address.")
      .def(py::init([](const std::variant<py::str, py::bytes>& value) {
             return std::visit([](const auto& v) { return parse(v); }, value);
           }),
           py::arg("addr"), "Parses the text (\"/ip4/1.2.3.4/tcp/1\") or binary form.")
      .def_static(
          "from_bytes",
          [](const py::bytes& data) { return Multiaddr::from_bytes(as_bytes(std::string_view(data))).value(); },
          py::arg("data"))
      .def("__str__", [](const Multiaddr& a) { return text_to_py(a.to_string()); })
      .def("__repr__", [](const Multiaddr& a) { return py::str("Multiaddr({!r})").format(text_to_py(a.to_string())); })
      .def("__bytes__", [](const Multiaddr& a) { return to_py(a.bytes()); })
      .def("to_bytes", [](const Multiaddr& a) { return to_py(a.bytes()); })
      .def("__eq__", [](const Multiaddr& a, const Multiaddr& b) { return a == b; }, py::is_operator())
      .def("__lt__", [](const Multiaddr& a, const Multiaddr& b) { return a < b; }, py::is_operator())
      .def("__hash__", [](const Multiaddr& a) { return std::hash<Multiaddr>{}(a); })
      .def("__len__", [](const Multiaddr& a) { return a.components().size(); })
      .def(
          "__iter__",
          [](const Multiaddr& a) {
            py::list pairs;
            for (const auto& c : a) pairs.append(py::make_tuple(std::string(c.name()), text_to_py(c.value())));
            return pairs.attr("__iter__")();
          },
          "The components as (protocol name, value text) pairs; the value is \"\" for protocols without one.")
      .def(
          "encapsulate", [=](const Multiaddr& a, const Other& inner) { return a.encapsulate(other(inner)).value(); },
          py::arg("other"))
      .def(
          "__truediv__", [=](const Multiaddr& a, const Other& inner) { return a.encapsulate(other(inner)).value(); },
          py::is_operator())
      .def(
          "decapsulate", [=](const Multiaddr& a, const Other& suffix) { return a.decapsulate(other(suffix)); },
          py::arg("other"), "Removes the last occurrence of `other` and everything after it.")
      .def(
          "value_for_protocol",
          [](const Multiaddr& a, const std::string& name) -> std::optional<py::str> {
            if (!multiformats::Protocol::by_name(name)) unknown_protocol(name);
            auto value = a.value_for(name);
            if (!value) return std::nullopt;
            return text_to_py(*value);
          },
          py::arg("name"), "The value of the first component of that protocol, or None if there is none.")
      .def("protocols", [](const Multiaddr& a) {
        std::vector<std::string> names;
        for (const auto& p : a.protocols()) names.emplace_back(p.name);
        return names;
      });
}

multibase::Base base_named(const std::string& name) {
  auto base = multibase::base_named(name);
  if (!base) throw Exception(Error(Errc::bad_base, "unknown or unsupported multibase \"" + name + "\""));
  return *base;
}

void bind_multibase(py::module_& m) {
  m.def(
      "multibase_encode",
      [](const std::string& base, const py::bytes& data) {
        return multibase::encode(base_named(base), as_bytes(std::string_view(data)));
      },
      py::arg("base"), py::arg("data"));
  m.def(
      "multibase_decode", [](const std::string& text) { return to_py(multibase::decode(text).value()); },
      py::arg("text"));
}

}  // namespace

void bind_multiformats(py::module_& m) {
  bind_multiaddr(m);
  bind_multibase(m);
}

}  // namespace libp2p::bindings
