#include "client/util/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "common/hash.h"
#include "hfhub/errors.h"

namespace hfhub::client {

namespace fs = std::filesystem;

void write_file_atomic(const fs::path& path, std::string_view content, fs::perms mode) {
  std::error_code ec;
  if (path.has_parent_path()) fs::create_directories(path.parent_path(), ec);
  fs::path tmp = path;
  tmp += ".tmp." + random_hex(4);
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, static_cast<mode_t>(mode));
  if (fd < 0) throw HfHubError("Cannot write " + tmp.string() + ": " + std::strerror(errno));
  size_t done = 0;
  while (done < content.size()) {
    ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int err = errno;
      ::close(fd);
      fs::remove(tmp, ec);
      throw HfHubError("Cannot write " + tmp.string() + ": " + std::strerror(err));
    }
    done += size_t(n);
  }
  ::fchmod(fd, static_cast<mode_t>(mode));  // umask-independent
  ::fsync(fd);
  ::close(fd);
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    int err = errno;
    fs::remove(tmp, ec);
    throw HfHubError("Cannot replace " + path.string() + ": " + std::strerror(err));
  }
}

std::optional<std::string> read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace hfhub::client
