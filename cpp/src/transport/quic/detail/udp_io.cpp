#include "transport/quic/detail/udp_io.hpp"

#include <boost/asio/error.hpp>

#include <cerrno>
#include <cstring>

#include <netinet/in.h>
#include <netinet/udp.h>
#include <sys/socket.h>

namespace libp2p::transport::quic::detail {

namespace {
boost::system::error_code last_error() {
  const int e = errno;
  if (e == EAGAIN || e == EWOULDBLOCK) return boost::asio::error::would_block;
  return {e, boost::system::system_category()};
}
}  // namespace

Burst::Burst() : bytes_(max_udp_payload) {}

bool Burst::fits(std::size_t size) const {
  if (empty()) return size <= bytes_.size();
  return !closed_ && size <= segment_ && segments_ < max_gso_segments && size_ + size <= bytes_.size();
}

void Burst::add(BytesView packet) {
  std::memcpy(bytes_.data() + size_, packet.data(), packet.size());
  if (empty()) segment_ = packet.size();
  closed_ = packet.size() < segment_;
  size_ += packet.size();
  ++segments_;
}

void Burst::clear() {
  size_ = segment_ = segments_ = 0;
  closed_ = false;
}

UdpIo::UdpIo(int fd, bool offload) : fd_(fd) {
  if (!offload) return;
  int on = 1;
  gro_ = ::setsockopt(fd, IPPROTO_UDP, UDP_GRO, &on, sizeof on) == 0;
  int segment = 0;
  socklen_t length = sizeof segment;
  gso_ = ::getsockopt(fd, IPPROTO_UDP, UDP_SEGMENT, &segment, &length) == 0;
}

UdpIo::Sent UdpIo::send(BytesView data, std::size_t segment, const boost::asio::ip::udp::endpoint& to) {
  if (data.size() <= segment || !gso_) return send_each(data, segment, to);
  iovec iov{const_cast<std::uint8_t*>(data.data()), data.size()};
  alignas(cmsghdr) std::uint8_t control[CMSG_SPACE(sizeof(std::uint16_t))]{};
  msghdr msg{};
  msg.msg_name = const_cast<sockaddr*>(to.data());
  msg.msg_namelen = static_cast<socklen_t>(to.size());
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  msg.msg_control = control;
  msg.msg_controllen = sizeof control;
  cmsghdr* c = CMSG_FIRSTHDR(&msg);
  c->cmsg_level = IPPROTO_UDP;
  c->cmsg_type = UDP_SEGMENT;
  c->cmsg_len = CMSG_LEN(sizeof(std::uint16_t));
  const auto size = static_cast<std::uint16_t>(segment);
  std::memcpy(CMSG_DATA(c), &size, sizeof size);
  if (::sendmsg(fd_, &msg, 0) >= 0) return {{}, data.size()};
  const auto error = last_error();
  if (error == boost::asio::error::would_block) return {error, 0};
  // EIO: the route's device cannot checksum segments. Anything else is
  // left to the packet-by-packet path, which loses only what fails there.
  if (errno == EIO) gso_ = false;
  return send_each(data, segment, to);
}

// Packet by packet. A packet the kernel refuses for any reason but a full
// buffer (a path MTU probe too large, an unreachable address) is lost, and
// QUIC's loss recovery sees to it.
UdpIo::Sent UdpIo::send_each(BytesView data, std::size_t segment, const boost::asio::ip::udp::endpoint& to) {
  std::size_t offset = 0;
  while (offset < data.size()) {
    const std::size_t n = std::min(segment, data.size() - offset);
    if (::sendto(fd_, data.data() + offset, n, 0, to.data(), static_cast<socklen_t>(to.size())) < 0) {
      if (const auto error = last_error(); error == boost::asio::error::would_block) return {error, offset};
    }
    offset += n;
  }
  return {{}, offset};
}

UdpIo::Received UdpIo::receive(std::span<std::uint8_t> buffer) {
  iovec iov{buffer.data(), buffer.size()};
  alignas(cmsghdr) std::uint8_t control[CMSG_SPACE(sizeof(int))]{};
  Received r;
  msghdr msg{};
  msg.msg_name = r.from.data();
  msg.msg_namelen = static_cast<socklen_t>(r.from.capacity());
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  msg.msg_control = control;
  msg.msg_controllen = gro_ ? sizeof control : 0;
  const ssize_t n = ::recvmsg(fd_, &msg, 0);
  if (n < 0) {
    r.error = last_error();
    return r;
  }
  if (msg.msg_flags & MSG_TRUNC) {  // larger than any QUIC datagram we accept: dropped
    r.error = boost::asio::error::message_size;
    return r;
  }
  r.from.resize(msg.msg_namelen);
  r.size = static_cast<std::size_t>(n);
  r.segment = r.size;
  for (cmsghdr* c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
    if (c->cmsg_level == IPPROTO_UDP && c->cmsg_type == UDP_GRO) {
      int segment = 0;
      std::memcpy(&segment, CMSG_DATA(c), sizeof segment);
      if (segment > 0) r.segment = static_cast<std::size_t>(segment);
    }
  }
  return r;
}

}  // namespace libp2p::transport::quic::detail
