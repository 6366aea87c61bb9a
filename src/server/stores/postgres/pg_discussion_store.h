#pragma once
// Discussions and their events on PostgreSQL (docs/discussions.md#storage): the SQLite store's
// behaviour, with numbers allocated under a per-repo advisory lock so nodes never race for one.
#include "server/stores/discussion_store.h"
#include "server/stores/postgres/pg_database.h"

namespace hfhub::server {

class PgDiscussionStore final : public DiscussionStore {
 public:
  explicit PgDiscussionStore(PgDatabase& db) : db_(db) {}

  DiscussionPage list(const DiscussionFilter& filter) override;
  std::optional<DiscussionRecord> find(std::string_view repo, int64_t num) override;
  DiscussionRecord create(DiscussionRecord discussion, int64_t min_num,
                          std::vector<DiscussionEventRecord> events) override;
  void update(const DiscussionRecord& discussion, std::vector<DiscussionEventRecord> events) override;
  std::vector<DiscussionEventRecord> events(int64_t discussion) override;
  std::optional<DiscussionEventRecord> event(int64_t discussion, std::string_view object_id) override;
  void update_event(const DiscussionEventRecord& event, int64_t activity_ms) override;

 private:
  PgDatabase& db_;
};

}  // namespace hfhub::server
