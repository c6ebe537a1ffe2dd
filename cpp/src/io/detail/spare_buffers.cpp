#include "io/detail/spare_buffers.hpp"

#include <algorithm>
#include <vector>

namespace libp2p::io::detail {
namespace {

constexpr std::size_t kept_per_size = 8;

struct Spares {
  std::size_t size;
  std::vector<Buffer> buffers;
};

// A handful of sizes at most (one per kind of reader).
std::vector<Spares>& spares() {
  thread_local std::vector<Spares> all;
  return all;
}

Spares& spares_of(std::size_t size) {
  auto& all = spares();
  auto it = std::find_if(all.begin(), all.end(), [size](const Spares& s) { return s.size == size; });
  if (it != all.end()) return *it;
  return all.emplace_back(Spares{size, {}});
}

}  // namespace

Buffer take_buffer(std::size_t size) {
  auto& kept = spares_of(size).buffers;
  if (kept.empty()) return std::make_unique_for_overwrite<std::uint8_t[]>(size);
  Buffer buffer = std::move(kept.back());
  kept.pop_back();
  return buffer;
}

void give_buffer(Buffer buffer, std::size_t size) {
  if (!buffer) return;
  auto& kept = spares_of(size).buffers;
  if (kept.size() < kept_per_size) kept.push_back(std::move(buffer));
}

}  // namespace libp2p::io::detail
