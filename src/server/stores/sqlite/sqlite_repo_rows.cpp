#include "server/stores/sqlite/sqlite_repo_rows.h"

#include "server/stores/sibling_json.h"

namespace hfhub::server {

RepoRowView read_repo_row(const SqliteStatement& st, std::vector<Sibling>* siblings) {
  RepoRowView r;
  r.rowid = st.int64(0);
  r.type = RepoType(st.int64(1));
  r.id = st.text_view(2);
  r.author = st.text_view(3);
  r.object_id = st.text_view(4);
  r.sha = st.text_view(5);
  r.created_at_ms = st.int64(6);
  r.last_modified_ms = st.int64(7);
  r.is_private = st.int64(8) != 0;
  r.gated = Gated(st.int64(9));
  r.disabled = st.int64(10) != 0;
  r.discussions_disabled = st.int64(11) != 0;
  r.downloads = st.int64(12);
  r.downloads_all_time = st.int64(13);
  r.likes = st.int64(14);
  r.trending_score = st.real(15);
  r.used_storage = st.int64(16);
  r.pipeline_tag = st.optional_text_view(17);
  r.library_name = st.optional_text_view(18);
  r.sdk = st.optional_text_view(19);
  r.tags = st.text_view(20);
  if (siblings && !st.is_null(21)) {
    *siblings = siblings_from_json(st.text_view(21));
    r.siblings = siblings;
  }
  r.card_data_json = st.text_view(22);
  r.config_json = st.text_view(23);
  r.extra_json = st.text_view(24);
  return r;
}

RepoRecord read_repo_record(const SqliteStatement& st, bool with_siblings) {
  std::vector<Sibling> siblings;
  auto row = read_repo_row(st, with_siblings ? &siblings : nullptr);
  row.siblings = nullptr;  // moved below rather than copied
  auto record = record_of(row);
  record.siblings = std::move(siblings);
  return record;
}

}  // namespace hfhub::server
