#include "server/http/spool_space.h"

#include <sys/statvfs.h>

namespace hfhub::server {

static int64_t from_statvfs(const struct statvfs& s) { return int64_t(s.f_bavail) * int64_t(s.f_frsize); }

int64_t available_bytes(const std::string& dir) {
  struct statvfs s;
  return ::statvfs(dir.c_str(), &s) == 0 ? from_statvfs(s) : -1;
}

int64_t available_bytes(int fd) {
  struct statvfs s;
  return ::fstatvfs(fd, &s) == 0 ? from_statvfs(s) : -1;
}

}  // namespace hfhub::server
