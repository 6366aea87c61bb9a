#pragma once
// Persistence of repository catalog metadata.
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "server/model/repo.h"
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

  // One page, in sort order. Returns up to query.limit rows.
  virtual std::vector<RepoRecord> list_repos(const RepoQuery& query) = 0;
  // How many repos of this type carry each tag (for planning and the tags-by-type endpoint).
  virtual std::vector<std::pair<std::string, int64_t>> tag_counts(RepoType type) = 0;
  virtual int64_t count_repos(RepoType type) = 0;
  // Changes whenever a write through this store object commits; caches compare it.
  virtual uint64_t generation() const = 0;
  // Another store changed repo rows (a like moves `likes`): caches keyed on generation() re-read.
  virtual void rows_changed_elsewhere() = 0;
};

}  // namespace hfhub::server
