#include "server/stores/postgres/pg_repo_rows.h"

#include "server/stores/sibling_json.h"

namespace hfhub::server {

RepoRowView read_pg_repo_row(const PgRow& row, std::vector<Sibling>* siblings) {
  RepoRowView r;
  r.rowid = row.int64(0);
  r.type = RepoType(row.int64(1));
  r.id = row.text_view(2);
  r.author = row.text_view(3);
  r.object_id = row.text_view(4);
  r.sha = row.text_view(5);
  r.created_at_ms = row.int64(6);
  r.last_modified_ms = row.int64(7);
  r.is_private = row.boolean(8);
  r.gated = Gated(row.int64(9));
  r.disabled = row.boolean(10);
  r.discussions_disabled = row.boolean(11);
  r.downloads = row.int64(12);
  r.downloads_all_time = row.int64(13);
  r.likes = row.int64(14);
  r.trending_score = row.real(15);
  r.used_storage = row.int64(16);
  r.pipeline_tag = row.optional_text_view(17);
  r.library_name = row.optional_text_view(18);
  r.sdk = row.optional_text_view(19);
  r.tags = row.text_view(20);
  if (siblings && !row.is_null(21)) {
    *siblings = siblings_from_json(row.text_view(21));
    r.siblings = siblings;
  }
  r.card_data_json = row.text_view(22);
  r.config_json = row.text_view(23);
  r.extra_json = row.text_view(24);
  return r;
}

RepoRecord read_pg_repo_record(const PgRow& row, bool with_siblings) {
  std::vector<Sibling> siblings;
  auto view = read_pg_repo_row(row, with_siblings ? &siblings : nullptr);
  view.siblings = nullptr;  // moved below rather than copied
  auto record = record_of(view);
  record.siblings = std::move(siblings);
  return record;
}

}  // namespace hfhub::server
