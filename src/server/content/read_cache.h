#pragma once
// Read-side caches of ContentService, for the hot download paths (resolve HEAD/GET, ranged
// reads), which would otherwise pay a store query, a ref lookup and a tree walk per request:
//   - repo rows by (type, id), without siblings: valid while the repo store's generation is
//     unchanged and for at most a few seconds (bounds how long a change made by another
//     process, hfhubd admin, goes unseen);
//   - revision → commit by (repo _id, revision): valid until refs change (refs_changed(), called
//     by every ref-changing write under the repo's write lock) and for at most a few seconds
//     (refs moved by another process);
//   - tree entries by (repo _id, commit, path): commits are immutable, so these never go stale.
// Bounded by entry count: a full map is emptied rather than tracked for recency.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "server/git/git_repo.h"
#include "server/model/repo.h"

namespace hfhub::server {

class ContentReadCache {
 public:
  std::optional<RepoRecord> repo(RepoType type, std::string_view id, uint64_t generation) const;
  void put_repo(RepoType type, std::string_view id, uint64_t generation, RepoRecord repo);

  std::optional<std::string> commit(std::string_view object_id, std::string_view revision) const;
  // Read before resolving a revision and passed to put_commit, so a ref change that happens
  // in between keeps the (possibly stale) answer out of the cache.
  uint64_t ref_epoch() const { return ref_epoch_.load(std::memory_order_acquire); }
  void put_commit(std::string_view object_id, std::string_view revision, uint64_t epoch, std::string commit);
  void refs_changed() { ref_epoch_.fetch_add(1, std::memory_order_acq_rel); }

  // Outer nullopt: not cached; inner nullopt: cached as absent.
  std::optional<std::optional<GitEntry>> entry(std::string_view object_id, std::string_view commit,
                                               std::string_view path) const;
  void put_entry(std::string_view object_id, std::string_view commit, std::string_view path,
                 std::optional<GitEntry> entry);

 private:
  using Clock = std::chrono::steady_clock;
  struct CachedRepo {
    RepoRecord record;
    uint64_t generation;
    Clock::time_point stored;
  };
  struct CachedCommit {
    std::string commit;
    uint64_t epoch;
    Clock::time_point stored;
  };

  mutable std::mutex mutex_;
  std::atomic<uint64_t> ref_epoch_{0};
  std::unordered_map<std::string, CachedRepo> repos_;
  std::unordered_map<std::string, CachedCommit> commits_;
  std::unordered_map<std::string, std::optional<GitEntry>> entries_;
};

}  // namespace hfhub::server
