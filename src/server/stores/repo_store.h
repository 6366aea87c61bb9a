#pragma once
// Persistence of repository catalog metadata.
#include <functional>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "server/model/repo.h"
#include "server/model/repo_row.h"
#include "server/stores/repo_query.h"

namespace hfhub::server {

class RepoStore {
 public:
  virtual ~RepoStore() = default;

  // Inserts; fills rowid. Throws StoreConflict when (type, id) exists case-insensitively.
  virtual void insert_repo(RepoRecord& repo) = 0;
  // Inserts many in one transaction (imports). Rows whose id exists are updated in place.
  virtual void upsert_repos(std::span<RepoRecord> repos) = 0;
  virtual std::optional<RepoRecord> find_repo(RepoType type, std::string_view id) = 0;
  // The same without `siblings` (cheaper: the file list is neither read nor parsed).
  virtual std::optional<RepoRecord> find_repo_head(RepoType type, std::string_view id) = 0;
  // By the immutable `_id` (which also names the repo's git storage).
  virtual std::optional<RepoRecord> find_repo_by_object_id(std::string_view object_id) = 0;
  // Replaces every field of the row with this rowid.
  virtual void update_repo(const RepoRecord& repo) = 0;
  virtual bool delete_repo(RepoType type, std::string_view id) = 0;
  // Renames; throws StoreConflict when the target exists. Remembers the old id as a redirect.
  virtual void move_repo(RepoType type, std::string_view from, std::string_view to) = 0;
  // The current id of a repo that was moved away from `old_id`, if any.
  virtual std::optional<std::string> find_redirect(RepoType type, std::string_view old_id) = 0;

  // One page, in sort order: calls `visit` with up to query.limit rows. A view lives only during
  // its call, so a page is written without copying a row (bench/README.md#listing-speed).
  virtual void scan_repos(const RepoQuery& query, const std::function<void(const RepoRowView&)>& visit) = 0;
  // The same page as owned records.
  std::vector<RepoRecord> list_repos(const RepoQuery& query) {
    std::vector<RepoRecord> out;
    scan_repos(query, [&out](const RepoRowView& row) { out.push_back(record_of(row)); });
    return out;
  }
  // How many repos of this type carry each tag (for planning and the tags-by-type endpoint).
  virtual std::vector<std::pair<std::string, int64_t>> tag_counts(RepoType type) = 0;
  virtual int64_t count_repos(RepoType type) = 0;
  // Changes whenever a write through this store object commits; caches compare it.
  virtual uint64_t generation() const = 0;
  // Another store changed repo rows (a like moves `likes`): caches keyed on generation() re-read.
  virtual void rows_changed_elsewhere() = 0;
};

}  // namespace hfhub::server
