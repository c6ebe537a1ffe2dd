// libp2p.PeerId, libp2p.Envelope, libp2p.PeerRecord.
#include "bindings.hpp"

#include "libp2p/crypto/key_pair.hpp"
#include "libp2p/multiformats/errc.hpp"
#include "libp2p/multiformats/multibase.hpp"
#include "libp2p/peer/envelope.hpp"
#include "libp2p/peer/peer_id.hpp"
#include "libp2p/peer/peer_record.hpp"

#include <pybind11/stl.h>

#include <optional>
#include <string>

namespace libp2p::bindings {

namespace py = pybind11;
using peer::Envelope;
using multiformats::Multiaddr;
using peer::PeerId;
using peer::PeerRecord;

namespace {

BytesView view(const py::bytes& b) { return as_bytes(std::string_view(b)); }
py::bytes to_py(BytesView b) { return py::bytes(reinterpret_cast<const char*>(b.data()), b.size()); }

// A multibase by its name in multibase.csv ("base32", "base36", "base58btc"...).
multiformats::multibase::Base base_named(const std::string& name) {
  for (int c = 0x21; c < 0x7f; ++c) {
    auto base = multiformats::multibase::base_of(static_cast<char>(c));
    if (base && multiformats::multibase::name(*base) == name) return *base;
  }
  throw Exception(Error(multiformats::Errc::bad_base, "unknown multibase \"" + name + "\""));
}

void bind_peer_id(py::module_& m) {
  py::class_<PeerId>(m, "PeerId", "A peer's identity: the multihash of its public key.")
      .def(py::init([](std::string_view text) { return PeerId::from_string(text).value(); }), py::arg("text"),
           "Parses base58btc (12D3KooW..., Qm...) or a CIDv1 with the libp2p-key codec (bafz..., k51...).")
      .def_static(
          "from_bytes", [](const py::bytes& data) { return PeerId::from_bytes(view(data)).value(); },
          py::arg("data"))
      .def_static("from_public_key", &PeerId::from_public_key, py::arg("public_key"))
      .def("to_bytes", [](const PeerId& id) { return to_py(id.bytes()); })
      .def("__bytes__", [](const PeerId& id) { return to_py(id.bytes()); })
      .def("to_base58", &PeerId::to_base58)
      .def(
          "to_cid", [](const PeerId& id, const std::string& base) { return id.to_cid_string(base_named(base)); },
          py::arg("base") = "base32", "The CIDv1 (libp2p-key) text in a multibase named as in multibase.csv.")
      .def(
          "extract_public_key", [](const PeerId& id) { return id.extract_public_key().value(); },
          "The inlined public key, or None if the PeerId is a sha2-256 hash.")
      .def("matches", &PeerId::matches, py::arg("public_key"))
      .def("__str__", &PeerId::to_base58)
      .def("__repr__", [](const PeerId& id) { return "PeerId('" + id.to_base58() + "')"; })
      .def("__eq__", [](const PeerId& a, const PeerId& b) { return a == b; }, py::is_operator())
      .def("__lt__", [](const PeerId& a, const PeerId& b) { return a < b; }, py::is_operator())
      .def("__hash__", [](const PeerId& id) { return std::hash<PeerId>{}(id); });
}

void bind_envelope(py::module_& m) {
  py::class_<Envelope>(m, "Envelope", "A signed envelope (RFC 0002).")
      .def_static(
          "seal",
          [](const crypto::KeyPair& key, const std::string& domain, const py::bytes& payload_type,
             const py::bytes& payload) {
            return Envelope::seal(key.private_key(), domain, view(payload_type), view(payload)).value();
          },
          py::arg("key_pair"), py::arg("domain"), py::arg("payload_type"), py::arg("payload"))
      .def_static(
          "open",
          [](const py::bytes& data, const std::string& domain, const std::optional<py::bytes>& payload_type) {
            if (payload_type) return Envelope::open(view(data), domain, view(*payload_type)).value();
            return Envelope::open(view(data), domain).value();
          },
          py::arg("data"), py::arg("domain"), py::arg("payload_type") = py::none(),
          "Parses an envelope and checks its signature for the domain (and its payload type, if given).")
      .def_property_readonly("public_key", &Envelope::public_key)
      .def_property_readonly("payload_type", [](const Envelope& e) { return to_py(e.payload_type()); })
      .def_property_readonly("payload", [](const Envelope& e) { return to_py(e.payload()); })
      .def_property_readonly("signature", [](const Envelope& e) { return to_py(e.signature()); })
      .def("to_bytes", [](const Envelope& e) { return to_py(e.encode()); })
      .def("__bytes__", [](const Envelope& e) { return to_py(e.encode()); })
      .def("__eq__", [](const Envelope& a, const Envelope& b) { return a == b; }, py::is_operator());
}

// Multiaddr objects or their text.
std::vector<Multiaddr> addrs_of(const py::iterable& items) {
  std::vector<Multiaddr> out;
  for (const auto& item : items) {
    if (py::isinstance<py::str>(item))
      out.push_back(Multiaddr::from_string(item.cast<std::string>()).value());
    else
      out.push_back(item.cast<Multiaddr>());
  }
  return out;
}

void bind_peer_record(py::module_& m) {
  py::class_<PeerRecord>(m, "PeerRecord", "A peer's signed addresses (RFC 0003).")
      .def(py::init([](const PeerId& id, const py::iterable& addrs, std::optional<std::uint64_t> seq) {
             return PeerRecord{id, seq ? *seq : peer::timestamp_seq(), addrs_of(addrs)};
           }),
           py::arg("peer_id"), py::arg("addrs") = py::tuple(), py::arg("seq") = py::none(),
           "A record; without seq, a timestamp sequence number that increases with every record.")
      .def_readonly_static("DOMAIN", &PeerRecord::domain)
      .def_property_readonly_static("PAYLOAD_TYPE",
                                    [](const py::object&) { return to_py(PeerRecord::payload_type); })
      .def_readonly("peer_id", &PeerRecord::peer_id)
      .def_readonly("seq", &PeerRecord::seq)
      .def_property_readonly("addrs", [](const PeerRecord& r) { return r.addrs; })
      .def(
          "seal", [](const PeerRecord& r, const crypto::KeyPair& key) { return to_py(r.seal(key.private_key()).value().encode()); },
          py::arg("key_pair"), "The record in an envelope signed by the peer's key, encoded.")
      .def_static(
          "open", [](const py::bytes& data) { return PeerRecord::open(view(data)).value(); }, py::arg("data"),
          "A record from an encoded envelope; the signature and the signer's PeerId are checked.")
      .def("to_protobuf", [](const PeerRecord& r) { return to_py(r.to_protobuf()); })
      .def_static(
          "from_protobuf", [](const py::bytes& data) { return PeerRecord::from_protobuf(view(data)).value(); },
          py::arg("data"))
      .def("__eq__", [](const PeerRecord& a, const PeerRecord& b) { return a == b; }, py::is_operator())
      .def("__repr__", [](const PeerRecord& r) {
        std::string addrs;
        for (const auto& a : r.addrs) addrs += (addrs.empty() ? "'" : ", '") + a.to_string() + "'";
        return "PeerRecord(PeerId('" + r.peer_id.to_base58() + "'), [" + addrs + "], seq=" + std::to_string(r.seq) +
               ")";
      });
}

}  // namespace

void bind_peer(py::module_& m) {
  bind_peer_id(m);
  bind_envelope(m);
  bind_peer_record(m);
}

}  // namespace libp2p::bindings
