#pragma once

// Early muxer negotiation over TLS ALPN (connections/inlined-muxer-negotiation.md,
// "Multiplexer Negotiation over TLS"): the client offers its muxers in
// preference order then "libp2p"; the server picks the first of the client's
// protocols it supports; "libp2p" means the muxer is negotiated afterwards
// with multistream-select.

#include "libp2p/common/bytes.hpp"
#include "libp2p/common/error.hpp"

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace libp2p::tls {

inline constexpr std::string_view alpn_libp2p = "libp2p";

// The client's ALPN list in its wire form (RFC 7301: each protocol one length
// byte then its bytes): `muxers`, then "libp2p". Fails for a muxer id that is
// empty, longer than 255 bytes or "libp2p" itself.
Result<Bytes> encode_alpn(std::span<const std::string> muxers);

// The server's choice among the client's `offered` list (wire form): the
// first protocol that is one of `muxers` or "libp2p". None when nothing is
// supported or the list is malformed. The view points into `offered`.
std::optional<std::string_view> select_alpn(BytesView offered, std::span<const std::string> muxers);

// The muxer that a negotiated ALPN protocol selects: none for "libp2p" or no
// ALPN at all.
std::optional<std::string> early_muxer(std::string_view negotiated);

}  // namespace libp2p::tls
