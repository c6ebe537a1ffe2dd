// libp2p-tcp-rtt: the machine's own TCP ping-pong round trip over loopback,
// the floor under the latency scenario of `make bench`. A thread echoes
// 32-byte messages (ping's size) on a TCP_NODELAY socket; the main thread
// times `count` round trips after 100 warm-up ones and prints {"us": [...]}.
//
//   libp2p-tcp-rtt [count]

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

namespace {

constexpr std::size_t message_size = 32;
constexpr int warm_up = 100;

[[noreturn]] void die(const char* what) {
  std::perror(what);
  std::exit(1);
}

void no_delay(int fd) {
  int on = 1;
  if (::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on) != 0) die("TCP_NODELAY");
}

bool transfer(int fd, char* data, bool send) {
  std::size_t done = 0;
  while (done < message_size) {
    const ssize_t n = send ? ::write(fd, data + done, message_size - done) : ::read(fd, data + done, message_size - done);
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  const int count = argc > 1 ? std::atoi(argv[1]) : 10000;
  if (count < 1) {
    std::fprintf(stderr, "usage: libp2p-tcp-rtt [count > 0]\n");
    return 2;
  }
  const int listener = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  if (::bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) die("bind");
  if (::listen(listener, 1) != 0) die("listen");
  if (::getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length) != 0) die("getsockname");

  std::thread echo([listener] {
    const int fd = ::accept(listener, nullptr, nullptr);
    if (fd < 0) die("accept");
    no_delay(fd);
    char data[message_size];
    while (transfer(fd, data, false) && transfer(fd, data, true)) {
    }
    ::close(fd);
  });

  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) die("connect");
  no_delay(fd);
  char data[message_size] = {};
  std::vector<double> us;
  us.reserve(static_cast<std::size_t>(count));
  for (int i = 0; i < warm_up + count; ++i) {
    const auto start = std::chrono::steady_clock::now();
    if (!transfer(fd, data, true) || !transfer(fd, data, false)) die("ping-pong");
    if (i >= warm_up)
      us.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count());
  }
  ::close(fd);
  echo.join();
  ::close(listener);

  std::string json = "{\"us\": [";
  for (std::size_t i = 0; i < us.size(); ++i) json += (i ? ", " : "") + std::to_string(us[i]);
  std::printf("%s]}\n", json.c_str());
  return 0;
}
