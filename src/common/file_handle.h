#pragma once
// An owned, open file descriptor. Shared between a store that opened a file and the transport
// that sends it, so the bytes go out with sendfile(2) and are never read into memory.
#include <cstdint>
#include <memory>
#include <string>

namespace hfhub {

class FileHandle {
 public:
  explicit FileHandle(int fd) : fd_(fd) {}
  ~FileHandle();
  FileHandle(const FileHandle&) = delete;
  FileHandle& operator=(const FileHandle&) = delete;

  int fd() const { return fd_; }
  int64_t size() const;  // current size (fstat)

  // Opens read-only; nullptr when the file does not exist. Throws std::system_error otherwise.
  static std::shared_ptr<FileHandle> open_read(const std::string& path);

 private:
  int fd_;
};

// Writes a whole file atomically: a temp file beside it, fsync, rename, fsync of the directory.
// A crash leaves either the old file or the new one, never a torn one. `mode` applies from the
// start (secrets are never readable by others, not even briefly).
void write_file_atomic(const std::string& path, std::string_view content, unsigned mode = 0644);
// fsync of a directory, so a rename or create inside it survives a crash.
void fsync_directory(const std::string& dir);

}  // namespace hfhub
