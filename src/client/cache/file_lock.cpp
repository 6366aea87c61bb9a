#include "client/cache/file_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include "hfhub/errors.h"

namespace hfhub {

FileHandle FileLock::open_lock_file(const std::filesystem::path& path) {
  std::error_code ec;
  std::filesystem::create_directories(path.parent_path(), ec);
  FileHandle file(::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644));
  if (!file) throw HfHubError("Cannot open lock file " + path.string() + ": " + std::strerror(errno));
  return file;
}

FileLock::FileLock(const std::filesystem::path& path) : file_(open_lock_file(path)) {
  while (::flock(file_.fd(), LOCK_EX) != 0) {
    if (errno == EINTR) continue;
    int err = errno;
    file_.reset();
    throw HfHubError("Cannot lock " + path.string() + ": " + std::strerror(err));
  }
}

std::optional<FileLock> FileLock::try_lock(const std::filesystem::path& path) {
  FileHandle file = open_lock_file(path);
  if (::flock(file.fd(), LOCK_EX | LOCK_NB) == 0) return FileLock(std::move(file));
  return std::nullopt;
}

}  // namespace hfhub
