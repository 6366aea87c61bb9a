// Listing pages of the repo catalog: the access path per query, its SQL, and the page scan.
#include <algorithm>
#include <cmath>

#include "server/stores/sqlite/sqlite_repo_rows.h"
#include "server/stores/sqlite/sqlite_repo_store.h"

namespace hfhub::server {

namespace {

// The access path of a listing (see scan_repos).
enum class Plan { SortIndex, TagSorted, RarestTag, Author };

// Each sort key's column, the index that holds the repos in that order, and the repo_tags index
// that holds one tag's repos in that order (only the keys whose copies tag rows carry).
struct SortAccess {
  const char* column;
  const char* index;
  const char* tag_index;
};

SortAccess sort_access(RepoSort s) {
  switch (s) {
    case RepoSort::CreatedAt:
      return {"created_at", "repos_by_created", "repo_tags_by_created"};
    case RepoSort::LastModified:
      return {"last_modified", "repos_by_modified", nullptr};
    case RepoSort::Downloads:
      return {"downloads", "repos_by_downloads", nullptr};
    case RepoSort::Likes:
      return {"likes", "repos_by_likes", "repo_tags_by_likes"};
    case RepoSort::TrendingScore:
      return {"trending_score", "repos_by_trending", nullptr};
  }
  return {"last_modified", "repos_by_modified", nullptr};
}

// The FROM clause, and the table the sort key and tie-breaker are read from: the driving tag's
// row for TagSorted, so that ORDER BY follows its index.
std::string from_clause(const RepoQuery& q, Plan plan, std::string& order_table) {
  order_table = "r";
  switch (plan) {
    case Plan::SortIndex:
      return std::string(" FROM repos r INDEXED BY ") + sort_access(q.sort).index;
    case Plan::TagSorted:
      order_table = "t0";
      return std::string(" FROM repo_tags t0 INDEXED BY ") + sort_access(q.sort).tag_index + " CROSS JOIN repos r";
    case Plan::RarestTag:
      return " FROM repo_tags t0 CROSS JOIN repos r";
    case Plan::Author:
      return " FROM repos r INDEXED BY repos_by_author";
  }
  return {};
}

std::string list_repos_sql(const RepoQuery& q, Plan plan, const std::string& driving_tag) {
  const RepoWideColumns wide{q.include_siblings, q.include_card_data, q.include_config, q.include_extra};
  std::string order_table;
  std::string sql = "SELECT " + repo_select_list(wide) + from_clause(q, plan, order_table);
  bool by_tag = plan == Plan::TagSorted || plan == Plan::RarestTag;
  sql += by_tag ? " WHERE t0.type = ? AND t0.tag = ? AND r.rowid = t0.repo AND r.type = t0.type" : " WHERE r.type = ?";
  if (q.author) sql += " AND r.author = ?";
  if (q.private_namespaces.empty()) {
    sql += " AND r.private = 0";
  } else {
    sql += " AND (r.private = 0 OR r.author IN (";
    for (size_t i = 0; i < q.private_namespaces.size(); ++i) sql += i ? ",?" : "?";
    sql += "))";
  }
  if (q.pipeline_tag) sql += " AND r.pipeline_tag = ?";
  if (q.gated) sql += *q.gated ? " AND r.gated <> 0" : " AND r.gated = 0";
  if (q.is_private) sql += *q.is_private ? " AND r.private <> 0" : " AND r.private = 0";
  if (!q.search_lower.empty()) sql += " AND instr(r.id_lower, ?) > 0";
  for (auto& t : q.tags) {
    if (by_tag && t == driving_tag) continue;
    sql += " AND EXISTS (SELECT 1 FROM repo_tags t WHERE t.repo = r.rowid AND t.tag = ?)";
  }
  const std::string col = order_table + "." + sort_access(q.sort).column;
  const std::string tie = order_table + ".object_id";
  const char* cmp = q.ascending ? ">" : "<";
  if (q.after) sql += " AND (" + col + " " + cmp + " ? OR (" + col + " = ? AND " + tie + " " + cmp + " ?))";
  const char* dir = q.ascending ? " ASC" : " DESC";
  sql += " ORDER BY " + col + dir + ", " + tie + dir + " LIMIT ?";
  return sql;
}

// Binds in the order list_repos_sql placed its parameters.
void bind_list_params(SqliteStatement& st, const RepoQuery& q, Plan plan, const std::string& driving_tag) {
  int i = 1;
  bool by_tag = plan == Plan::TagSorted || plan == Plan::RarestTag;
  st.bind(i++, int64_t(q.type));
  if (by_tag) st.bind(i++, std::string_view(driving_tag));
  if (q.author) st.bind(i++, std::string_view(*q.author));
  for (auto& ns : q.private_namespaces) st.bind(i++, std::string_view(ns));
  if (q.pipeline_tag) st.bind(i++, std::string_view(*q.pipeline_tag));
  if (!q.search_lower.empty()) st.bind(i++, std::string_view(q.search_lower));
  for (auto& t : q.tags) {
    if (by_tag && t == driving_tag) continue;
    st.bind(i++, std::string_view(t));
  }
  if (q.after) {
    for (int k = 0; k < 2; ++k) {
      if (q.sort == RepoSort::TrendingScore)
        st.bind(i++, q.after->sort_value);
      else
        st.bind(i++, int64_t(q.after->sort_value));
    }
    st.bind(i++, std::string_view(q.after->object_id));
  }
  st.bind(i++, int64_t(q.limit));
}

}  // namespace

int64_t SqliteRepoStore::tag_count(SqliteConnection& c, RepoType type, const std::string& tag) {
  auto& st = c.cached("SELECT n FROM tag_counts WHERE type = ? AND tag = ?");
  st.bind(1, int64_t(type)).bind(2, std::string_view(tag));
  int64_t n = st.step() ? st.int64(0) : 0;
  st.reset();
  return n;
}

void SqliteRepoStore::scan_repos(const RepoQuery& q, const std::function<void(const RepoRowView&)>& visit) {
  auto& c = db_.connection();
  // Pick the access path. With a tag filter, the rarest tag drives: where its rows are indexed
  // in the sort order, walking them finds `limit` matches in the fewest rows of all; otherwise
  // walking the sort index and testing each row finds them after about limit * N / matches
  // rows, and reading and sorting the rarest tag's rows touches `matches` rows: the cheaper wins.
  Plan plan = Plan::SortIndex;
  std::string driving_tag;
  if (q.author) {
    plan = Plan::Author;
  } else if (!q.tags.empty()) {
    int64_t best = -1;
    for (auto& t : q.tags) {
      int64_t n = tag_count(c, q.type, t);
      if (best < 0 || n < best) best = n, driving_tag = t;
    }
    if (best == 0) return;
    double scan_cost = double(q.limit + 1) * double(count_repos(q.type)) / double(best);
    double sort_cost = double(best) * std::max(1.0, std::log2(double(best)));
    if (sort_access(q.sort).tag_index)
      plan = Plan::TagSorted;
    else if (sort_cost < scan_cost)
      plan = Plan::RarestTag;
  }

  auto& st = c.cached(list_repos_sql(q, plan, driving_tag));
  bind_list_params(st, q, plan, driving_tag);
  std::vector<Sibling> siblings;
  try {
    while (st.step()) visit(read_repo_row(st, q.include_siblings ? &siblings : nullptr));
  } catch (...) {
    st.reset();  // a statement left on a row would hold this connection's read snapshot open
    throw;
  }
}

std::vector<std::pair<std::string, int64_t>> SqliteRepoStore::tag_counts(RepoType type) {
  auto& st = db_.connection().cached("SELECT tag, n FROM tag_counts WHERE type = ? AND n > 0 ORDER BY n DESC, tag");
  st.bind(1, int64_t(type));
  std::vector<std::pair<std::string, int64_t>> out;
  while (st.step()) out.emplace_back(st.text(0), st.int64(1));
  return out;
}

int64_t SqliteRepoStore::count_repos(RepoType type) {
  auto& st = db_.connection().cached("SELECT n FROM repo_counts WHERE type = ?");
  st.bind(1, int64_t(type));
  int64_t n = st.step() ? st.int64(0) : 0;
  st.reset();
  return n;
}

}  // namespace hfhub::server
