#pragma once

// A signed peer record made by go-libp2p, from js-libp2p's interop test
// (packages/peer-record/test/peer-record.spec.ts, "de/serializes the same as a
// go record"), transcribed as hex: the Ed25519 PrivateKey protobuf and the
// envelope (domain "libp2p-peer-record", payload type 0x0301) of a record with
// seq 1598453001624231000 and the addresses /ip4/1.2.3.4/tcp/0 ... /tcp/9.

#include <cstdint>
#include <string_view>

namespace libp2p::test {

inline constexpr std::string_view go_record_private_key =
    "0801124085fbe72b6064289004a531f967898df5319ee02992fdd84021fa5052434bf6ee11bba3ed1721948cefb4e50b0a0bb5cad8a6"
    "b52dc7b1a40f4f6652105c91e2c4";

inline constexpr std::string_view go_record_envelope =
    "0a240801122011bba3ed1721948cefb4e50b0a0bb5cad8a6b52dc7b1a40f4f6652105c91e2c4120203011aaa010a260024080112201"
    "1bba3ed1721948cefb4e50b0a0bb5cad8a6b52dc7b1a40f4f6652105c91e2c410d8b8e0bf9391b697161a0a0a08040102030406000"
    "01a0a0a0804010203040600011a0a0a0804010203040600021a0a0a0804010203040600031a0a0a0804010203040600041a0a0a08"
    "04010203040600051a0a0a0804010203040600061a0a0a0804010203040600071a0a0a0804010203040600081a0a0a08040102030"
    "40600092a40b197f76b9f288af2b467fe666f774476287049b424b73975c8860efb02372d026a799584541ad72f2654346485bca3ec"
    "e36462b7d1b1391c8d276dc4ab8bca0b";

inline constexpr std::uint64_t go_record_seq = 1598453001624231000u;

}  // namespace libp2p::test
