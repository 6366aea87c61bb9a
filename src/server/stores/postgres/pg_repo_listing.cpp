// Listing pages of the repo catalog on PostgreSQL: the same access paths as SQLite's
// (sqlite_repo_listing.cpp), written so PostgreSQL's planner finds them without hints: keyset
// pages compare (sort key, object_id) as a row, which a backward scan of the sort index answers;
// a tag filter on createdAt or likes drives from that tag's rows in repo_tags (already in page
// order, and carrying the repo's id_lower that `search` tests first); `search` is a LIKE on
// repos.id_lower that the pg_trgm index answers for a rare term. EXPLAIN output of each is in
// docs/deployment.md#metadata-on-postgresql.
#include <algorithm>
#include <cmath>

#include "server/stores/postgres/pg_repo_rows.h"
#include "server/stores/postgres/pg_repo_store.h"

namespace hfhub::server {

namespace {

enum class Plan { SortIndex, TagSorted, RarestTag };

struct SortAccess {
  const char* column;
  bool tag_rows_carry_it;  // repo_tags holds a copy (repo_tags_by_created, repo_tags_by_likes)
};

SortAccess sort_access(RepoSort s) {
  switch (s) {
    case RepoSort::CreatedAt:
      return {"created_at", true};
    case RepoSort::LastModified:
      return {"last_modified", false};
    case RepoSort::Downloads:
      return {"downloads", false};
    case RepoSort::Likes:
      return {"likes", true};
    case RepoSort::TrendingScore:
      return {"trending_score", false};
  }
  return {"last_modified", false};
}

// `%`, `_` and `\` of a search term match themselves in LIKE.
std::string like_pattern(std::string_view term) {
  std::string out = "%";
  for (char c : term) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out + "%";
}

// The SQL of one page and its parameters, built together so the numbering cannot drift.
struct ListingSql {
  std::string sql;
  PgParams params;
  // The placeholder of the parameter added next.
  std::string next() const {
    std::string placeholder(1, '$');
    placeholder += std::to_string(params.size() + 1);
    return placeholder;
  }
};

void add_filters(ListingSql& s, const RepoQuery& q, bool by_tag, const std::string& driving_tag) {
  if (q.author) {
    s.sql += " AND lower(r.author) = lower(" + s.next() + ")";
    s.params.add(*q.author);
  }
  if (q.private_namespaces.empty()) {
    s.sql += " AND NOT r.private";
  } else {
    s.sql += " AND (NOT r.private OR lower(r.author) IN (";
    for (size_t i = 0; i < q.private_namespaces.size(); ++i) {
      s.sql += (i ? ", lower(" : "lower(") + s.next() + ")";
      s.params.add(q.private_namespaces[i]);
    }
    s.sql += "))";
  }
  if (q.pipeline_tag) {
    s.sql += " AND r.pipeline_tag = " + s.next();
    s.params.add(*q.pipeline_tag);
  }
  if (q.gated) s.sql += *q.gated ? " AND r.gated <> 0" : " AND r.gated = 0";
  if (q.is_private) s.sql += *q.is_private ? " AND r.private" : " AND NOT r.private";
  if (!q.search_lower.empty()) {
    const std::string pattern = s.next();
    s.params.add(like_pattern(q.search_lower));
    // Where a tag's rows drive, each carries its repo's id_lower (migration 4): tested on the row
    // the tag's index walk reads, only matches probe repos. The test on r stays: the planner
    // estimates the term from repos' statistics, and for a rare term finds its repos first through
    // the trigram index. coalesce (a no-op: id_lower is NOT NULL) makes the tag row's test opaque
    // to the estimator (0.5), which would otherwise count the same LIKE twice and take a term of 1
    // in 40 for a rare one (the trigram path: 30 ms instead of 2 at 300k models); the tag row's
    // test alone made it read all of a common tag's rows for most terms (170 ms).
    if (by_tag) s.sql += " AND coalesce(t0.id_lower LIKE " + pattern + ", false)";
    s.sql += " AND r.id_lower LIKE " + pattern;
  }
  for (auto& t : q.tags) {
    if (by_tag && t == driving_tag) continue;
    s.sql += " AND EXISTS (SELECT 1 FROM repo_tags t WHERE t.repo = r.rowid AND t.tag = " + s.next() + ")";
    s.params.add(t);
  }
}

void add_keyset(ListingSql& s, const RepoQuery& q, const std::string& col, const std::string& tie) {
  if (!q.after) return;
  s.sql += " AND (" + col + ", " + tie + ") " + (q.ascending ? ">" : "<") + " (" + s.next();
  if (q.sort == RepoSort::TrendingScore)
    s.params.add(q.after->sort_value);
  else
    s.params.add(int64_t(q.after->sort_value));
  s.sql += ", " + s.next() + ")";
  s.params.add(q.after->object_id);
}

// `walk_cap` > 0 (TagSorted only): the page is looked for among the first `walk_cap` rows of the
// driving tag after the cursor, in page order, instead of among all of them (scan_repos says why).
ListingSql listing_sql(const RepoQuery& q, Plan plan, const std::string& driving_tag, int64_t walk_cap = 0) {
  const RepoWideColumns wide{q.include_siblings, q.include_card_data, q.include_config, q.include_extra};
  ListingSql s;
  bool by_tag = plan != Plan::SortIndex;
  std::string order_table = plan == Plan::TagSorted ? "t0" : "r";
  const std::string col = order_table + "." + sort_access(q.sort).column;
  const std::string tie = order_table + ".object_id";
  const char* dir = q.ascending ? " ASC" : " DESC";
  const std::string order_by = " ORDER BY " + col + dir + ", " + tie + dir;
  s.sql = "SELECT " + repo_select_list(wide);
  if (walk_cap > 0) {
    s.sql +=
        " FROM (SELECT t0.repo, t0.created_at, t0.likes, t0.object_id, t0.id_lower FROM repo_tags t0"
        " WHERE t0.type = $1 AND t0.tag = $2";
    s.params.add(int64_t(q.type)).add(driving_tag);
    add_keyset(s, q, col, tie);
    s.sql += order_by + " LIMIT " + s.next() + ") t0 JOIN repos r ON r.rowid = t0.repo WHERE TRUE";
    s.params.add(walk_cap);
    add_filters(s, q, by_tag, driving_tag);
  } else {
    if (by_tag) {
      s.sql += " FROM repo_tags t0 JOIN repos r ON r.rowid = t0.repo WHERE t0.type = $1 AND t0.tag = $2";
      s.params.add(int64_t(q.type)).add(driving_tag);
    } else {
      s.sql += " FROM repos r WHERE r.type = $1";
      s.params.add(int64_t(q.type));
    }
    add_filters(s, q, by_tag, driving_tag);
    add_keyset(s, q, col, tie);
  }
  s.sql += order_by + " LIMIT " + s.next();
  s.params.add(int64_t(q.limit));
  return s;
}

// How many of the driving tag's rows a search looks through on its planned-once attempt: enough
// for a page when about 1 row in 8 matches.
int64_t search_walk_cap(size_t limit) { return std::clamp<int64_t>(8 * int64_t(limit), 256, 4096); }

}  // namespace

int64_t PgRepoStore::tag_count(PgConnection& c, RepoType type, const std::string& tag) {
  auto r = c.query("SELECT n FROM tag_counts WHERE type = $1 AND tag = $2", PgParams::of(int64_t(type), tag));
  return r.empty() ? 0 : r.row(0).int64(0);
}

void PgRepoStore::scan_repos(const RepoQuery& q, const std::function<void(const RepoRowView&)>& visit) {
  PgResult rows;
  {
    auto c = db_.connection();
    // With a tag filter the rarest tag drives, as on SQLite: where its rows carry the sort key,
    // walking them in order finds the page in the fewest rows; otherwise reading and sorting its
    // rows wins over walking the sort index when it has few enough.
    Plan plan = Plan::SortIndex;
    std::string driving_tag;
    if (q.tags.size() == 1 && !q.author && sort_access(q.sort).tag_rows_carry_it) {
      // One tag whose rows carry the sort key: its rows drive whatever their number, so the
      // counts that choose between tags and plans would be two round trips for nothing.
      plan = Plan::TagSorted;
      driving_tag = q.tags.front();
    } else if (!q.tags.empty() && !q.author) {
      int64_t best = -1;
      for (auto& t : q.tags) {
        int64_t n = tag_count(*c, q.type, t);
        if (best < 0 || n < best) best = n, driving_tag = t;
      }
      if (best == 0) return;
      double scan_cost = double(q.limit + 1) * double(count_repos(q.type)) / double(best);
      double sort_cost = double(best) * std::max(1.0, std::log2(double(best)));
      if (sort_access(q.sort).tag_rows_carry_it)
        plan = Plan::TagSorted;
      else if (sort_cost < scan_cost)
        plan = Plan::RarestTag;
    }
    if (plan == Plan::TagSorted && !q.search_lower.empty()) {
      // A search within a tag: PostgreSQL plans it on every call, for the term's sake (a rare
      // one is best found through the trigram index); planning was half of its cost at 3M. The
      // first attempt, planned once, walks a bounded prefix of the tag's rows: when it fills the
      // page, those are the page's rows (the rest of the tag comes after them in page order);
      // otherwise (a rare term, or the tag's last page) the planned statement answers.
      auto capped = listing_sql(q, plan, driving_tag, search_walk_cap(q.limit));
      rows = c->query(capped.sql, capped.params, PgPlan::Generic);
    }
    if (rows.rows() < int64_t(q.limit)) {
      auto s = listing_sql(q, plan, driving_tag);
      // One plan for every call where the statement's shape fixes the access path: a walk of the
      // driving tag's rows in page order, or of the sort index with no filter whose values could
      // make another index better. Elsewhere the values matter, so PostgreSQL plans for them: a
      // rare search term is best found through the trigram index (with a tag too), a rare tag's
      // rows best read whole and sorted.
      bool path_chosen = q.search_lower.empty() && !q.author &&
                         (plan == Plan::TagSorted || (plan == Plan::SortIndex && q.tags.empty()));
      rows = c->query(s.sql, s.params, path_chosen ? PgPlan::Generic : PgPlan::Auto);
    }
  }
  // The connection is back in the pool: the visitor may call other stores.
  std::vector<Sibling> siblings;
  for (int i = 0; i < rows.rows(); ++i) visit(read_pg_repo_row(rows.row(i), q.include_siblings ? &siblings : nullptr));
}

std::vector<std::pair<std::string, int64_t>> PgRepoStore::tag_counts(RepoType type) {
  auto c = db_.connection();
  auto r = c->query("SELECT tag, n FROM tag_counts WHERE type = $1 AND n > 0 ORDER BY n DESC, tag COLLATE \"C\"",
                    PgParams::of(int64_t(type)));
  std::vector<std::pair<std::string, int64_t>> out;
  out.reserve(size_t(r.rows()));
  for (int i = 0; i < r.rows(); ++i) out.emplace_back(r.row(i).text(0), r.row(i).int64(1));
  return out;
}

int64_t PgRepoStore::count_repos(RepoType type) {
  auto c = db_.connection();
  auto r = c->query("SELECT n FROM repo_counts WHERE type = $1", PgParams::of(int64_t(type)));
  return r.empty() ? 0 : r.row(0).int64(0);
}

}  // namespace hfhub::server
