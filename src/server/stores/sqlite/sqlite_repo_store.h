#pragma once
#include <atomic>

#include "server/stores/repo_store.h"
#include "server/stores/sqlite/sqlite_database.h"

namespace hfhub::server {

class SqliteRepoStore final : public RepoStore {
 public:
  explicit SqliteRepoStore(SqliteDatabase& db) : db_(db) {}

  void insert_repo(RepoRecord& repo) override;
  void upsert_repos(std::span<RepoRecord> repos) override;
  std::optional<RepoRecord> find_repo(RepoType type, std::string_view id) override;
  std::optional<RepoRecord> find_repo_head(RepoType type, std::string_view id) override;
  std::optional<RepoRecord> find_repo_by_object_id(std::string_view object_id) override;
  void update_repo(const RepoRecord& repo) override;
  bool delete_repo(RepoType type, std::string_view id) override;
  void move_repo(RepoType type, std::string_view from, std::string_view to) override;
  std::optional<std::string> find_redirect(RepoType type, std::string_view old_id) override;
  void scan_repos(const RepoQuery& query, const std::function<void(const RepoRowView&)>& visit) override;
  std::vector<std::pair<std::string, int64_t>> tag_counts(RepoType type) override;
  int64_t count_repos(RepoType type) override;
  uint64_t generation() const override { return generation_.load(std::memory_order_acquire); }
  void rows_changed_elsewhere() override { changed(); }

 private:
  void insert_row(SqliteConnection& c, RepoRecord& repo);
  void update_row(SqliteConnection& c, const RepoRecord& repo);
  void write_tags(SqliteConnection& c, const RepoRecord& repo, bool new_row);
  int64_t tag_count(SqliteConnection& c, RepoType type, const std::string& tag);

  void changed() { generation_.fetch_add(1, std::memory_order_acq_rel); }

  SqliteDatabase& db_;
  std::atomic<uint64_t> generation_{0};
};

}  // namespace hfhub::server
