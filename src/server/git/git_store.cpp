#include "server/git/git_store.h"

#include <git2.h>

#include <atomic>
#include <filesystem>
#include <list>
#include <unordered_map>

#include "common/file_handle.h"
#include "common/hash.h"
#include "server/git/git_error.h"

namespace hfhub::server {

namespace fs = std::filesystem;

namespace {

// Bumped by remove(): per-thread caches drop handles that may name a deleted repository.
std::atomic<uint64_t> g_store_epoch{0};

struct ThreadCache {
  static constexpr size_t kCapacity = 64;
  uint64_t epoch = 0;
  std::list<std::pair<std::string, std::unique_ptr<GitRepo>>> lru;
  std::unordered_map<std::string, decltype(lru)::iterator> index;

  GitRepo* get(const std::string& path) {
    uint64_t now = g_store_epoch.load(std::memory_order_acquire);
    if (now != epoch) {
      lru.clear();
      index.clear();
      epoch = now;
    }
    auto it = index.find(path);
    if (it == index.end()) return nullptr;
    lru.splice(lru.begin(), lru, it->second);
    return it->second->second.get();
  }
  GitRepo* put(const std::string& path, std::unique_ptr<GitRepo> repo) {
    if (lru.size() >= kCapacity) {
      index.erase(lru.back().first);
      lru.pop_back();
    }
    lru.emplace_front(path, std::move(repo));
    index[path] = lru.begin();
    return lru.front().second.get();
  }
};

thread_local ThreadCache t_cache;

bool valid_object_id(std::string_view id) {
  return !id.empty() && id.size() <= 64 && is_lower_hex(id);
}

}  // namespace

GitStore::GitStore(std::string data_dir)
    : data_dir_(std::move(data_dir)), root_(data_dir_ + "/repos"), trash_(data_dir_ + "/trash") {
  static const bool initialized = [] {
    git_libgit2_init();
    // Objects, packs and refs are fsynced: an answered commit survives a power cut.
    git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, 1);
    return true;
  }();
  (void)initialized;
  fs::create_directories(root_);
  fs::create_directories(trash_);
  std::error_code ec;
  for (auto& e : fs::directory_iterator(trash_, ec)) fs::remove_all(e.path(), ec);
  // Half-built repositories of a create() that crashed.
  for (auto& e : fs::directory_iterator(root_, ec))
    if (e.path().filename().string().starts_with(".creating-")) fs::remove_all(e.path(), ec);
}

std::string GitStore::path_of(std::string_view object_id) const {
  if (!valid_object_id(object_id)) throw GitError("invalid repository id");
  return root_ + "/" + std::string(object_id) + ".git";
}

bool GitStore::exists(std::string_view object_id) const {
  std::error_code ec;
  return fs::exists(path_of(object_id) + "/HEAD", ec);
}

GitRepo* GitStore::open(std::string_view object_id) {
  auto path = path_of(object_id);
  if (auto* cached = t_cache.get(path)) return cached;
  if (!exists(object_id)) return nullptr;
  return t_cache.put(path, GitRepo::open(path));
}

std::unique_ptr<GitRepo> GitStore::open_for_write(std::string_view object_id) {
  return GitRepo::open(path_of(object_id));
}

std::string GitStore::create(std::string_view object_id,
                             const std::vector<std::pair<std::string, std::string>>& files,
                             const GitSignature& author, const std::string& message) {
  auto final_path = path_of(object_id);
  auto temp_path = root_ + "/.creating-" + std::string(object_id) + "-" + random_hex(4);
  git_repository* raw = nullptr;
  git_repository_init_options opts = GIT_REPOSITORY_INIT_OPTIONS_INIT;
  opts.flags = GIT_REPOSITORY_INIT_BARE | GIT_REPOSITORY_INIT_MKPATH;
  opts.initial_head = "main";
  git_check(git_repository_init_ext(&raw, temp_path.c_str(), &opts), "init repository");
  git_repository_free(raw);
  std::string sha;
  {
    auto repo = GitRepo::open(temp_path);
    GitCommitSpec spec;
    spec.ref = "refs/heads/main";  // new: expected_head stays nullopt
    spec.message = message;
    spec.author = author;
    for (auto& [path, content] : files) spec.changes.push_back({GitChange::Put, path, content, false});
    sha = repo->commit(spec);
  }
  fs::rename(temp_path, final_path);
  fsync_directory(root_);
  return sha;
}

void GitStore::remove(std::string_view object_id) {
  auto path = path_of(object_id);
  if (!fs::exists(path)) return;
  auto trashed = trash_ + "/" + std::string(object_id) + "-" + random_hex(4);
  fs::rename(path, trashed);
  g_store_epoch.fetch_add(1, std::memory_order_acq_rel);
  std::error_code ec;
  fs::remove_all(trashed, ec);
}

}  // namespace hfhub::server
