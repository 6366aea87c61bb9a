#include "server/stores/postgres/pg_discussion_store.h"

#include <algorithm>

#include "server/stores/discussion_columns.h"
#include "server/stores/store_error.h"

namespace hfhub::server {

namespace {

void insert_events(PgConnection& c, int64_t discussion, const std::vector<DiscussionEventRecord>& events) {
  for (auto& e : events)
    c.query(
        "INSERT INTO discussion_events(discussion, object_id, type, author, created_at, data) "
        "VALUES ($1, $2, $3, $4, $5, $6)",
        PgParams::of(discussion, e.object_id, e.type, e.author, e.created_at_ms, e.data_json));
}

// The WHERE clause of a listing with its parameters. The statuses are one array parameter, so
// the statement's text depends only on which filters are present.
std::string where_of(const DiscussionFilter& f, PgParams& params) {
  params.add(f.repo);
  std::string sql = " WHERE repo = $1";
  if (f.pull_requests) {
    params.add(*f.pull_requests);
    sql += " AND is_pull_request = $" + std::to_string(params.size());
  }
  if (!f.statuses.empty()) {
    std::vector<std::string> statuses;
    for (auto s : f.statuses) statuses.push_back(std::to_string(int(s)));
    params.add_text_array(statuses);
    sql += " AND status = ANY($" + std::to_string(params.size()) + "::smallint[])";
  }
  if (f.author) {
    // Names compare without case (SQLite's NOCASE); discussions_by_author is on lower(author).
    params.add(*f.author);
    sql += " AND lower(author) = lower($" + std::to_string(params.size()) + ")";
  }
  return sql;
}

}  // namespace

DiscussionPage PgDiscussionStore::list(const DiscussionFilter& f) {
  auto c = db_.connection();
  PgParams params;
  std::string where = where_of(f, params);
  DiscussionPage page;
  // Without an author the total is a sum of per-(kind, status) counters kept by triggers.
  page.total = c->query((f.author ? "SELECT count(*) FROM discussions"
                                  : "SELECT coalesce(sum(n), 0)::bigint FROM discussion_counts") +
                            where,
                        params)
                   .row(0)
                   .int64(0);
  int n = params.size();
  params.add(f.limit).add(f.offset);
  auto r = c->query(std::string("SELECT ") + kDiscussionColumns + " FROM discussions" + where +
                        " ORDER BY num DESC LIMIT $" + std::to_string(n + 1) + " OFFSET $" + std::to_string(n + 2),
                    params);
  for (int i = 0; i < r.rows(); ++i) page.items.push_back(discussion_from_row(r.row(i)));
  return page;
}

std::optional<DiscussionRecord> PgDiscussionStore::find(std::string_view repo, int64_t num) {
  auto r = db_.connection()->query(
      std::string("SELECT ") + kDiscussionColumns + " FROM discussions WHERE repo = $1 AND num = $2",
      PgParams::of(repo, num));
  if (r.empty()) return std::nullopt;
  return discussion_from_row(r.row(0));
}

DiscussionRecord PgDiscussionStore::create(DiscussionRecord d, int64_t min_num,
                                           std::vector<DiscussionEventRecord> events) {
  auto c = db_.connection();
  PgTransaction tx(*c);
  // One creator per repo at a time, on every node: the highest num read next is then final.
  c->query("SELECT pg_advisory_xact_lock(hashtext('discussions'), hashtext($1))", PgParams::of(d.repo));
  auto highest = c->query("SELECT coalesce(max(num), 0) FROM discussions WHERE repo = $1", PgParams::of(d.repo));
  d.num = std::max(highest.row(0).int64(0) + 1, min_num);
  auto inserted = c->query(
      "INSERT INTO discussions(repo, num, object_id, is_pull_request, title, status, author, created_at, "
      "last_activity_at, target_ref, merge_commit) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) "
      "RETURNING rowid",
      PgParams::of(d.repo, d.num, d.object_id, d.is_pull_request, d.title, int64_t(d.status), d.author, d.created_at_ms,
                   d.last_activity_ms, d.target_ref, d.merge_commit));
  d.rowid = inserted.row(0).int64(0);
  insert_events(*c, d.rowid, events);
  tx.commit();
  return d;
}

void PgDiscussionStore::update(const DiscussionRecord& d, std::vector<DiscussionEventRecord> events) {
  auto c = db_.connection();
  PgTransaction tx(*c);
  auto r = c->query(
      "UPDATE discussions SET title = $1, status = $2, last_activity_at = $3, merge_commit = $4 WHERE rowid = $5",
      PgParams::of(d.title, int64_t(d.status), d.last_activity_ms, d.merge_commit, d.rowid));
  if (r.affected() == 0) throw StoreError("discussion " + std::to_string(d.num) + " is gone");
  insert_events(*c, d.rowid, events);
  tx.commit();
}

std::vector<DiscussionEventRecord> PgDiscussionStore::events(int64_t discussion) {
  auto r = db_.connection()->query(
      std::string("SELECT ") + kDiscussionEventColumns + " FROM discussion_events WHERE discussion = $1 ORDER BY rowid",
      PgParams::of(discussion));
  std::vector<DiscussionEventRecord> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(discussion_event_from_row(r.row(i)));
  return out;
}

std::optional<DiscussionEventRecord> PgDiscussionStore::event(int64_t discussion, std::string_view object_id) {
  auto r = db_.connection()->query(std::string("SELECT ") + kDiscussionEventColumns +
                                       " FROM discussion_events WHERE discussion = $1 AND object_id = $2",
                                   PgParams::of(discussion, object_id));
  if (r.empty()) return std::nullopt;
  return discussion_event_from_row(r.row(0));
}

void PgDiscussionStore::update_event(const DiscussionEventRecord& e, int64_t activity_ms) {
  auto c = db_.connection();
  PgTransaction tx(*c);
  c->query("UPDATE discussion_events SET data = $1 WHERE rowid = $2", PgParams::of(e.data_json, e.rowid));
  c->query("UPDATE discussions SET last_activity_at = greatest(last_activity_at, $1) WHERE rowid = $2",
           PgParams::of(activity_ms, e.discussion));
  tx.commit();
}

}  // namespace hfhub::server
