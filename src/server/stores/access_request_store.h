#pragma once
// Persistence of gated-repo access requests (docs/gated.md), one per (repo, user). A repo's
// requests go with it when it is deleted; they stay when gating is switched off.
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "server/model/access_request.h"

namespace hfhub::server {

// The keyset of a listing: the last request served, in (timestamp, user) order.
struct AccessRequestCursor {
  int64_t requested_at_ms = 0;
  int64_t user_rowid = 0;
};

class AccessRequestStore {
 public:
  virtual ~AccessRequestStore() = default;

  virtual std::optional<AccessRequest> find(int64_t repo_rowid, int64_t user_rowid) = 0;
  virtual std::optional<AccessRequest> find_by_id(int64_t repo_rowid, std::string_view object_id) = 0;
  // Inserts, or replaces the request of (repo_rowid, user.rowid).
  virtual void put(const AccessRequest& request) = 0;
  // False when there was none.
  virtual bool remove(int64_t repo_rowid, int64_t user_rowid) = 0;
  // Oldest first; at most `limit`, after `after` when given.
  virtual std::vector<AccessRequest> list(int64_t repo_rowid, AccessStatus status,
                                          const std::optional<AccessRequestCursor>& after, size_t limit) = 0;
};

}  // namespace hfhub::server
