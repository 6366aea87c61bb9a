#include "server/git/git_store.h"

#include <fcntl.h>
#include <git2.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <filesystem>
#include <list>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "common/atomic_write.h"
#include "common/file_handle.h"
#include "common/hash.h"
#include "server/git/git_error.h"

namespace hfhub::server {

namespace fs = std::filesystem;

namespace {

// Each repository's generation, bumped by GitStore::changed(); striped by path so memory stays
// fixed (two repositories sharing a stripe only reopen a little more often).
std::array<std::atomic<uint64_t>, 4096> g_generations;

std::atomic<uint64_t>& generation_of(const std::string& path) {
  return g_generations[std::hash<std::string>{}(path) % g_generations.size()];
}

// All readers cached by all threads hold at most this many repositories open; each thread's
// share shrinks as threads (I/O threads, worker pools) come.
constexpr size_t kMaxCachedReaders = 256;
constexpr size_t kMinReadersPerThread = 4;

// One thread's readers, most recently used first. The mutex is the owner's, except when a writer
// on another thread closes the stale ones (release_stale).
struct ReaderCache {
  std::mutex mutex;
  std::list<std::pair<std::string, std::unique_ptr<GitRepo>>> lru;
  std::unordered_map<std::string, decltype(lru)::iterator> index;

  GitRepo* get(const std::string& path) {
    std::lock_guard<std::mutex> lock(mutex);
    auto it = index.find(path);
    if (it == index.end()) return nullptr;
    lru.splice(lru.begin(), lru, it->second);
    return it->second->second.get();
  }
  GitRepo* put(const std::string& path, std::unique_ptr<GitRepo> repo, size_t capacity) {
    std::lock_guard<std::mutex> lock(mutex);
    while (!lru.empty() && lru.size() >= capacity) {
      index.erase(lru.back().first);
      lru.pop_back();
    }
    lru.emplace_front(path, std::move(repo));
    index[path] = lru.begin();
    return lru.front().second.get();
  }
  void release_stale(const std::string& path) {
    std::lock_guard<std::mutex> lock(mutex);
    if (auto it = index.find(path); it != index.end()) it->second->second->release_if_stale();
  }
};

// Every thread's cache, so that a change to a repository reaches readers on idle threads too.
struct Registry {
  std::mutex mutex;
  std::vector<ReaderCache*> caches;
};

Registry& registry() {
  static auto* r = new Registry;  // never destroyed: threads may exit after static destructors
  return *r;
}

struct ThreadCache {
  ReaderCache cache;
  ThreadCache() {
    std::lock_guard<std::mutex> lock(registry().mutex);
    registry().caches.push_back(&cache);
  }
  ~ThreadCache() {
    std::lock_guard<std::mutex> lock(registry().mutex);
    std::erase(registry().caches, &cache);
  }
  size_t capacity() {
    std::lock_guard<std::mutex> lock(registry().mutex);
    return std::max(kMinReadersPerThread, kMaxCachedReaders / std::max<size_t>(1, registry().caches.size()));
  }
};

thread_local ThreadCache t_cache;

bool valid_object_id(std::string_view id) { return !id.empty() && id.size() <= 64 && is_lower_hex(id); }

// Pushes are checked by git too (fsck of every received object), whoever runs receive-pack on
// the repository: the setting lives in its own config.
void require_fsck_on_receive(const std::string& repo_path) {
  git_config* raw = nullptr;
  if (git_config_open_ondisk(&raw, (repo_path + "/config").c_str()) != 0) return;
  int enabled = 0;
  if (git_config_get_bool(&enabled, raw, "receive.fsckObjects") != 0 || !enabled)
    git_config_set_bool(raw, "receive.fsckObjects", 1);
  git_config_free(raw);
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
  for (auto& e : fs::directory_iterator(root_, ec)) {
    auto name = e.path().filename().string();
    // Half-built repositories of a create() that crashed.
    if (name.starts_with(".creating-")) fs::remove_all(e.path(), ec);
    // Repositories made before pushes were fsck-checked.
    else if (name.ends_with(".git"))
      require_fsck_on_receive(e.path().string());
  }
}

GitStore::DeferredSync::DeferredSync(GitStore& store) : store_(store) {
  store_.sync_deferred_ = true;
  git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, 0);
}

GitStore::DeferredSync::~DeferredSync() {
  git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, 1);
  store_.sync_deferred_ = false;
  FileHandle dir(::open(store_.root_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dir) ::syncfs(dir.fd());
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
  if (auto* cached = t_cache.cache.get(path)) {
    // Closed because the repository changed; it may be gone altogether.
    if (!cached->is_open() && !exists(object_id)) return nullptr;
    return cached;
  }
  if (!exists(object_id)) return nullptr;
  return t_cache.cache.put(path, GitRepo::open_tracked(path, generation_of(path)), t_cache.capacity());
}

void GitStore::changed(std::string_view object_id) {
  auto path = path_of(object_id);
  generation_of(path).fetch_add(1, std::memory_order_acq_rel);
  std::lock_guard<std::mutex> lock(registry().mutex);
  for (auto* cache : registry().caches) cache->release_stale(path);
}

std::unique_ptr<GitRepo> GitStore::open_for_write(std::string_view object_id) {
  return GitRepo::open(path_of(object_id));
}

std::string GitStore::create(std::string_view object_id, const std::vector<std::pair<std::string, std::string>>& files,
                             const GitSignature& author, const std::string& message) {
  auto final_path = path_of(object_id);
  auto temp_path = root_ + "/.creating-" + std::string(object_id) + "-" + random_hex(4);
  git_repository* raw = nullptr;
  git_repository_init_options opts = GIT_REPOSITORY_INIT_OPTIONS_INIT;
  opts.flags = GIT_REPOSITORY_INIT_BARE | GIT_REPOSITORY_INIT_MKPATH;
  opts.initial_head = "main";
  git_check(git_repository_init_ext(&raw, temp_path.c_str(), &opts), "init repository");
  git_repository_free(raw);
  require_fsck_on_receive(temp_path);
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
  if (!sync_deferred_) fsync_directory(root_);
  return sha;
}

void GitStore::duplicate(std::string_view from, std::string_view to) {
  auto source = fs::path(path_of(from));
  auto final_path = path_of(to);
  auto temp = fs::path(root_ + "/.creating-" + std::string(to) + "-" + random_hex(4));
  fs::create_directories(temp);
  for (auto& e : fs::directory_iterator(source))
    if (e.path().filename() != "objects") fs::copy(e.path(), temp / e.path().filename(), fs::copy_options::recursive);
  for (auto& e : fs::recursive_directory_iterator(source / "objects")) {
    auto target = temp / "objects" / fs::relative(e.path(), source / "objects");
    if (e.is_directory()) {
      fs::create_directories(target);
      continue;
    }
    std::error_code ec;
    fs::create_directories(target.parent_path());
    fs::create_hard_link(e.path(), target, ec);
    if (ec) fs::copy_file(e.path(), target, fs::copy_options::skip_existing);
  }
  fs::rename(temp, final_path);
  fsync_directory(root_);
}

void GitStore::remove(std::string_view object_id) {
  auto path = path_of(object_id);
  if (!fs::exists(path)) return;
  auto trashed = trash_ + "/" + std::string(object_id) + "-" + random_hex(4);
  fs::rename(path, trashed);
  changed(object_id);
  std::error_code ec;
  fs::remove_all(trashed, ec);
}

}  // namespace hfhub::server
