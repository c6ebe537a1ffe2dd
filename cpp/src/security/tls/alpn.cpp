#include "libp2p/security/tls/alpn.hpp"

#include "libp2p/security/errc.hpp"

#include <algorithm>

namespace libp2p::tls {

Result<Bytes> encode_alpn(std::span<const std::string> muxers) {
  Bytes out;
  auto add = [&out](std::string_view protocol) {
    out.push_back(static_cast<std::uint8_t>(protocol.size()));
    append(out, as_bytes(protocol));
  };
  for (const auto& muxer : muxers) {
    if (muxer.empty() || muxer.size() > 255 || muxer == alpn_libp2p)
      return Error(security::Errc::handshake_failed,
                   "muxer id \"" + muxer + "\" cannot be an ALPN protocol (1 to 255 bytes, not \"libp2p\")");
    add(muxer);
  }
  add(alpn_libp2p);
  return out;
}

std::optional<std::string_view> select_alpn(BytesView offered, std::span<const std::string> muxers) {
  while (!offered.empty()) {
    const std::size_t size = offered[0];
    if (size == 0 || offered.size() - 1 < size) return std::nullopt;
    const std::string_view protocol = as_string(offered.subspan(1, size));
    if (protocol == alpn_libp2p || std::find(muxers.begin(), muxers.end(), protocol) != muxers.end()) return protocol;
    offered = offered.subspan(1 + size);
  }
  return std::nullopt;
}

std::optional<std::string> early_muxer(std::string_view negotiated) {
  if (negotiated.empty() || negotiated == alpn_libp2p) return std::nullopt;
  return std::string(negotiated);
}

}  // namespace libp2p::tls
