#include "server/stores/fs/fs_blob_store.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>

#include "common/atomic_write.h"
#include "common/hash.h"
#include "common/lfs_pointer.h"
#include "server/stores/store_error.h"

namespace hfhub::server {

namespace fs = std::filesystem;

FsBlobStore::FsBlobStore(std::string root, std::string spool_dir)
    : root_(std::move(root)), spool_dir_(std::move(spool_dir)) {
  fs::create_directories(root_);
  fs::create_directories(spool_dir_);
}

std::string FsBlobStore::repo_dir(std::string_view repo) const {
  // Both ids become paths: only hex digits may.
  if (repo.empty() || repo.size() > 64 || !is_lower_hex(repo)) throw StoreError("invalid repository id");
  return root_ + "/" + std::string(repo);
}

std::string FsBlobStore::path_of(std::string_view repo, std::string_view oid) const {
  if (!is_sha256_hex(oid)) throw StoreError("invalid LFS object id");
  std::string p = repo_dir(repo);
  p += '/';
  p.append(oid.substr(0, 2));
  p += '/';
  p.append(oid.substr(2, 2));
  p += '/';
  p.append(oid);
  return p;
}

std::optional<int64_t> FsBlobStore::size(std::string_view repo, std::string_view oid) {
  struct stat st {};
  if (::stat(path_of(repo, oid).c_str(), &st) != 0) return std::nullopt;
  return int64_t(st.st_size);
}

std::shared_ptr<FileHandle> FsBlobStore::open(std::string_view repo, std::string_view oid) {
  return FileHandle::open_read(path_of(repo, oid));
}

void FsBlobStore::put_file(const std::string& file, std::string_view repo, std::string_view oid) {
  auto target = path_of(repo, oid);
  if (size(repo, oid)) {
    ::unlink(file.c_str());
    return;
  }
  FileHandle spooled(::open(file.c_str(), O_RDONLY | O_CLOEXEC));
  if (!spooled) throw StoreError("open " + file + ": " + std::strerror(errno));
  if (::fsync(spooled.fd()) != 0) throw StoreError("fsync " + file + ": " + std::strerror(errno));
  spooled.reset();
  auto dir = fs::path(target).parent_path();
  fs::create_directories(dir);
  if (::rename(file.c_str(), target.c_str()) != 0) throw StoreError("rename " + file + ": " + std::strerror(errno));
  fsync_directory(dir.string());
}

std::optional<std::chrono::system_clock::time_point> FsBlobStore::modified(std::string_view repo,
                                                                           std::string_view oid) {
  struct stat st {};
  if (::stat(path_of(repo, oid).c_str(), &st) != 0) return std::nullopt;
  auto since_epoch = std::chrono::seconds(st.st_mtim.tv_sec) + std::chrono::nanoseconds(st.st_mtim.tv_nsec);
  return std::chrono::system_clock::time_point(
      std::chrono::duration_cast<std::chrono::system_clock::duration>(since_epoch));
}

bool FsBlobStore::remove(std::string_view repo, std::string_view oid) {
  return ::unlink(path_of(repo, oid).c_str()) == 0;
}

void FsBlobStore::remove_all(std::string_view repo) {
  std::error_code ec;
  fs::remove_all(repo_dir(repo), ec);
}

void FsBlobStore::link_all(std::string_view from_repo, std::string_view to_repo) {
  auto from = fs::path(repo_dir(from_repo)), to = fs::path(repo_dir(to_repo));
  std::error_code ec;
  if (!fs::exists(from, ec)) return;
  // Objects are immutable once stored, so two repos may share one inode; a copy only where
  // linking fails (another filesystem).
  for (auto& e : fs::recursive_directory_iterator(from)) {
    if (!e.is_regular_file()) continue;
    auto target = to / fs::relative(e.path(), from);
    fs::create_directories(target.parent_path());
    if (fs::exists(target, ec)) continue;
    fs::create_hard_link(e.path(), target, ec);
    if (ec) fs::copy_file(e.path(), target);
  }
  fsync_directory(to);
}

bool FsBlobStore::link_object(std::string_view from_repo, std::string_view to_repo, std::string_view oid) {
  auto from = path_of(from_repo, oid), target = path_of(to_repo, oid);
  std::error_code ec;
  if (!fs::exists(from, ec)) return false;
  if (fs::exists(target, ec)) return true;
  auto dir = fs::path(target).parent_path();
  fs::create_directories(dir);
  // Immutable once stored, so one inode may serve both (as link_all); a copy across filesystems.
  fs::create_hard_link(from, target, ec);
  if (ec) {
    // Copied under a spool name and renamed, so a partial object is never visible.
    auto spool = fs::path(spool_dir_) / ("link-" + std::string(oid));
    fs::copy_file(from, spool, fs::copy_options::overwrite_existing);
    put_file(spool.string(), to_repo, oid);
    return true;
  }
  return true;
}

}  // namespace hfhub::server
