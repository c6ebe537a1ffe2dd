#include "multiformats/detail/base_x.hpp"

#include "libp2p/multiformats/errc.hpp"
#include "multiformats/detail/alphabet.hpp"

#include <algorithm>

namespace libp2p::multiformats::detail {
namespace {

Error bad(const BaseX& base, std::string what) { return Error(Errc::bad_base, std::string(base.name) + ": " + what); }

// digits (little-endian, base `to`) = digits * multiplier + carry. The callers
// keep every product below 2^64.
void multiply_add(std::vector<std::uint8_t>& digits, std::uint64_t multiplier, std::uint64_t carry, unsigned to) {
  for (auto& d : digits) {
    carry += d * multiplier;
    d = static_cast<std::uint8_t>(carry % to);
    carry /= to;
  }
  while (carry) {
    digits.push_back(static_cast<std::uint8_t>(carry % to));
    carry /= to;
  }
}

// Converts digits of base `from` (most significant first) to little-endian
// digits of base `to`, several input digits per pass: while
// from^k * to < 2^64, k digits form one multiplier.
class Converter {
 public:
  Converter(unsigned from, unsigned to) : from_(from), to_(to) {
    while (limit_ / from_ > to_) limit_ /= from_, batch_max_ *= from_;
  }
  void push(unsigned digit) {
    value_ = value_ * from_ + digit;
    multiplier_ *= from_;
    if (multiplier_ == batch_max_) flush();
  }
  std::vector<std::uint8_t>& finish() {
    flush();
    return out_;
  }
  void reserve(std::size_t n) { out_.reserve(n); }

 private:
  void flush() {
    if (multiplier_ > 1) multiply_add(out_, multiplier_, value_, to_);
    value_ = 0;
    multiplier_ = 1;
  }
  std::uint64_t from_, to_;
  std::uint64_t limit_ = UINT64_MAX, batch_max_ = 1;
  std::uint64_t value_ = 0, multiplier_ = 1;
  std::vector<std::uint8_t> out_;
};

}  // namespace

std::string encode_bignum(const BaseX& base, BytesView data) {
  const auto radix = static_cast<unsigned>(base.alphabet.size());
  const auto zeros = static_cast<std::size_t>(std::find_if(data.begin(), data.end(), [](auto b) { return b; }) - data.begin());
  Converter converter(256, radix);
  converter.reserve((data.size() - zeros) * 8 / 5 + 1);
  for (auto byte : data.subspan(zeros)) converter.push(byte);
  const auto& digits = converter.finish();
  std::string out(zeros, base.alphabet[0]);
  out.reserve(zeros + digits.size());
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) out.push_back(base.alphabet[*it]);
  return out;
}

Result<Bytes> decode_bignum(const BaseX& base, std::string_view text) {
  if (text.size() > max_bignum_text_size)
    return bad(base, "text of " + std::to_string(text.size()) + " characters, more than " + std::to_string(max_bignum_text_size));
  const auto radix = static_cast<unsigned>(base.alphabet.size());
  const auto table = reverse_alphabet(base.alphabet, base.case_insensitive);
  const auto zeros = std::min(text.find_first_not_of(base.alphabet[0]), text.size());
  Converter converter(radix, 256);
  converter.reserve((text.size() - zeros) * 3 / 4 + 1);
  for (std::size_t i = zeros; i < text.size(); ++i) {
    const int value = table[static_cast<unsigned char>(text[i])];
    if (value < 0) return bad(base, "invalid character at offset " + std::to_string(i));
    converter.push(static_cast<unsigned>(value));
  }
  const auto& bytes = converter.finish();
  Bytes out(zeros, 0);
  out.insert(out.end(), bytes.rbegin(), bytes.rend());
  return out;
}

}  // namespace libp2p::multiformats::detail
