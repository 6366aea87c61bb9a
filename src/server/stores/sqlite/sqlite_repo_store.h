#pragma once
#include <atomic>
#include <mutex>

#include "server/stores/repo_store.h"
#include "server/stores/sqlite/sqlite_database.h"

namespace hfhub::server {

class SqliteRepoStore final : public RepoStore {
 public:
  explicit SqliteRepoStore(SqliteDatabase& db) : db_(db) {}

  void insert_repo(RepoRecord& repo) override;
  void upsert_repos(std::span<RepoRecord> repos) override;
  std::optional<RepoRecord> find_repo(RepoType type, std::string_view id) override;
  void update_repo(const RepoRecord& repo) override;
  bool delete_repo(RepoType type, std::string_view id) override;
  void move_repo(RepoType type, std::string_view from, std::string_view to) override;
  std::optional<std::string> find_redirect(RepoType type, std::string_view old_id) override;
  std::vector<RepoRecord> list_repos(const RepoQuery& query) override;
  std::vector<std::pair<std::string, int64_t>> tag_counts(RepoType type) override;
  int64_t count_repos(RepoType type) override;

 private:
  void insert_row(SqliteConnection& c, RepoRecord& repo);
  void write_tags(SqliteConnection& c, const RepoRecord& repo);
  int64_t tag_count(SqliteConnection& c, RepoType type, const std::string& tag);
  int64_t approximate_count(RepoType type);

  SqliteDatabase& db_;
  // Repo counts per type for the listing planner; refreshed at most every few seconds.
  std::mutex count_mutex_;
  int64_t counts_[3] = {-1, -1, -1};
  int64_t counts_at_ms_[3] = {0, 0, 0};
};

}  // namespace hfhub::server
