#pragma once

#include <array>
#include <cctype>
#include <string_view>

namespace libp2p::multiformats::detail {

// character -> its digit value in `alphabet`, or -1.
inline std::array<int, 256> reverse_alphabet(std::string_view alphabet, bool case_insensitive) {
  std::array<int, 256> table;
  table.fill(-1);
  for (std::size_t i = 0; i < alphabet.size(); ++i) {
    const auto c = static_cast<unsigned char>(alphabet[i]);
    table[c] = static_cast<int>(i);
    if (case_insensitive) {
      table[static_cast<unsigned char>(std::tolower(c))] = static_cast<int>(i);
      table[static_cast<unsigned char>(std::toupper(c))] = static_cast<int>(i);
    }
  }
  return table;
}

}  // namespace libp2p::multiformats::detail
