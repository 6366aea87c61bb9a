#include "server/stores/s3/object_cache.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>

#include "common/hash.h"
#include "common/lru_files.h"
#include "server/stores/store_error.h"

namespace hfhub::server {

namespace fs = std::filesystem;

ObjectCache::ObjectCache(std::string dir, int64_t max_bytes) : dir_(std::move(dir)), max_bytes_(max_bytes) {
  fs::create_directories(dir_);
  // Fetches a crash interrupted are never taken for copies (their names differ), and are removed
  // once surely dead: another process (the push hook) may share the cache while fetching.
  std::error_code ec;
  const auto stale = fs::file_time_type::clock::now() - std::chrono::hours(1);
  for (auto& e : fs::recursive_directory_iterator(dir_, ec))
    if (e.path().filename().string().starts_with(".fetch-") && e.last_write_time(ec) < stale) fs::remove(e.path(), ec);
}

std::shared_ptr<FileHandle> ObjectCache::open(const std::string& name, const std::function<bool(int fd)>& fetch) {
  const auto path = path_of(name);
  if (auto hit = FileHandle::open_read(path)) {
    ::utimensat(AT_FDCWD, path.c_str(), nullptr, 0);  // recently used: evicted last
    return hit;
  }
  fs::create_directories(fs::path(path).parent_path());
  // Fetched beside its final name and renamed, so a reader never sees a partial copy; two
  // requests that miss at once both fetch, and the second rename wins harmlessly.
  const auto tmp = fs::path(path).parent_path() / (".fetch-" + random_hex(8));
  FileHandle out(::open(tmp.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0644));
  if (!out) throw StoreError("cache " + tmp.string() + ": " + std::strerror(errno));
  bool found = false;
  try {
    found = fetch(out.fd());
  } catch (...) {
    ::unlink(tmp.c_str());
    throw;
  }
  if (!found) {
    ::unlink(tmp.c_str());
    return nullptr;
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    ::unlink(tmp.c_str());
    throw StoreError("cache rename: " + std::string(std::strerror(errno)));
  }
  out.reset();
  auto handle = FileHandle::open_read(path);
  make_room();
  return handle;
}

void ObjectCache::adopt(const std::string& file, const std::string& name) {
  const auto path = path_of(name);
  std::error_code ec;
  fs::create_directories(fs::path(path).parent_path(), ec);
  if (ec || ::rename(file.c_str(), path.c_str()) != 0) {
    ::unlink(file.c_str());
    return;
  }
  make_room();
}

void ObjectCache::forget(const std::string& name) { ::unlink(path_of(name).c_str()); }

void ObjectCache::forget_all(const std::string& dir_name) {
  std::error_code ec;
  fs::remove_all(path_of(dir_name), ec);
}

void ObjectCache::make_room() {
  std::lock_guard lock(mutex_);
  trim_lru_files(dir_, max_bytes_, [](const fs::path& p) { return !p.filename().string().starts_with(".fetch-"); });
}

}  // namespace hfhub::server
