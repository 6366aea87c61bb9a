#include "client/cache/file_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include "hfhub/errors.h"

namespace hfhub {

int FileLock::open_lock_file(const std::filesystem::path& path) {
  std::error_code ec;
  std::filesystem::create_directories(path.parent_path(), ec);
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) throw HfHubError("Cannot open lock file " + path.string() + ": " + std::strerror(errno));
  return fd;
}

FileLock::FileLock(const std::filesystem::path& path) : fd_(open_lock_file(path)) {
  while (::flock(fd_, LOCK_EX) != 0) {
    if (errno == EINTR) continue;
    int err = errno;
    ::close(fd_);
    fd_ = -1;
    throw HfHubError("Cannot lock " + path.string() + ": " + std::strerror(err));
  }
}

std::optional<FileLock> FileLock::try_lock(const std::filesystem::path& path) {
  int fd = open_lock_file(path);
  if (::flock(fd, LOCK_EX | LOCK_NB) == 0) return FileLock(fd);
  ::close(fd);
  return std::nullopt;
}

FileLock::~FileLock() {
  if (fd_ >= 0) ::close(fd_);  // closing the descriptor releases the flock
}

FileLock::FileLock(FileLock&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}

FileLock& FileLock::operator=(FileLock&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = std::exchange(other.fd_, -1);
  }
  return *this;
}

}  // namespace hfhub
