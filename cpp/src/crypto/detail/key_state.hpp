#pragma once

// What a PublicKey / PrivateKey holds besides its type: the canonical Data
// bytes and the parsed key of the backend that handles the type.

#include "crypto/detail/openssl.hpp"

#include <secp256k1.h>

#include <array>
#include <cstdint>
#include <variant>

namespace libp2p::crypto::detail {

struct Secp256k1Secret {
  std::array<std::uint8_t, 32> scalar{};
};

// Ed25519 keys need nothing but their Data (libsodium takes those bytes).
struct PublicKeyState {
  Bytes data;
  std::variant<EvpPkey, secp256k1_pubkey, std::monostate> key;
};

struct PrivateKeyState {
  Bytes data;
  std::variant<EvpPkey, Secp256k1Secret, std::monostate> key;

  PrivateKeyState(Bytes d, std::variant<EvpPkey, Secp256k1Secret, std::monostate> k) : data(std::move(d)), key(std::move(k)) {}
  PrivateKeyState(const PrivateKeyState&) = delete;
  PrivateKeyState& operator=(const PrivateKeyState&) = delete;
  ~PrivateKeyState();
};

}  // namespace libp2p::crypto::detail
