// The multiaddr protocol table: go-multiaddr's protocols.go (codes and sizes
// as in the multiaddr repo's protocols.csv, except memory: 8 fixed bytes, as
// go and rust encode it).
#include "multiformats/detail/multiaddr_protocols.hpp"

namespace libp2p::multiformats {
namespace {

using Code = Protocol::Code;
using Value = Protocol::Value;
using namespace detail;

struct Entry {
  Protocol protocol;
  const ValueCodec* codec;
};

constexpr Entry none(Code code, std::string_view name) { return {{code, name, Value::none, 0}, nullptr}; }
constexpr Entry fixed(Code code, std::string_view name, std::size_t size, const ValueCodec& codec) {
  return {{code, name, Value::fixed, size}, &codec};
}
constexpr Entry variable(Code code, std::string_view name, const ValueCodec& codec) {
  return {{code, name, Value::variable, 0}, &codec};
}

const Entry table[] = {
    fixed(Code::ip4, "ip4", 4, ip4_value),
    fixed(Code::tcp, "tcp", 2, port_value),
    variable(Code::dns, "dns", name_value),
    variable(Code::dns4, "dns4", name_value),
    variable(Code::dns6, "dns6", name_value),
    variable(Code::dnsaddr, "dnsaddr", name_value),
    fixed(Code::udp, "udp", 2, port_value),
    fixed(Code::dccp, "dccp", 2, port_value),
    fixed(Code::ip6, "ip6", 16, ip6_value),
    variable(Code::ip6zone, "ip6zone", name_value),
    fixed(Code::ipcidr, "ipcidr", 1, ipcidr_value),
    fixed(Code::sctp, "sctp", 2, port_value),
    none(Code::p2p_circuit, "p2p-circuit"),
    fixed(Code::onion, "onion", 12, onion_value),
    fixed(Code::onion3, "onion3", 37, onion3_value),
    variable(Code::garlic64, "garlic64", garlic64_value),
    variable(Code::garlic32, "garlic32", garlic32_value),
    none(Code::utp, "utp"),
    none(Code::udt, "udt"),
    none(Code::quic, "quic"),
    none(Code::quic_v1, "quic-v1"),
    none(Code::webtransport, "webtransport"),
    variable(Code::certhash, "certhash", certhash_value),
    none(Code::http, "http"),
    variable(Code::http_path, "http-path", http_path_value),
    none(Code::https, "https"),
    variable(Code::p2p, "p2p", p2p_value),
    {{Code::unix, "unix", Value::path, 0}, &unix_value},
    none(Code::p2p_webrtc_direct, "p2p-webrtc-direct"),
    none(Code::tls, "tls"),
    variable(Code::sni, "sni", name_value),
    none(Code::noise, "noise"),
    none(Code::ws, "ws"),
    none(Code::wss, "wss"),
    none(Code::plaintextv2, "plaintextv2"),
    none(Code::webrtc_direct, "webrtc-direct"),
    none(Code::webrtc, "webrtc"),
    fixed(Code::memory, "memory", 8, memory_value),
};

const Entry* entry(std::uint64_t code) {
  for (const auto& e : table) {
    if (static_cast<std::uint64_t>(e.protocol.code) == code) return &e;
  }
  return nullptr;
}

}  // namespace

const Protocol* Protocol::by_name(std::string_view name) {
  if (name == "ipfs") name = "p2p";  // the old name of p2p, still accepted
  for (const auto& e : table) {
    if (e.protocol.name == name) return &e.protocol;
  }
  return nullptr;
}

const Protocol* Protocol::by_code(std::uint64_t code) {
  const Entry* e = entry(code);
  return e ? &e->protocol : nullptr;
}

const detail::ValueCodec& detail::value_codec(const Protocol& protocol) {
  return *entry(static_cast<std::uint64_t>(protocol.code))->codec;
}

}  // namespace libp2p::multiformats
