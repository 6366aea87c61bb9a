#pragma once
// Gated-repo access requests in PostgreSQL (table access_requests, docs/gated.md).
#include "server/stores/access_request_store.h"
#include "server/stores/postgres/pg_database.h"

namespace hfhub::server {

class PgAccessRequestStore final : public AccessRequestStore {
 public:
  explicit PgAccessRequestStore(PgDatabase& db) : db_(db) {}

  std::optional<AccessRequest> find(int64_t repo_rowid, int64_t user_rowid) override;
  std::optional<AccessRequest> find_by_id(int64_t repo_rowid, std::string_view object_id) override;
  void put(const AccessRequest& request) override;
  bool remove(int64_t repo_rowid, int64_t user_rowid) override;
  std::vector<AccessRequest> list(int64_t repo_rowid, AccessStatus status,
                                  const std::optional<AccessRequestCursor>& after, size_t limit) override;

 private:
  PgDatabase& db_;
};

}  // namespace hfhub::server
