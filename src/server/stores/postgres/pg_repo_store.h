#pragma once
// RepoStore on PostgreSQL. generation() moves with this node's own commits at once and with every
// other node's through store_versions and the change feed (pg_notifications.h): a write to `repos` from any node,
// likes included (their trigger updates repos.likes), bumps store_versions('repos') and sends
// NOTIFY hfhub_changes 'repos' at commit, and this store's subscriber bumps its counter.
#include <atomic>

#include "common/ascii.h"
#include "server/stores/postgres/pg_database.h"
#include "server/stores/repo_store.h"
#include "server/stores/sibling_json.h"

namespace hfhub::server {

class PgRepoStore final : public RepoStore {
 public:
  explicit PgRepoStore(PgDatabase& db);
  ~PgRepoStore() override;

  void insert_repo(RepoRecord& repo) override;
  void upsert_repos(std::span<RepoRecord> repos) override;  // pg_repo_import.cpp
  std::optional<RepoRecord> find_repo(RepoType type, std::string_view id) override;
  std::optional<RepoRecord> find_repo_head(RepoType type, std::string_view id) override;
  std::optional<RepoRecord> find_repo_by_object_id(std::string_view object_id) override;
  void update_repo(const RepoRecord& repo) override;
  bool delete_repo(RepoType type, std::string_view id) override;
  void move_repo(RepoType type, std::string_view from, std::string_view to) override;
  std::optional<std::string> find_redirect(RepoType type, std::string_view old_id) override;
  // pg_repo_listing.cpp
  void scan_repos(const RepoQuery& query, const std::function<void(const RepoRowView&)>& visit) override;
  std::vector<std::pair<std::string, int64_t>> tag_counts(RepoType type) override;
  int64_t count_repos(RepoType type) override;
  // store_versions('repos') read on each call, plus the local counter: the change feed is
  // asynchronous, and a client that wrote through another node must read its write here at once
  // (docs/deployment.md, "Several nodes"). Both only grow, so their sum moves when either does.
  uint64_t generation() const override;
  void rows_changed_elsewhere() override { changed(); }

 private:
  void write_tags(PgConnection& c, const RepoRecord& repo);
  int64_t tag_count(PgConnection& c, RepoType type, const std::string& tag);
  std::optional<RepoRecord> find_by_id(RepoType type, std::string_view id, bool with_siblings);

  void changed() { generation_.fetch_add(1, std::memory_order_acq_rel); }

  PgDatabase& db_;
  std::atomic<uint64_t> generation_{0};
  int subscription_ = 0;  // to the change feed
};

// Every column of a repos row but rowid, in the order for_each_repo_column gives their values.
inline constexpr const char* kPgRepoColumnList =
    "type, id, id_lower, author, object_id, sha, created_at, last_modified, private, gated, disabled, "
    "discussions_disabled, downloads, downloads_all_time, likes, trending_score, used_storage, pipeline_tag, "
    "library_name, sdk, tags, siblings, card_data, config, extra";
// Calls `put` with each column's value (int64_t, bool, double, text or optional text), so that
// statement parameters and COPY rows are built from one list.
template <class Put>
void for_each_repo_column(const RepoRecord& r, Put&& put) {
  put(int64_t(r.type));
  put(r.id);
  put(ascii_lower(r.id));
  put(r.author);
  put(r.object_id);
  put(r.sha);
  put(r.created_at_ms);
  put(r.last_modified_ms);
  put(r.is_private);
  put(int64_t(r.gated));
  put(r.disabled);
  put(r.discussions_disabled);
  put(r.downloads);
  put(r.downloads_all_time);
  put(r.likes);
  put(r.trending_score);
  put(r.used_storage);
  put(r.pipeline_tag);
  put(r.library_name);
  put(r.sdk);
  put(join_tags(r.tags));
  put(siblings_to_json(r.siblings));
  put(r.card_data_json);
  put(r.config_json);
  put(r.extra_json);
}

}  // namespace hfhub::server
