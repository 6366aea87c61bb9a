#pragma once
// The cross-process lock of one blob: an exclusive flock(2) on <cache>/.locks/<folder>/<etag>.lock,
// the file and call Python's filelock (UnixFileLock) uses, so hfhub, Python and each other's
// downloads and deletions of the same blob exclude each other.
#include <filesystem>
#include <optional>

namespace hfhub::cache {

class BlobLock {
 public:
  // Takes the lock if nobody holds it (creating the lock file and its folder); nullopt when
  // another process holds it. Throws std::filesystem::filesystem_error if the file cannot be opened.
  static std::optional<BlobLock> try_acquire(const std::filesystem::path& lock_path);

  BlobLock(BlobLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  BlobLock& operator=(BlobLock&&) = delete;
  BlobLock(const BlobLock&) = delete;
  ~BlobLock();  // releases the lock; the lock file stays (removing it would race other lockers)

 private:
  explicit BlobLock(int fd) : fd_(fd) {}
  int fd_;
};

}  // namespace hfhub::cache
