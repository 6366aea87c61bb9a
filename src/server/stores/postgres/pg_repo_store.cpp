#include "server/stores/postgres/pg_repo_store.h"

#include "common/ascii.h"
#include "common/path_segments.h"
#include "server/stores/postgres/pg_repo_rows.h"
#include "server/stores/store_error.h"

namespace hfhub::server {

namespace {

PgParams repo_params(const RepoRecord& r) {
  PgParams p;
  for_each_repo_column(r, [&p](const auto& value) { p.add(value); });
  return p;
}

}  // namespace

PgRepoStore::PgRepoStore(PgDatabase& db) : db_(db) {
  subscription_ = db_.notifications().subscribe("repos", [this] { changed(); });
}

PgRepoStore::~PgRepoStore() { db_.notifications().unsubscribe(subscription_); }

uint64_t PgRepoStore::generation() const {
  auto c = db_.connection();
  auto r = c->query("SELECT version FROM store_versions WHERE name = 'repos'");
  uint64_t shared = r.empty() ? 0 : uint64_t(r.row(0).int64(0));
  return shared + generation_.load(std::memory_order_acquire);
}

void PgRepoStore::write_tags(PgConnection& c, const RepoRecord& r) {
  c.query("DELETE FROM repo_tags WHERE repo = $1", PgParams::of(r.rowid));
  // Each tag row carries the repo's createdAt and likes sort keys (repo_tags_by_created/_by_likes)
  // and its id_lower, which a search within the tag tests (pg_repo_listing.cpp).
  const std::string id_lower = ascii_lower(r.id);
  for (auto& tag : r.tags)
    c.query(
        "INSERT INTO repo_tags(repo, type, tag, created_at, likes, object_id, id_lower) "
        "VALUES ($1,$2,$3,$4,$5,$6,$7) ON CONFLICT DO NOTHING",
        PgParams::of(r.rowid, int64_t(r.type), tag, r.created_at_ms, r.likes, r.object_id, id_lower));
}

void PgRepoStore::insert_repo(RepoRecord& r) {
  {
    auto c = db_.connection();
    PgTransaction tx(*c);
    auto p = repo_params(r);
    auto res = c->query(std::string("INSERT INTO repos(") + kPgRepoColumnList +
                            ") VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,"
                            "$23,$24,$25) RETURNING rowid",
                        p);
    r.rowid = res.row(0).int64(0);
    // A new repo takes its name back from an old move: it no longer redirects.
    c->query("DELETE FROM repo_redirects WHERE type = $1 AND old_id_lower = $2",
             PgParams::of(int64_t(r.type), ascii_lower(r.id)));
    write_tags(*c, r);
    tx.commit();
  }
  changed();
}

std::optional<RepoRecord> PgRepoStore::find_by_id(RepoType type, std::string_view id, bool with_siblings) {
  auto c = db_.connection();
  auto r = c->query(std::string("SELECT ") + repo_select_list({.siblings = with_siblings}) +
                        " FROM repos r WHERE r.type = $1 AND r.id_lower = $2",
                    PgParams::of(int64_t(type), ascii_lower(id)));
  if (r.empty()) return std::nullopt;
  return read_pg_repo_record(r.row(0), with_siblings);
}

std::optional<RepoRecord> PgRepoStore::find_repo(RepoType type, std::string_view id) {
  return find_by_id(type, id, true);
}

std::optional<RepoRecord> PgRepoStore::find_repo_head(RepoType type, std::string_view id) {
  return find_by_id(type, id, false);
}

std::optional<RepoRecord> PgRepoStore::find_repo_by_object_id(std::string_view object_id) {
  auto c = db_.connection();
  auto r = c->query(std::string("SELECT ") + repo_select_list() + " FROM repos r WHERE r.object_id = $1",
                    PgParams::of(object_id));
  if (r.empty()) return std::nullopt;
  return read_pg_repo_record(r.row(0));
}

void PgRepoStore::update_repo(const RepoRecord& record) {
  {
    auto c = db_.connection();
    PgTransaction tx(*c);
    // Likes move by their own statements (a trigger): the count is locked and taken as it is now,
    // so a like committed since `record` was read (on any node) is not undone.
    RepoRecord r = record;
    auto likes = c->query("SELECT likes FROM repos WHERE rowid = $1 FOR UPDATE", PgParams::of(r.rowid));
    if (!likes.empty()) r.likes = likes.row(0).int64(0);
    auto p = repo_params(r);
    p.add(r.rowid);
    c->query(
        "UPDATE repos SET type=$1, id=$2, id_lower=$3, author=$4, object_id=$5, sha=$6, created_at=$7, "
        "last_modified=$8, private=$9, gated=$10, disabled=$11, discussions_disabled=$12, downloads=$13, "
        "downloads_all_time=$14, likes=$15, trending_score=$16, used_storage=$17, pipeline_tag=$18, "
        "library_name=$19, sdk=$20, tags=$21, siblings=$22, card_data=$23, config=$24, extra=$25 WHERE rowid=$26",
        p);
    write_tags(*c, r);
    tx.commit();
  }
  changed();
}

bool PgRepoStore::delete_repo(RepoType type, std::string_view id) {
  bool deleted = false;
  {
    auto c = db_.connection();
    PgTransaction tx(*c);
    deleted =
        c->query("DELETE FROM repos WHERE type = $1 AND id_lower = $2", PgParams::of(int64_t(type), ascii_lower(id)))
            .affected() > 0;
    // A deleted repo's old names must not redirect to whatever takes its place later.
    c->query("DELETE FROM repo_redirects WHERE type = $1 AND new_id = $2", PgParams::of(int64_t(type), id));
    tx.commit();
  }
  changed();
  return deleted;
}

void PgRepoStore::move_repo(RepoType type, std::string_view from, std::string_view to) {
  {
    auto c = db_.connection();
    PgTransaction tx(*c);
    std::string author(split_first_segment(to).first);
    auto moved = c->query("UPDATE repos SET id = $1, id_lower = $2, author = $3 WHERE type = $4 AND id_lower = $5",
                          PgParams::of(to, ascii_lower(to), author, int64_t(type), ascii_lower(from)));
    if (moved.affected() == 0) throw StoreError("no such repo");
    // Earlier names that pointed at `from` now point at `to`; `to` itself is a live repo again.
    c->query("UPDATE repo_redirects SET new_id = $1 WHERE type = $2 AND new_id = $3",
             PgParams::of(to, int64_t(type), from));
    c->query("DELETE FROM repo_redirects WHERE type = $1 AND old_id_lower = $2",
             PgParams::of(int64_t(type), ascii_lower(to)));
    c->query(
        "INSERT INTO repo_redirects(type, old_id_lower, new_id) VALUES ($1,$2,$3) "
        "ON CONFLICT (type, old_id_lower) DO UPDATE SET new_id = excluded.new_id",
        PgParams::of(int64_t(type), ascii_lower(from), to));
    tx.commit();
  }
  changed();
}

std::optional<std::string> PgRepoStore::find_redirect(RepoType type, std::string_view old_id) {
  auto c = db_.connection();
  auto r = c->query("SELECT new_id FROM repo_redirects WHERE type = $1 AND old_id_lower = $2",
                    PgParams::of(int64_t(type), ascii_lower(old_id)));
  if (r.empty()) return std::nullopt;
  return r.row(0).text(0);
}

}  // namespace hfhub::server
