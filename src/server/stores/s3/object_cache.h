#pragma once
// A bounded directory of local copies of remote objects, least recently used first out. An
// evicted file that is still being sent stays readable: its descriptor keeps it until closed.
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "common/file_handle.h"

namespace hfhub::server {

class ObjectCache {
 public:
  ObjectCache(std::string dir, int64_t max_bytes);

  // The cached copy of `name` ("<repo>/<oid>"), fetched with `fetch(fd)` into a new file on a
  // miss (fetch answers false when the object does not exist: nullptr then).
  std::shared_ptr<FileHandle> open(const std::string& name, const std::function<bool(int fd)>& fetch);
  // Takes `file` (on the cache's filesystem) as the copy of `name` (an upload just stored).
  void adopt(const std::string& file, const std::string& name);
  void forget(const std::string& name);
  void forget_all(const std::string& dir_name);

 private:
  std::string path_of(const std::string& name) const { return dir_ + "/" + name; }
  void make_room();
  std::string dir_;
  int64_t max_bytes_;
  std::mutex mutex_;  // one eviction at a time
};

}  // namespace hfhub::server
