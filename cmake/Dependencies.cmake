# System packages, all from Debian bookworm (scripts/setup installs them).
find_package(Threads REQUIRED)
find_package(Boost 1.81...<1.82 REQUIRED CONFIG COMPONENTS system)
find_package(OpenSSL 3.0 REQUIRED)
find_package(Protobuf REQUIRED)
find_package(PkgConfig REQUIRED)
pkg_check_modules(SECP256K1 REQUIRED IMPORTED_TARGET libsecp256k1)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
find_package(fmt REQUIRED)
find_package(spdlog REQUIRED)
# QUIC: ngtcp2 0.12 with its GnuTLS crypto helper (only transport/quic/detail uses them).
pkg_check_modules(NGTCP2 REQUIRED IMPORTED_TARGET libngtcp2 libngtcp2_crypto_gnutls gnutls)
