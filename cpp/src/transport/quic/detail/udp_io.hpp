#pragma once

// The UDP system calls of a QUIC endpoint, with Linux's segmentation offload
// both ways (udp(7), linux/udp.h): a burst of equal-size packets leaves in
// one sendmsg (UDP_SEGMENT, "GSO"), and datagrams queued together arrive in
// one recvmsg (UDP_GRO). Per-packet system calls were most of a QUIC
// sender's CPU; where the kernel refuses an offload the same calls work
// packet by packet.

#include "libp2p/common/bytes.hpp"

#include <boost/asio/ip/udp.hpp>
#include <boost/system/error_code.hpp>

#include <cstddef>
#include <vector>

namespace libp2p::transport::quic::detail {

// The largest UDP payload (IPv4: 65535 - 8 - 20 bytes), and the most
// segments one GSO send may carry (the kernel's UDP_MAX_SEGMENTS).
inline constexpr std::size_t max_udp_payload = 65507;
inline constexpr std::size_t max_gso_segments = 64;

// Packets of one burst to one destination, gathered for one send: segments
// of one size, only the last possibly shorter (the rule of UDP_SEGMENT).
class Burst {
 public:
  Burst();
  bool empty() const { return size_ == 0; }
  BytesView data() const { return {bytes_.data(), size_}; }
  std::size_t segment() const { return segment_; }
  // Whether a packet of `size` bytes may join.
  bool fits(std::size_t size) const;
  void add(BytesView packet);  // fits(packet.size()) must hold
  void clear();

 private:
  std::vector<std::uint8_t> bytes_;
  std::size_t size_ = 0;
  std::size_t segment_ = 0;
  std::size_t segments_ = 0;
  bool closed_ = false;  // a shorter segment ended it
};

class UdpIo {
 public:
  // With `offload`, turns on GRO for `fd` and uses GSO where the kernel
  // has them; without, every datagram is a system call of its own.
  explicit UdpIo(int fd, bool offload = true);

  struct Sent {
    boost::system::error_code error;  // would_block: the socket is full
    std::size_t bytes = 0;            // of the data, whole segments
  };
  // Sends `data` as datagrams of `segment` bytes (the last may be shorter).
  Sent send(BytesView data, std::size_t segment, const boost::asio::ip::udp::endpoint& to);

  struct Received {
    boost::system::error_code error;  // would_block: nothing is queued
    std::size_t size = 0;
    std::size_t segment = 0;  // the datagrams' size within `size` (GRO), the last may be shorter
    boost::asio::ip::udp::endpoint from;
  };
  // One non-blocking receive into `buffer`.
  Received receive(std::span<std::uint8_t> buffer);

 private:
  Sent send_each(BytesView data, std::size_t segment, const boost::asio::ip::udp::endpoint& to);

  int fd_;
  bool gso_ = false;
  bool gro_ = false;
};

}  // namespace libp2p::transport::quic::detail
