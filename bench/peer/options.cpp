#include "options.hpp"

#include <array>
#include <charconv>
#include <limits>
#include <utility>

namespace libp2p::bench {

Result<std::uint64_t> parse_bytes(std::string_view text) {
  static constexpr std::array<std::pair<std::string_view, unsigned>, 3> suffixes{
      {{"KiB", 10}, {"MiB", 20}, {"GiB", 30}}};
  unsigned shift = 0;
  for (auto [suffix, bits] : suffixes)
    if (text.ends_with(suffix)) {
      text.remove_suffix(suffix.size());
      shift = bits;
      break;
    }
  std::uint64_t n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc{} || end != text.data() + text.size() || text.empty())
    return Error(std::make_error_code(std::errc::invalid_argument), "not a byte count: \"" + std::string(text) + "\"");
  if (shift > 0 && n > (std::numeric_limits<std::uint64_t>::max() >> shift))
    return Error(std::make_error_code(std::errc::value_too_large), "byte count too large");
  return n << shift;
}

Result<host::Config> host_config(const Options& options) {
  if (options.transport != "tcp" && options.transport != "quic-v1")
    return Error(std::make_error_code(std::errc::invalid_argument),
                 "transport: unsupported \"" + options.transport + "\" (tcp, quic-v1)");
  host::Config config;
  config.security = {options.security};  // QUIC brings its own TLS and streams: these apply to TCP only
  config.muxers = {options.muxer};
  config.tcp = options.transport == "tcp";
  config.quic = options.transport == "quic-v1";
  config.memory = false;
  config.websocket = false;
  return config;
}

std::string listen_address(const Options& options) {
  if (options.transport == "quic-v1") return "/ip4/" + options.listen_ip + "/udp/0/quic-v1";
  return "/ip4/" + options.listen_ip + "/tcp/0";
}

}  // namespace libp2p::bench
