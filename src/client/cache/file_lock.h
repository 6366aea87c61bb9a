#pragma once
// A cross-process exclusive lock on a file, with flock(2): the same lock Python's filelock
// (UnixFileLock) takes on .locks/<repo_folder>/<etag>.lock, so hfhub and huggingface_hub never
// write (or delete) the same blob at once. Released when the object dies (or the process does);
// the lock file stays, since removing it would race other lockers.
#include <filesystem>
#include <optional>
#include <utility>

#include "common/file_handle.h"

namespace hfhub {

class FileLock {
 public:
  // Creates the lock file (and its parents) if needed and blocks until the lock is held.
  // Throws HfHubError when the file cannot be created.
  explicit FileLock(const std::filesystem::path& path);
  // Non-blocking: nullopt when another process holds it (e.g. a download of that blob).
  static std::optional<FileLock> try_lock(const std::filesystem::path& path);
  FileLock(FileLock&& other) noexcept = default;
  FileLock& operator=(FileLock&& other) noexcept = default;

 private:
  explicit FileLock(FileHandle file) : file_(std::move(file)) {}
  static FileHandle open_lock_file(const std::filesystem::path& path);
  FileHandle file_;  // closing the descriptor releases the flock
};

}  // namespace hfhub
