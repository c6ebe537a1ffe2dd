// libp2p.KeyType, libp2p.PublicKey, libp2p.KeyPair.
#include "bindings.hpp"

#include "libp2p/crypto/key_file.hpp"
#include "libp2p/crypto/key_pair.hpp"
#include "libp2p/peer/peer_id.hpp"

#include <pybind11/native_enum.h>
#include <pybind11/stl/filesystem.h>

#include <string>

namespace libp2p::bindings {

namespace py = pybind11;
using crypto::KeyPair;
using crypto::KeyType;
using crypto::PublicKey;

namespace {

BytesView view(const py::bytes& b) { return as_bytes(std::string_view(b)); }
py::bytes to_py(BytesView b) { return py::bytes(reinterpret_cast<const char*>(b.data()), b.size()); }

std::string describe(const PublicKey& key) {
  return "PublicKey(" + std::string(to_string(key.type())) + ", " +
         peer::PeerId::from_public_key(key).to_base58() + ")";
}

void bind_key_type(py::module_& m) {
  py::native_enum<KeyType>(m, "KeyType", "enum.Enum", "The key types of the peer-ids spec (values are the protobuf's).")
      .value("RSA", KeyType::RSA)
      .value("Ed25519", KeyType::Ed25519)
      .value("Secp256k1", KeyType::Secp256k1)
      .value("ECDSA", KeyType::ECDSA)
      .finalize();
}

void bind_public_key(py::module_& m) {
  py::class_<PublicKey>(m, "PublicKey", "A libp2p public key.")
      .def_static(
          "from_protobuf", [](const py::bytes& data) { return PublicKey::from_protobuf(view(data)).value(); },
          py::arg("data"), "Parses the spec's PublicKey protobuf.")
      .def("to_protobuf", [](const PublicKey& k) { return to_py(k.to_protobuf()); })
      .def_property_readonly("raw", [](const PublicKey& k) { return to_py(k.raw()); },
                             "The key in the spec's Data encoding of its type.")
      .def_property_readonly("key_type", &PublicKey::type)
      .def_property_readonly("peer_id", [](const PublicKey& k) { return peer::PeerId::from_public_key(k); })
      .def(
          "verify",
          [](const PublicKey& k, const py::bytes& data, const py::bytes& signature) {
            const auto d = view(data), s = view(signature);
            py::gil_scoped_release release;
            return k.verify(d, s);
          },
          py::arg("data"), py::arg("signature"))
      .def("__eq__", [](const PublicKey& a, const PublicKey& b) { return a == b; }, py::is_operator())
      .def("__hash__", [](const PublicKey& k) { return std::hash<std::string_view>{}(as_string(k.to_protobuf())); })
      .def("__repr__", &describe);
}

void bind_key_pair(py::module_& m) {
  py::class_<KeyPair>(m, "KeyPair", "A private key and its public key: a node's identity.")
      .def_static(
          "generate",
          [](KeyType type) {
            py::gil_scoped_release release;
            return KeyPair::generate(type).value();
          },
          py::arg("key_type") = KeyType::Ed25519)
      .def_static(
          "from_protobuf", [](const py::bytes& data) { return KeyPair::from_protobuf(view(data)).value(); },
          py::arg("data"), "Parses the spec's PrivateKey protobuf (what go-libp2p and kubo store).")
      .def("to_protobuf", [](const KeyPair& k) { return to_py(k.to_protobuf()); })
      .def_static(
          "load",
          [](const std::filesystem::path& path) {
            py::gil_scoped_release release;
            return KeyPair(crypto::load_key_file(path).value());
          },
          py::arg("path"))
      .def(
          "save",
          [](const KeyPair& k, const std::filesystem::path& path) {
            py::gil_scoped_release release;
            crypto::save_key_file(path, k.private_key()).value();
          },
          py::arg("path"), "Writes the PrivateKey protobuf atomically, readable by the owner only.")
      .def_property_readonly("key_type", &KeyPair::type)
      .def_property_readonly("public_key", &KeyPair::public_key)
      .def_property_readonly("peer_id", [](const KeyPair& k) { return peer::PeerId::from_public_key(k.public_key()); })
      .def(
          "sign",
          [](const KeyPair& k, const py::bytes& data) {
            const auto d = view(data);
            Bytes signature;
            {
              py::gil_scoped_release release;
              signature = k.sign(d).value();
            }
            return to_py(signature);
          },
          py::arg("data"))
      .def("__repr__", [](const KeyPair& k) {
        return "KeyPair(" + std::string(to_string(k.type())) + ", " +
               peer::PeerId::from_public_key(k.public_key()).to_base58() + ")";
      });
}

}  // namespace

void bind_crypto(py::module_& m) {
  bind_key_type(m);
  bind_public_key(m);
  bind_key_pair(m);
}

}  // namespace libp2p::bindings
