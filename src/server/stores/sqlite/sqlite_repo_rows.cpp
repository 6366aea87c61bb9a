#include "server/stores/sqlite/sqlite_repo_rows.h"

#include <boost/json.hpp>

namespace hfhub::server {

namespace {

std::vector<Sibling> siblings_from_json(std::string_view text) {
  std::vector<Sibling> out;
  if (text.empty()) return out;
  auto v = boost::json::parse(text);
  for (auto& item : v.as_array()) {
    auto& o = item.as_object();
    Sibling s;
    s.rfilename = std::string(o.at("rfilename").as_string());
    if (auto* p = o.if_contains("size")) s.size = p->to_number<int64_t>();
    if (auto* p = o.if_contains("blobId")) s.blob_id = std::string(p->as_string());
    if (auto* p = o.if_contains("lfs")) {
      s.lfs_sha256 = std::string(p->at("sha256").as_string());
      s.lfs_size = p->at("size").to_number<int64_t>();
    }
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace

std::string siblings_to_json(const std::vector<Sibling>& siblings) {
  boost::json::array arr;
  arr.reserve(siblings.size());
  for (auto& s : siblings) {
    boost::json::object o;
    o["rfilename"] = s.rfilename;
    if (s.size) o["size"] = *s.size;
    if (s.blob_id) o["blobId"] = *s.blob_id;
    if (s.lfs_sha256) o["lfs"] = {{"sha256", *s.lfs_sha256}, {"size", s.lfs_size.value_or(0)}};
    arr.push_back(std::move(o));
  }
  return boost::json::serialize(arr);
}

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
