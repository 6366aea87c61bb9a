#pragma once
// Free space on the spool directory's filesystem. Uploads are spooled there (and renamed into
// the blob store on the same filesystem), so a spool that fills the disk would take SQLite, git
// and the logs down with it: spooling stops while less than a configured reserve is left.
#include <cstdint>
#include <string>

namespace hfhub::server {

// Bytes an unprivileged process may still write on the filesystem holding `dir` (or the open
// file `fd`); -1 when it cannot be told.
int64_t available_bytes(const std::string& dir);
int64_t available_bytes(int fd);

// Whether `incoming` more bytes leave at least `reserve` free (true when free space is unknown).
inline bool leaves_reserve(int64_t available, int64_t incoming, int64_t reserve) {
  return available < 0 || available - incoming >= reserve;
}

}  // namespace hfhub::server
