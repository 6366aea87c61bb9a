#include "common/file_handle.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>

namespace hfhub {

FileHandle& FileHandle::operator=(FileHandle&& other) noexcept {
  if (this != &other) {
    reset();
    fd_ = other.release();
  }
  return *this;
}

int FileHandle::release() {
  int fd = fd_;
  fd_ = -1;
  return fd;
}

void FileHandle::reset() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

void FileHandle::close(const std::string& what) {
  // The descriptor is gone after close(2) whatever it returns (Linux): never retried.
  if (::close(release()) != 0) throw std::system_error(errno, std::generic_category(), what);
}

int64_t FileHandle::size() const {
  struct stat st {};
  if (::fstat(fd_, &st) != 0) throw std::system_error(errno, std::generic_category(), "fstat");
  return st.st_size;
}

std::shared_ptr<FileHandle> FileHandle::open_read(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT || errno == ENOTDIR) return nullptr;
    throw std::system_error(errno, std::generic_category(), "open " + path);
  }
  return std::make_shared<FileHandle>(fd);
}

}  // namespace hfhub
