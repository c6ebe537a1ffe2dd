// libp2p._core.HostRuntime: what python/libp2p/host.py drives.
#include "bindings.hpp"
#include "host_runtime.hpp"

#include <pybind11/stl.h>

namespace libp2p::bindings {

namespace py = pybind11;
using multiformats::Multiaddr;

namespace {

py::bytes to_py(BytesView b) { return py::bytes(reinterpret_cast<const char*>(b.data()), b.size()); }

std::chrono::milliseconds seconds(double s) {
  return std::chrono::milliseconds(static_cast<std::int64_t>(s * 1000.0));
}

template <class E>
E parse_enum(const std::string& name, std::initializer_list<E> all, const char* what) {
  for (E e : all)
    if (host::protocol_id(e) == name) return e;
  throw Exception(Error(asio::error::invalid_argument, std::string("unknown ") + what + " \"" + name + "\""));
}

py::tuple error_tuple(const Error& e) { return py::make_tuple(e.code.category().name(), e.code.value(), e.message); }

// What a StreamPort call gives Python: its answer (`to_py` of the value),
// None (parked: ask again when the op completes) or an error tuple
// (category, code, message).
template <class T, class ToPy>
py::object answer(const std::variant<T, Error, StreamPort::Parked>& a, ToPy to_py) {
  if (const auto* e = std::get_if<Error>(&a)) return error_tuple(*e);
  if (std::holds_alternative<StreamPort::Parked>(a)) return py::none();
  return to_py(std::get<T>(a));
}

py::object answer(const std::variant<bool, Error, StreamPort::Parked>& a) {
  return answer(a, [](bool done) { return py::bool_(done); });
}

// The port of a stream, or why there is none.
template <class Call>
py::object with_port(HostRuntime& rt, std::uint64_t stream, Call call) {
  auto port = rt.port(stream);
  if (!port) return error_tuple(Error(asio::error::bad_descriptor, "stream " + std::to_string(stream) + " is closed"));
  return call(*port);
}

py::object stream_read(HostRuntime& rt, std::uint64_t op, std::uint64_t stream, std::size_t max_bytes) {
  if (max_bytes == 0) throw py::value_error("stream_read needs max_bytes > 0");
  return with_port(rt, stream, [&](StreamPort& port) -> py::object {
    py::object data;
    const auto sink = [&](std::size_t size) {
      data = py::reinterpret_steal<py::object>(PyBytes_FromStringAndSize(nullptr, static_cast<Py_ssize_t>(size)));
      if (!data) throw py::error_already_set();
      return reinterpret_cast<std::uint8_t*>(PyBytes_AS_STRING(data.ptr()));
    };
    return answer(port.read(op, max_bytes, sink),
                  [&](std::size_t n) { return n == 0 ? py::object(py::bytes()) : data; });
  });
}

py::tuple connection_info(const net::ConnectionInfo& c) {
  return py::make_tuple(c.remote_peer, c.local_address, c.remote_address, c.security, c.muxer,
                        c.direction == net::Direction::inbound ? "inbound" : "outbound",
                        std::chrono::duration<double>(c.opened.time_since_epoch()).count());
}

py::tuple stream_opened(const StreamOpened& s) {
  return py::make_tuple(s.stream_id, s.protocol, s.peer, s.remote_address);
}

py::object event(const host::Event& e) {
  return std::visit(
      [](const auto& ev) -> py::object {
        using T = std::decay_t<decltype(ev)>;
        if constexpr (std::is_same_v<T, host::PeerConnected>) {
          return py::make_tuple("peer_connected", ev.peer, connection_info(ev.connection));
        } else if constexpr (std::is_same_v<T, host::PeerDisconnected>) {
          return py::make_tuple("peer_disconnected", ev.peer);
        } else if constexpr (std::is_same_v<T, host::PeerIdentified>) {
          return py::make_tuple("peer_identified", ev.peer, ev.agent_version, ev.protocol_version, ev.protocols,
                                ev.listen_addresses, ev.observed_address);
        } else if constexpr (std::is_same_v<T, host::ProtocolsUpdated>) {
          return py::make_tuple("protocols_updated", ev.peer, ev.added, ev.removed);
        } else {
          return py::make_tuple("listen_addresses_changed", ev.addresses);
        }
      },
      e);
}

// (upload bytes, download bytes, upload ns, download ns, total ns)
py::tuple measurement(const perf::Measurement& m) {
  return py::make_tuple(m.upload_bytes, m.download_bytes, m.upload_time.count(), m.download_time.count(),
                        m.total_time.count());
}

py::object value(const Value& v) {
  return std::visit(
      [](const auto& x) -> py::object {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, std::monostate>) return py::none();
        else if constexpr (std::is_same_v<T, Bytes>) return to_py(x);
        else if constexpr (std::is_same_v<T, StreamOpened>) return stream_opened(x);
        else if constexpr (std::is_same_v<T, InboundStream>) return py::make_tuple(x.handler_id, stream_opened(x.stream));
        else if constexpr (std::is_same_v<T, host::Event>) return event(x);
        else if constexpr (std::is_same_v<T, perf::Measurement>) return measurement(x);
        else return py::cast(x);
      },
      v);
}

host::Config make_config(std::optional<crypto::KeyPair> identity, const std::vector<std::string>& listen,
                         const std::vector<std::string>& security, const std::vector<std::string>& muxers, bool tcp,
                         bool quic, bool memory, bool websocket, std::string websocket_certificate,
                         std::string websocket_private_key, double dial_timeout, double handshake_timeout, double negotiation_timeout,
                         std::string agent_version, std::string protocol_version, bool identify, bool ping,
                         bool perf, std::uint32_t yamux_max_stream_window) {
  host::Config c;
  c.identity = std::move(identity);
  for (const auto& a : listen) c.listen.push_back(Multiaddr::from_string(a).value());
  c.security.clear();
  for (const auto& s : security)
    c.security.push_back(parse_enum(s, {host::Security::noise, host::Security::tls, host::Security::plaintext},
                                    "security protocol"));
  c.muxers.clear();
  for (const auto& m : muxers) c.muxers.push_back(parse_enum(m, {host::Muxer::yamux, host::Muxer::mplex}, "muxer"));
  c.tcp = tcp;
  c.quic = quic;
  c.memory = memory;
  c.websocket = websocket;
  c.websocket_options.certificate_file = std::move(websocket_certificate);
  c.websocket_options.private_key_file = std::move(websocket_private_key);
  c.swarm.dial_timeout = seconds(dial_timeout);
  c.handshake_timeout = seconds(handshake_timeout);
  c.negotiation_timeout = seconds(negotiation_timeout);
  c.agent_version = std::move(agent_version);
  c.protocol_version = std::move(protocol_version);
  c.identify = identify;
  c.ping = ping;
  c.perf = perf;
  c.yamux.max_stream_window = yamux_max_stream_window;
  return c;
}

}  // namespace

void bind_host(py::module_& m) {
  py::class_<HostRuntime>(m, "HostRuntime", "A C++ Host on its own network thread (see libp2p.Host).")
      .def(py::init([](std::optional<crypto::KeyPair> identity, const std::vector<std::string>& listen,
                       const std::vector<std::string>& security, const std::vector<std::string>& muxers, bool tcp,
                       bool quic, bool memory, bool websocket, std::string websocket_certificate,
                       std::string websocket_private_key, double dial_timeout, double handshake_timeout, double negotiation_timeout,
                       std::string agent_version, std::string protocol_version, bool identify, bool ping,
                       bool perf, std::uint32_t yamux_max_stream_window) {
             auto config = make_config(std::move(identity), listen, security, muxers, tcp, quic, memory, websocket,
                                       std::move(websocket_certificate), std::move(websocket_private_key), dial_timeout,
                                       handshake_timeout, negotiation_timeout, std::move(agent_version),
                                       std::move(protocol_version), identify, ping, perf, yamux_max_stream_window);
             if (auto r = config.validate(); !r) throw Exception(r.error());
             py::gil_scoped_release release;
             return std::make_unique<HostRuntime>(std::move(config));
           }),
           py::kw_only(), py::arg("identity"), py::arg("listen"), py::arg("security"), py::arg("muxers"),
           py::arg("tcp"), py::arg("quic"), py::arg("memory"), py::arg("websocket"), py::arg("websocket_certificate"),
           py::arg("websocket_private_key"), py::arg("dial_timeout"), py::arg("handshake_timeout"),
           py::arg("negotiation_timeout"), py::arg("agent_version"), py::arg("protocol_version"),
           py::arg("identify"), py::arg("ping"), py::arg("perf"), py::arg("yamux_max_stream_window"))
      .def_property_readonly("wakeup_fd", &HostRuntime::wakeup_fd)
      .def_property_readonly("peer_id", &HostRuntime::peer_id)
      .def("drain",
           [](HostRuntime& rt) {
             auto completions = rt.drain();
             py::list out;
             for (const auto& c : completions) {
               py::object error = c.error ? py::object(error_tuple(*c.error)) : py::none();
               out.append(py::make_tuple(c.op_id, error, value(c.value)));
             }
             return out;
           })
      .def("connect", [](HostRuntime& rt, std::uint64_t op, const Multiaddr& a) { rt.connect(op, a); })
      .def("new_stream", &HostRuntime::new_stream)
      .def("stream_read", &stream_read)
      .def("stream_write",
           [](HostRuntime& rt, std::uint64_t op, std::uint64_t stream, const py::bytes& data) {
             return with_port(rt, stream, [&](StreamPort& p) { return answer(p.write(op, as_bytes(std::string_view(data)))); });
           })
      .def("stream_drain",
           [](HostRuntime& rt, std::uint64_t op, std::uint64_t stream) {
             return with_port(rt, stream, [&](StreamPort& p) { return answer(p.drain(op)); });
           })
      .def("stream_close_write",
           [](HostRuntime& rt, std::uint64_t op, std::uint64_t stream) {
             return with_port(rt, stream, [&](StreamPort& p) { return answer(p.close_write(op)); });
           })
      .def("stream_reset", &HostRuntime::stream_reset)
      .def("stream_release", &HostRuntime::stream_release)
      .def("ping", &HostRuntime::ping)
      .def("perf", &HostRuntime::perf)
      .def("subscribe", &HostRuntime::subscribe, py::call_guard<py::gil_scoped_release>())
      .def("unsubscribe", &HostRuntime::unsubscribe)
      .def("next_event", &HostRuntime::next_event)
      .def("cancel", &HostRuntime::cancel)
      .def("set_stream_handler", &HostRuntime::set_stream_handler, py::call_guard<py::gil_scoped_release>())
      .def("remove_stream_handler", &HostRuntime::remove_stream_handler, py::call_guard<py::gil_scoped_release>())
      .def("disconnect", &HostRuntime::disconnect)
      .def("listen", [](HostRuntime& rt, const Multiaddr& a) {
        py::gil_scoped_release release;
        return rt.listen(a).value();
      })
      .def("addresses", &HostRuntime::addresses, py::call_guard<py::gil_scoped_release>())
      .def("listen_addresses", &HostRuntime::listen_addresses, py::call_guard<py::gil_scoped_release>())
      .def("protocols", &HostRuntime::protocols, py::call_guard<py::gil_scoped_release>())
      .def("connections",
           [](HostRuntime& rt) {
             std::vector<net::ConnectionInfo> list;
             {
               py::gil_scoped_release release;
               list = rt.connections();
             }
             py::list out;
             for (const auto& c : list) out.append(connection_info(c));
             return out;
           })
      .def("peer_addresses", &HostRuntime::peer_addresses, py::call_guard<py::gil_scoped_release>())
      .def("peer_protocols", &HostRuntime::peer_protocols, py::call_guard<py::gil_scoped_release>())
      .def("peer_agent_version", &HostRuntime::peer_agent_version, py::call_guard<py::gil_scoped_release>())
      .def("known_peers", &HostRuntime::known_peers, py::call_guard<py::gil_scoped_release>())
      .def("add_peer_addresses", &HostRuntime::add_peer_addresses, py::call_guard<py::gil_scoped_release>())
      .def("close", &HostRuntime::close, py::call_guard<py::gil_scoped_release>());
}

}  // namespace libp2p::bindings
