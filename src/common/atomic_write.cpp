#include "common/atomic_write.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>

#include "common/file_handle.h"
#include "common/hash.h"
#include "common/posix_io.h"

namespace hfhub {

namespace {

[[noreturn]] void throw_errno(const std::string& what) {
  throw std::system_error(errno, std::generic_category(), what);
}

// Writes, syncs and closes the temp file; any failure is thrown.
void fill(FileHandle& file, std::string_view content, unsigned mode, const std::string& temp) {
  std::error_code ec;
  write_all(file.fd(), content, ec);
  if (ec) throw std::system_error(ec, "write " + temp);
  if (::fchmod(file.fd(), mode_t(mode)) != 0) throw_errno("chmod " + temp);
  if (::fsync(file.fd()) != 0) throw_errno("fsync " + temp);
  file.close("close " + temp);
}

}  // namespace

void fsync_directory(const std::filesystem::path& dir) {
  FileHandle file(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!file) throw_errno("open " + dir.string());
  if (::fsync(file.fd()) != 0) throw_errno("fsync " + dir.string());
}

void write_file_atomic(const std::filesystem::path& path, std::string_view content, unsigned mode) {
  auto temp = path.string() + ".tmp-" + random_hex(6);
  FileHandle file(::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode_t(mode)));
  if (!file) throw_errno("create " + temp);
  try {
    fill(file, content, mode, temp);
    if (::rename(temp.c_str(), path.c_str()) != 0) throw_errno("rename " + temp);
  } catch (...) {
    ::unlink(temp.c_str());
    throw;
  }
  auto parent = path.parent_path();
  fsync_directory(parent.empty() ? "." : parent);
}

}  // namespace hfhub
