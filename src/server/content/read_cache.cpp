#include "server/content/read_cache.h"

namespace hfhub::server {

namespace {

constexpr auto kTtl = std::chrono::seconds(2);  // as the catalog response cache
constexpr size_t kMaxRepos = 4096;
constexpr size_t kMaxCommits = 16384;
constexpr size_t kMaxEntries = 65536;

// Parts joined by NUL, which none of them can hold.
std::string key_of(std::initializer_list<std::string_view> parts) {
  size_t n = parts.size();
  for (auto p : parts) n += p.size();
  std::string key;
  key.reserve(n);
  for (auto p : parts) key.append(p).push_back('\0');
  return key;
}

template <class Map, class Value>
void put_bounded(Map& map, size_t max, std::string key, Value value) {
  if (map.size() >= max) map.clear();
  map.insert_or_assign(std::move(key), std::move(value));
}

}  // namespace

std::optional<RepoRecord> ContentReadCache::repo(RepoType type, std::string_view id, uint64_t generation) const {
  auto key = key_of({repo_type_name(type), id});
  std::lock_guard lock(mutex_);
  auto it = repos_.find(key);
  if (it == repos_.end() || it->second.generation != generation || Clock::now() - it->second.stored > kTtl)
    return std::nullopt;
  return it->second.record;
}

void ContentReadCache::put_repo(RepoType type, std::string_view id, uint64_t generation, RepoRecord repo) {
  repo.siblings.clear();  // never needed by the read paths, and large
  auto key = key_of({repo_type_name(type), id});
  std::lock_guard lock(mutex_);
  put_bounded(repos_, kMaxRepos, std::move(key), CachedRepo{std::move(repo), generation, Clock::now()});
}

std::optional<std::string> ContentReadCache::commit(std::string_view object_id, std::string_view revision) const {
  auto key = key_of({object_id, revision});
  std::lock_guard lock(mutex_);
  auto it = commits_.find(key);
  if (it == commits_.end() || it->second.epoch != ref_epoch() || Clock::now() - it->second.stored > kTtl)
    return std::nullopt;
  return it->second.commit;
}

void ContentReadCache::put_commit(std::string_view object_id, std::string_view revision, uint64_t epoch,
                                  std::string commit) {
  if (epoch != ref_epoch()) return;
  auto key = key_of({object_id, revision});
  std::lock_guard lock(mutex_);
  put_bounded(commits_, kMaxCommits, std::move(key), CachedCommit{std::move(commit), epoch, Clock::now()});
}

std::optional<std::optional<GitEntry>> ContentReadCache::entry(std::string_view object_id, std::string_view commit,
                                                               std::string_view path) const {
  auto key = key_of({object_id, commit, path});
  std::lock_guard lock(mutex_);
  auto it = entries_.find(key);
  if (it == entries_.end()) return std::nullopt;
  return it->second;
}

void ContentReadCache::put_entry(std::string_view object_id, std::string_view commit, std::string_view path,
                                 std::optional<GitEntry> entry) {
  auto key = key_of({object_id, commit, path});
  std::lock_guard lock(mutex_);
  put_bounded(entries_, kMaxEntries, std::move(key), std::move(entry));
}

}  // namespace hfhub::server
