#pragma once

// The AEAD cipher alone, sealing blocks of one size with a fresh nonce each:
// what `openssl speed -evp <cipher> -bytes <size>` measures, in the same run
// as the benchmark it is the ceiling of.

#include <benchmark/benchmark.h>
#include <openssl/evp.h>

#include <cstdint>
#include <memory>
#include <vector>

namespace libp2p::bench {

inline void aead_seal(benchmark::State& state, const EVP_CIPHER* cipher, std::size_t block) {
  std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)> ctx(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
  const unsigned char key[32] = {1}, iv[12] = {2};
  std::vector<std::uint8_t> in(block, 0x5a), out(block + 16);
  unsigned char tag[16];
  EVP_EncryptInit_ex(ctx.get(), cipher, nullptr, key, iv);
  for (auto _ : state) {
    int n = 0;
    EVP_EncryptInit_ex(ctx.get(), nullptr, nullptr, nullptr, iv);
    EVP_EncryptUpdate(ctx.get(), out.data(), &n, in.data(), static_cast<int>(in.size()));
    EVP_EncryptFinal_ex(ctx.get(), out.data() + n, &n);
    EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_AEAD_GET_TAG, sizeof tag, tag);
    benchmark::DoNotOptimize(tag);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * in.size()));
}

}  // namespace libp2p::bench
