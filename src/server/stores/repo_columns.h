#pragma once
// The select list of a `repos r` row, the same in every engine: rowid, type, id, author,
// object_id, sha, created_at, last_modified, private, gated, disabled, discussions_disabled,
// downloads, downloads_all_time, likes, trending_score, used_storage, pipeline_tag, library_name,
// sdk, tags, then the wide columns (siblings, card_data, config, extra) or NULL for each not read.
#include <string>

namespace hfhub::server {

// Which of the wide columns (file list and JSON texts) a SELECT reads; the rest read as NULL.
struct RepoWideColumns {
  bool siblings = true;
  bool card_data = true;
  bool config = true;
  bool extra = true;
};

std::string repo_select_list(const RepoWideColumns& wide = {});

}  // namespace hfhub::server
