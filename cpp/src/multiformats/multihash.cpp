#include "libp2p/multiformats/multihash.hpp"

#include "libp2p/multiformats/errc.hpp"
#include "libp2p/multiformats/varint.hpp"

#include <openssl/evp.h>

#include <string>

namespace libp2p::multiformats {
namespace {

using Code = Multihash::Code;

struct Function {
  Code code;
  std::string_view name;
  std::size_t size;  // of the digest; 0 for identity (variable)
  const EVP_MD* (*evp)();
};

const Function functions[] = {
    {Code::identity, "identity", 0, nullptr},
    {Code::sha1, "sha1", 20, EVP_sha1},
    {Code::sha2_256, "sha2-256", 32, EVP_sha256},
    {Code::sha2_512, "sha2-512", 64, EVP_sha512},
    {Code::sha3_512, "sha3-512", 64, EVP_sha3_512},
    {Code::sha3_384, "sha3-384", 48, EVP_sha3_384},
    {Code::sha3_256, "sha3-256", 32, EVP_sha3_256},
    {Code::sha3_224, "sha3-224", 28, EVP_sha3_224},
};

const Function* function(std::uint64_t code) {
  for (const auto& f : functions) {
    if (static_cast<std::uint64_t>(f.code) == code) return &f;
  }
  return nullptr;
}

Error bad(std::string what) { return Error(Errc::bad_multihash, "multihash: " + what); }

std::string hex_code(std::uint64_t code) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  do {
    out.insert(out.begin(), digits[code & 0xf]);
    code >>= 4;
  } while (code);
  return "0x" + (out.size() % 2 ? "0" + out : out);
}

Result<void> check_size(const Function& f, std::size_t size) {
  if (f.code == Code::identity) {
    if (size > Multihash::max_identity_size)
      return bad("identity digest of " + std::to_string(size) + " bytes, more than " +
                 std::to_string(Multihash::max_identity_size));
  } else if (size != f.size) {
    return bad(std::string(f.name) + " digest of " + std::to_string(size) + " bytes, expected " + std::to_string(f.size));
  }
  return {};
}

}  // namespace

Multihash::Multihash(Code code, BytesView digest) : code_(code) {
  bytes_.reserve(2 * varint::max_size + digest.size());
  varint::append(bytes_, static_cast<std::uint64_t>(code));
  varint::append(bytes_, digest.size());
  digest_offset_ = bytes_.size();
  append(bytes_, digest);
}

Result<Multihash> Multihash::read(BytesView& in) {
  BytesView rest = in;
  auto code = varint::read(rest);
  if (!code) return prefixed("multihash code", code.error());
  const Function* f = function(*code);
  if (!f) return bad("unknown or unsupported hash function " + hex_code(*code));
  auto size = varint::read(rest);
  if (!size) return prefixed("multihash digest size", size.error());
  if (auto ok = check_size(*f, *size); !ok) return ok.error();
  if (*size > rest.size())
    return Error(Errc::truncated, "multihash: " + std::string(f->name) + " digest of " + std::to_string(*size) +
                                      " bytes, only " + std::to_string(rest.size()) + " left");
  Multihash m(f->code, rest.first(*size));
  in = rest.subspan(*size);
  return m;
}

Result<Multihash> Multihash::from_bytes(BytesView bytes) {
  auto m = read(bytes);
  if (m && !bytes.empty())
    return Error(Errc::trailing_bytes, "multihash: " + std::to_string(bytes.size()) + " bytes after the digest");
  return m;
}

Result<Multihash> Multihash::from_digest(Code code, BytesView digest) {
  const Function* f = function(static_cast<std::uint64_t>(code));
  if (!f) return bad("unknown or unsupported hash function " + hex_code(static_cast<std::uint64_t>(code)));
  if (auto ok = check_size(*f, digest.size()); !ok) return ok.error();
  return Multihash(code, digest);
}

Result<Multihash> Multihash::hash(Code code, BytesView data) {
  const Function* f = function(static_cast<std::uint64_t>(code));
  if (!f) return bad("unknown or unsupported hash function " + hex_code(static_cast<std::uint64_t>(code)));
  if (!f->evp) return from_digest(code, data);
  std::uint8_t digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (EVP_Digest(data.data(), data.size(), digest, &size, f->evp(), nullptr) != 1)
    return bad(std::string(f->name) + ": OpenSSL EVP_Digest failed");
  return Multihash(code, BytesView(digest, size));
}

Multihash Multihash::sha2_256(BytesView data) { return hash(Code::sha2_256, data).value(); }

std::string_view Multihash::name(Code code) {
  const Function* f = function(static_cast<std::uint64_t>(code));
  return f ? f->name : "unknown";
}

}  // namespace libp2p::multiformats
