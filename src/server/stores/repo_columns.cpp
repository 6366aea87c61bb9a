#include "server/stores/repo_columns.h"

namespace hfhub::server {

std::string repo_select_list(const RepoWideColumns& wide) {
  // A wide column a page does not show is never read: card data, config and extra can run to
  // overflow pages, and a listing shows none of them by default.
  std::string list =
      "r.rowid, r.type, r.id, r.author, r.object_id, r.sha, r.created_at, r.last_modified, r.private, r.gated, "
      "r.disabled, r.discussions_disabled, r.downloads, r.downloads_all_time, r.likes, r.trending_score, "
      "r.used_storage, r.pipeline_tag, r.library_name, r.sdk, r.tags, ";
  list += wide.siblings ? "r.siblings, " : "NULL, ";
  list += wide.card_data ? "r.card_data, " : "NULL, ";
  list += wide.config ? "r.config, " : "NULL, ";
  list += wide.extra ? "r.extra" : "NULL";
  return list;
}

}  // namespace hfhub::server
