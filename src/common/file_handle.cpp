#include "common/file_handle.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <system_error>

#include "common/hash.h"

namespace hfhub {

namespace {
[[noreturn]] void throw_errno(const std::string& what) {
  throw std::system_error(errno, std::generic_category(), what);
}
}  // namespace

FileHandle::~FileHandle() {
  if (fd_ >= 0) ::close(fd_);
}

int64_t FileHandle::size() const {
  struct stat st {};
  if (::fstat(fd_, &st) != 0) throw_errno("fstat");
  return st.st_size;
}

std::shared_ptr<FileHandle> FileHandle::open_read(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT || errno == ENOTDIR) return nullptr;
    throw_errno("open " + path);
  }
  return std::make_shared<FileHandle>(fd);
}

void fsync_directory(const std::string& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) throw_errno("open " + dir);
  int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) throw_errno("fsync " + dir);
}

void write_file_atomic(const std::string& path, std::string_view content, unsigned mode) {
  auto parent = std::filesystem::path(path).parent_path().string();
  auto temp = path + ".tmp-" + random_hex(6);
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode_t(mode));
  if (fd < 0) throw_errno("create " + temp);
  size_t done = 0;
  while (done < content.size()) {
    ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      ::close(fd);
      ::unlink(temp.c_str());
      throw_errno("write " + temp);
    }
    done += size_t(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    ::unlink(temp.c_str());
    throw_errno("fsync " + temp);
  }
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    ::unlink(temp.c_str());
    throw_errno("rename " + temp);
  }
  fsync_directory(parent.empty() ? "." : parent);
}

}  // namespace hfhub
