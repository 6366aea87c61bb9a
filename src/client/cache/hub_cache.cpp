#include "client/cache/hub_cache.h"

#include <pwd.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <stdexcept>
#include <system_error>

#include "client/util/atomic_file.h"
#include "common/hash.h"
#include "common/repo_path.h"
#include "common/split.h"

namespace hfhub {

namespace fs = std::filesystem;

namespace {

std::optional<std::string> env_nonempty(const char* name) {
  const char* v = std::getenv(name);
  if (!v || !*v) return std::nullopt;
  return std::string(v);
}

std::string home_dir() {
  if (auto home = env_nonempty("HOME")) return *home;
  if (const passwd* pw = ::getpwuid(::getuid()); pw && pw->pw_dir) return pw->pw_dir;
  return ".";
}

fs::path expand_user(const std::string& p) {
  if (p == "~") return home_dir();
  if (p.size() >= 2 && p[0] == '~' && p[1] == '/') return fs::path(home_dir()) / p.substr(2);
  return p;
}

void require(std::optional<std::string> error, std::string_view what) {
  if (error) throw std::invalid_argument(std::string(what) + ": " + *error);
}

// A repo may hold names that are no safe local names (`a/..\\x`): the cache never writes them.
void check_path(std::string_view path) {
  if (auto err = local_path_error(path)) throw std::invalid_argument("Invalid file path in repo: " + *err);
}

// Appends a validated '/'-separated relative path one segment at a time.
fs::path join_segments(fs::path base, std::string_view rel) {
  for (auto segment : split(rel, '/')) base /= std::string(segment);
  return base;
}

}  // namespace

const std::string_view kCacheDirTagContent =
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by huggingface_hub.\n"
    "# For information about cache directory tags, see:\n"
    "#\thttps://bford.info/cachedir/\n";

fs::path default_hub_cache() {
  if (auto v = env_nonempty("HF_HUB_CACHE")) return expand_user(*v);
  if (auto v = env_nonempty("HUGGINGFACE_HUB_CACHE")) return expand_user(*v);
  if (auto v = env_nonempty("HF_HOME")) return expand_user(*v) / "hub";
  if (auto v = env_nonempty("XDG_CACHE_HOME")) return expand_user(*v) / "huggingface" / "hub";
  return fs::path(home_dir()) / ".cache" / "huggingface" / "hub";
}

std::string repo_folder_name(RepoType type, std::string_view repo_id) {
  auto id = RepoId::parse(repo_id);
  if (!id)
    throw std::invalid_argument(
        "Invalid repo id: must be 'namespace/name' or 'name' of "
        "letters, digits, '.', '_' and '-'");
  std::string out(repo_type_plural(type));
  if (!id->ns.empty()) out += "--" + id->ns;
  out += "--" + id->name;
  return out;
}

std::optional<std::string> cache_etag_error(std::string_view etag) {
  if ((etag.size() != 40 && etag.size() != 64) || !is_lower_hex(etag))
    return std::string("an etag must be 40 or 64 lowercase hex characters");
  return std::nullopt;
}

std::optional<std::string> cache_commit_error(std::string_view commit) {
  if (commit.size() != 40 || !is_lower_hex(commit)) return std::string("a commit must be 40 lowercase hex characters");
  return std::nullopt;
}

std::optional<std::string> cache_revision_error(std::string_view revision) {
  if (revision.empty()) return std::string("a revision must not be empty");
  if (revision.front() == '/') return std::string("a revision must not start with '/'");
  for (char c : revision) {
    if (c == '\0') return std::string("a revision must not contain NUL");
    if (c == '\\') return std::string("a revision must not contain backslashes");
  }
  if (revision.find("..") != std::string_view::npos) return std::string("a revision must not contain '..'");
  // The file path rules cover the rest: no empty, "." or ".git" segment, no trailing '/',
  // no control characters, valid UTF-8, bounded segment length.
  return repo_path_error(revision);
}

RepoCache::RepoCache(fs::path cache_root, RepoType type, std::string_view repo_id)
    : root_(std::move(cache_root)), folder_(repo_folder_name(type, repo_id)), repo_dir_(root_ / folder_) {}

fs::path RepoCache::blob_path(std::string_view etag) const {
  require(cache_etag_error(etag), "Invalid etag");
  return repo_dir_ / "blobs" / std::string(etag);
}

fs::path RepoCache::incomplete_path(std::string_view etag) const {
  fs::path p = blob_path(etag);
  p += ".incomplete";
  return p;
}

fs::path RepoCache::snapshot_dir(std::string_view commit) const {
  require(cache_commit_error(commit), "Invalid commit");
  return repo_dir_ / "snapshots" / std::string(commit);
}

fs::path RepoCache::snapshot_path(std::string_view commit, std::string_view relative_path) const {
  fs::path dir = snapshot_dir(commit);
  check_path(relative_path);
  return join_segments(std::move(dir), relative_path);
}

fs::path RepoCache::ref_path(std::string_view revision) const {
  require(cache_revision_error(revision), "Invalid revision");
  return join_segments(repo_dir_ / "refs", revision);
}

fs::path RepoCache::no_exist_path(std::string_view commit, std::string_view relative_path) const {
  require(cache_commit_error(commit), "Invalid commit");
  check_path(relative_path);
  return join_segments(repo_dir_ / ".no_exist" / std::string(commit), relative_path);
}

fs::path RepoCache::lock_path(std::string_view etag) const {
  require(cache_etag_error(etag), "Invalid etag");
  return root_ / ".locks" / folder_ / (std::string(etag) + ".lock");
}

std::optional<std::string> RepoCache::read_ref(std::string_view revision) const {
  fs::path path = ref_path(revision);
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return std::nullopt;
  auto content = client::read_file(path);
  if (!content) return std::nullopt;
  std::string s = std::move(*content);
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ' || s.back() == '\t')) s.pop_back();
  if (cache_commit_error(s)) return std::nullopt;
  return s;
}

void RepoCache::write_ref(std::string_view revision, std::string_view commit) const {
  require(cache_commit_error(commit), "Invalid commit");
  fs::path path = ref_path(revision);
  using fs::perms;
  client::write_file_atomic(path, commit,
                            perms::owner_read | perms::owner_write | perms::group_read | perms::others_read);
}

fs::path RepoCache::link_snapshot(std::string_view commit, std::string_view relative_path,
                                  std::string_view etag) const {
  fs::path dest = snapshot_path(commit, relative_path);
  fs::path blob = blob_path(etag);
  fs::create_directories(dest.parent_path());

  // snapshots/<commit>/a/b.bin -> ../../../blobs/<etag>: two levels for snapshots/<commit>,
  // plus one per folder of the path inside the repo.
  std::string target;
  size_t depth = 2;
  for (char c : relative_path)
    if (c == '/') ++depth;
  for (size_t i = 0; i < depth; ++i) target += "../";
  target += "blobs/";
  target += etag;

  fs::path tmp = dest;
  tmp += ".tmp." + random_hex(4);
  std::error_code ec;
  fs::create_symlink(target, tmp, ec);
  if (ec) {
    // Filesystems without symlinks (or where we may not create them): copy the bytes.
    fs::remove(tmp, ec);
    fs::copy_file(blob, tmp, fs::copy_options::overwrite_existing);
  }
  fs::rename(tmp, dest, ec);
  if (ec) {
    std::error_code ignore;
    fs::remove(tmp, ignore);
    throw fs::filesystem_error("Cannot create snapshot file", dest, ec);
  }
  return dest;
}

void RepoCache::mark_missing(std::string_view commit, std::string_view relative_path) const {
  fs::path path = no_exist_path(commit, relative_path);
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::app);
  if (!out) throw fs::filesystem_error("Cannot create marker", path, std::make_error_code(std::errc::io_error));
}

bool RepoCache::is_marked_missing(std::string_view commit, std::string_view relative_path) const {
  std::error_code ec;
  return fs::exists(no_exist_path(commit, relative_path), ec);
}

void RepoCache::ensure_cachedir_tag() const {
  fs::path tag = root_ / "CACHEDIR.TAG";
  std::error_code ec;
  if (fs::exists(fs::symlink_status(tag, ec))) return;
  using fs::perms;
  client::write_file_atomic(tag, kCacheDirTagContent,
                            perms::owner_read | perms::owner_write | perms::group_read | perms::others_read);
}

}  // namespace hfhub
