// export_cached_revision: a cached snapshot as plain files, for tools that cannot follow links.
#include "client/cache/cache_export.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>
#include <vector>

#include "client/cache/cache_scan.h"
#include "client/cache/posix_file.h"
#include "common/file_handle.h"
#include "common/hash.h"
#include "common/posix_io.h"
#include "common/repo_path.h"
#include "hfhub/errors.h"

namespace hfhub {

namespace fs = std::filesystem;

namespace cache {

namespace {

// Bytes from `in` to `out`; copy_file_range keeps them in the kernel, read/write is the fallback
// for file systems (or kernels) that refuse it.
int64_t copy_bytes(int in, int out, const fs::path& source) {
  int64_t total = 0;
  for (;;) {
    ssize_t n = ::copy_file_range(in, nullptr, out, nullptr, size_t(1) << 30, 0);
    if (n > 0) {
      total += n;
      continue;
    }
    if (n == 0) return total;
    if (errno == EINTR) continue;
    if (errno != EXDEV && errno != ENOSYS && errno != EINVAL && errno != EOPNOTSUPP) throw_errno("Cannot copy", source);
    break;
  }
  std::vector<char> buffer(1 << 20);
  for (;;) {
    std::error_code ec;
    size_t n = read_some(in, buffer.data(), buffer.size(), ec);
    if (ec) throw fs::filesystem_error("Cannot read", source, ec);
    if (n == 0) return total;
    write_all(out, {buffer.data(), n}, ec);
    if (ec) throw fs::filesystem_error("Cannot write", source, ec);
    total += int64_t(n);
  }
}

}  // namespace

int64_t copy_to_regular_file(const fs::path& source, const fs::path& dest) {
  FileHandle in(::open(source.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC));
  if (!in) throw_errno("Cannot open", source);
  fs::path tmp = dest;
  tmp += ".tmp." + random_hex(4);
  FileHandle out(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644));
  if (!out) throw_errno("Cannot create", tmp);
  try {
    int64_t bytes = copy_bytes(in.fd(), out.fd(), source);
    if (::close(out.release()) != 0) throw_errno("Cannot write", tmp);
    fs::rename(tmp, dest);
    return bytes;
  } catch (...) {
    std::error_code ignore;
    fs::remove(tmp, ignore);
    throw;
  }
}

}  // namespace cache

namespace {

// The revision to export: the one named, else the one "main" points to, else the only one.
const CachedRevisionInfo& export_revision(const CachedRepoInfo& repo, const CacheTarget& target) {
  if (target.revision) return *cache::target_revisions(repo, target).front();
  if (const auto* main = repo.find_revision("main")) return *main;
  if (repo.revisions.size() == 1) return repo.revisions.front();
  throw HfHubError(repo.revisions.empty() ? repo.repo_id + " has no cached revision"
                                          : repo.repo_id +
                                                " has several cached revisions and no 'main' ref; "
                                                "name one with REPO@REVISION");
}

}  // namespace

CacheExportResult export_cached_revision(const fs::path& cache_dir, const CacheTarget& target, const fs::path& dest) {
  std::vector<CacheWarning> warnings;
  CachedRepoInfo repo = cache::scan_target_repo(cache_dir, target, warnings);
  const CachedRevisionInfo& rev = export_revision(repo, target);
  CacheExportResult result;
  result.commit_hash = rev.commit_hash;
  result.errors = cache::unusable_entries(rev, warnings);
  for (const auto& file : rev.files) {
    fs::path out = dest / fs::path(file.path_in_repo);
    try {
      if (auto err = local_path_error(file.path_in_repo)) throw std::invalid_argument(*err);
      if (!file.blob_exists) throw std::runtime_error("blob missing: " + file.blob_path.string());
      fs::create_directories(out.parent_path());
      result.bytes += cache::copy_to_regular_file(file.blob_path, out);
      ++result.files;
    } catch (const std::exception& e) {
      result.errors.push_back({out, e.what()});
    }
  }
  return result;
}

}  // namespace hfhub
