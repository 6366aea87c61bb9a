// verify_cached_repo: every cached file against its etag (sha256 for LFS, git blob sha1 otherwise).
#include "client/cache/cache_verify.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <memory>
#include <optional>
#include <system_error>
#include <vector>

#include "client/cache/cache_scan.h"
#include "client/cache/posix_file.h"
#include "common/file_handle.h"
#include "common/hash.h"
#include "common/posix_io.h"

namespace hfhub {

namespace fs = std::filesystem;

namespace cache {

FileDigests digest_file(const fs::path& path, bool with_git_sha1) {
  FileHandle file(::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC));
  if (!file) throw_errno("Cannot open", path);
  struct stat st {};
  if (::fstat(file.fd(), &st) != 0) throw_errno("Cannot stat", path);
  Sha256Stream sha256;
  std::optional<GitBlobSha1Stream> git_sha1;
  if (with_git_sha1) git_sha1.emplace(uint64_t(st.st_size));
  std::vector<char> buffer(1 << 20);
  for (;;) {
    std::error_code ec;
    size_t n = read_some(file.fd(), buffer.data(), buffer.size(), ec);
    if (ec) throw fs::filesystem_error("Cannot read", path, ec);
    if (n == 0) break;
    sha256.update(buffer.data(), n);
    if (git_sha1) git_sha1->update(buffer.data(), n);
  }
  return {sha256.hex_digest(), git_sha1 ? git_sha1->hex_digest() : std::string()};
}

}  // namespace cache

namespace {

using Kind = CacheVerifyIssue::Kind;

// One snapshot file: a link is checked against the etag it names; a copied file (no link) is
// accepted when a blob named by its sha256 or git sha1 exists.
std::optional<CacheVerifyIssue> verify_file(const CachedRepoInfo& repo, const CachedRevisionInfo& rev,
                                            const CachedFileInfo& file) {
  CacheVerifyIssue issue{Kind::Mismatch, rev.commit_hash, file.path_in_repo, file.etag.value_or(""), ""};
  if (!file.blob_exists) {
    issue.kind = Kind::MissingBlob;
    return issue;
  }
  cache::FileDigests digests;
  try {
    digests = cache::digest_file(file.blob_path);
  } catch (const fs::filesystem_error&) {
    issue.kind = Kind::MissingBlob;
    return issue;
  }
  if (file.etag) {
    issue.actual = file.etag->size() == 64 ? digests.sha256 : digests.git_sha1;
    if (issue.actual == *file.etag) return std::nullopt;
    return issue;
  }
  std::error_code ec;
  for (const auto& etag : {digests.sha256, digests.git_sha1})
    if (fs::is_regular_file(fs::symlink_status(repo.repo_path / "blobs" / etag, ec))) return std::nullopt;
  issue.kind = Kind::Unverifiable;
  issue.actual = digests.sha256;
  return issue;
}

}  // namespace

CacheVerifyResult verify_cached_repo(const fs::path& cache_dir, const CacheTarget& target) {
  std::vector<CacheWarning> warnings;
  CachedRepoInfo repo = cache::scan_target_repo(cache_dir, target, warnings);
  CacheVerifyResult result;
  for (const CachedRevisionInfo* rev : cache::target_revisions(repo, target)) {
    ++result.revisions_checked;
    for (const auto& file : rev->files) {
      ++result.files_checked;
      if (auto issue = verify_file(repo, *rev, file)) result.issues.push_back(std::move(*issue));
    }
    for (auto& w : cache::unusable_entries(*rev, warnings)) result.unusable.push_back(std::move(w));
  }
  return result;
}

}  // namespace hfhub
