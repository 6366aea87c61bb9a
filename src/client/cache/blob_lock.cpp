#include "client/cache/blob_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>

namespace hfhub::cache {

namespace fs = std::filesystem;

std::optional<BlobLock> BlobLock::try_acquire(const fs::path& lock_path) {
  fs::create_directories(lock_path.parent_path());
  int fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) throw fs::filesystem_error("Cannot open lock file", lock_path, std::error_code(errno, std::generic_category()));
  int rc;
  do {
    rc = ::flock(fd, LOCK_EX | LOCK_NB);
  } while (rc != 0 && errno == EINTR);
  if (rc != 0) {
    int err = errno;
    ::close(fd);
    if (err == EWOULDBLOCK) return std::nullopt;
    throw fs::filesystem_error("Cannot lock", lock_path, std::error_code(err, std::generic_category()));
  }
  return BlobLock(fd);
}

BlobLock::~BlobLock() {
  if (fd_ >= 0) ::close(fd_);  // closing the only descriptor releases the flock
}

}  // namespace hfhub::cache
