#pragma once
// An owned, open file descriptor: the one owner for files, pipes and memfds alike. A store may
// share one (shared_ptr) with the transport that sends it, so the bytes go out with sendfile(2)
// and are never read into memory.
#include <cstdint>
#include <memory>
#include <string>

namespace hfhub {

class FileHandle {
 public:
  FileHandle() = default;
  explicit FileHandle(int fd) : fd_(fd) {}
  ~FileHandle() { reset(); }
  FileHandle(FileHandle&& other) noexcept : fd_(other.release()) {}
  FileHandle& operator=(FileHandle&& other) noexcept;
  FileHandle(const FileHandle&) = delete;
  FileHandle& operator=(const FileHandle&) = delete;

  int fd() const { return fd_; }
  explicit operator bool() const { return fd_ >= 0; }
  // Hands the descriptor over; the handle no longer closes it.
  int release();
  // Closes now, ignoring the result: for reads, and for paths that already failed.
  void reset();
  // Closes now and throws std::system_error when close(2) fails: after writes, a failed close
  // can be the only report that the bytes did not land.
  void close(const std::string& what);
  int64_t size() const;  // current size (fstat)

  // Opens read-only; nullptr when the file does not exist. Throws std::system_error otherwise.
  static std::shared_ptr<FileHandle> open_read(const std::string& path);

 private:
  int fd_ = -1;
};

}  // namespace hfhub
