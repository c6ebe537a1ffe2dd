#pragma once

// A private key on disk: the PrivateKey protobuf bytes, as go-libp2p and kubo
// store them.

#include "libp2p/common/error.hpp"
#include "libp2p/crypto/private_key.hpp"

#include <filesystem>

namespace libp2p::crypto {

// Writes the key atomically: a temporary file in the same directory with mode
// 0600, flushed to disk, then renamed over `path`.
Result<void> save_key_file(const std::filesystem::path& path, const PrivateKey& key);

// Reads and parses a key file; Errc::key_file says whether it is missing,
// unreadable, too large or corrupt.
Result<PrivateKey> load_key_file(const std::filesystem::path& path);

}  // namespace libp2p::crypto
