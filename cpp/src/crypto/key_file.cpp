#include "libp2p/crypto/key_file.hpp"

#include "crypto/detail/openssl.hpp"
#include "libp2p/crypto/errc.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

namespace libp2p::crypto {
namespace {

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() { close(); }
  int get() const { return fd_; }
  bool close() {
    const bool ok = fd_ < 0 || ::close(fd_) == 0;
    fd_ = -1;
    return ok;
  }

 private:
  int fd_;
};

Error file_error(const std::filesystem::path& path, const std::string& what, int err = errno) {
  return Error(Errc::key_file, "key file " + path.string() + ": " + what + ": " + std::strerror(err));
}

bool write_all(int fd, BytesView bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes = bytes.subspan(static_cast<std::size_t>(n));
  }
  return true;
}

// Makes the rename itself durable.
void sync_directory(const std::filesystem::path& dir) {
  Fd fd(::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.get() >= 0) ::fsync(fd.get());
}

Result<void> write_temporary(const std::filesystem::path& path, std::string& temp, BytesView bytes) {
  Fd fd(::mkstemp(temp.data()));  // mode 0600
  if (fd.get() < 0) return file_error(path, "cannot create a temporary file");
  if (!write_all(fd.get(), bytes) || ::fsync(fd.get()) != 0) {
    const int err = errno;
    ::unlink(temp.c_str());
    return file_error(path, "cannot write", err);
  }
  if (!fd.close()) {
    const int err = errno;
    ::unlink(temp.c_str());
    return file_error(path, "cannot write", err);
  }
  return {};
}

Result<Bytes> read_bounded(const std::filesystem::path& path, std::size_t max_size) {
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) return file_error(path, errno == ENOENT ? "does not exist" : "cannot open");
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) return file_error(path, "cannot stat");
  if (!S_ISREG(st.st_mode)) return Error(Errc::key_file, "key file " + path.string() + " is not a regular file");
  if (static_cast<std::uint64_t>(st.st_size) > max_size)
    return Error(Errc::key_file, "key file " + path.string() + " has " + std::to_string(st.st_size) +
                                     " bytes, more than a private key's " + std::to_string(max_size));
  Bytes bytes(max_size + 1);
  std::size_t size = 0;
  while (size < bytes.size()) {
    const ssize_t n = ::read(fd.get(), bytes.data() + size, bytes.size() - size);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int err = errno;
      detail::cleanse(bytes);
      return file_error(path, "cannot read", err);
    }
    if (n == 0) break;
    size += static_cast<std::size_t>(n);
  }
  if (size > max_size) {
    detail::cleanse(bytes);
    return Error(Errc::key_file, "key file " + path.string() + " grew beyond " + std::to_string(max_size) + " bytes");
  }
  bytes.resize(size);
  return bytes;
}

}  // namespace

Result<void> save_key_file(const std::filesystem::path& path, const PrivateKey& key) {
  Bytes bytes = key.to_protobuf();
  std::string temp = path.string() + ".tmp-XXXXXX";
  auto written = write_temporary(path, temp, bytes);
  detail::cleanse(bytes);
  if (!written) return written;
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    const int err = errno;
    ::unlink(temp.c_str());
    return file_error(path, "cannot rename the temporary file into place", err);
  }
  sync_directory(path.parent_path());
  return {};
}

Result<PrivateKey> load_key_file(const std::filesystem::path& path) {
  auto bytes = read_bounded(path, PrivateKey::max_protobuf_size);
  if (!bytes) return bytes.error();
  auto key = PrivateKey::from_protobuf(*bytes);
  detail::cleanse(*bytes);
  if (!key) return Error(Errc::key_file, "key file " + path.string() + " is corrupt: " + key.error().message);
  return key;
}

}  // namespace libp2p::crypto
