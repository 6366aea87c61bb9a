#include "server/stores/sqlite/sqlite_paper_store.h"

#include <string>

#include "server/stores/paper_columns.h"

namespace hfhub::server {

namespace {

// Every word as a quoted prefix, all required: a quoted word holds no FTS5 operator (a quote
// inside is doubled, FTS5's escape).
std::string fts5_prefix_query(std::span<const std::string> words) {
  std::string out;
  for (auto& word : words) {
    if (!out.empty()) out += ' ';
    out += '"';
    for (char ch : word) {
      if (ch == '"') out += '"';
      out += ch;
    }
    out += "\"*";
  }
  return out;
}

std::vector<PaperRecord> all_rows(SqliteStatement& st) {
  std::vector<PaperRecord> out;
  while (st.step()) out.push_back(paper_from_row(st));
  st.reset();
  return out;
}

}  // namespace

void SqlitePaperStore::upsert_papers(const std::vector<PaperRecord>& papers) {
  auto& c = db_.connection();
  SqliteTransaction tx(c);
  auto& st = c.cached(
      "INSERT INTO papers(id, title, authors, summary, published_at, upvotes, submitted_at, submitted_by) "
      "VALUES (?,?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET title = excluded.title, authors = excluded.authors, "
      "summary = excluded.summary, published_at = excluded.published_at, upvotes = excluded.upvotes, "
      "submitted_at = excluded.submitted_at, submitted_by = excluded.submitted_by");
  for (auto& p : papers) {
    auto authors = join_paper_authors(p.authors);
    st.bind(1, std::string_view(p.id)).bind(2, std::string_view(p.title)).bind(3, std::string_view(authors));
    st.bind(4, std::string_view(p.summary));
    st.bind(5, p.published_at_ms).bind(6, p.upvotes).bind(7, p.submitted_at_ms);
    if (p.submitted_by.empty())
      st.bind_null(8);
    else
      st.bind(8, std::string_view(p.submitted_by));
    st.run();
    st.reset();
  }
  tx.commit();
}

std::optional<PaperRecord> SqlitePaperStore::find_paper(std::string_view id) {
  auto& st = db_.connection().cached(std::string("SELECT ") + kPaperColumns + " FROM papers p WHERE p.id = ?");
  st.bind(1, id);
  std::optional<PaperRecord> out;
  if (st.step()) out = paper_from_row(st);
  st.reset();
  return out;
}

std::vector<PaperRecord> SqlitePaperStore::search_papers(std::span<const std::string> words, size_t limit) {
  if (words.empty()) return {};
  const std::string match = fts5_prefix_query(words);
  auto& st = db_.connection().cached(std::string("SELECT ") + kPaperColumns +
                                     " FROM papers_fts f JOIN papers p ON p.rowid = f.rowid WHERE papers_fts MATCH ? "
                                     "ORDER BY f.rank, p.published_at DESC, p.id LIMIT ?");
  st.bind(1, std::string_view(match)).bind(2, int64_t(limit));
  return all_rows(st);
}

std::vector<PaperRecord> SqlitePaperStore::recent_papers(size_t limit) {
  auto& st = db_.connection().cached(std::string("SELECT ") + kPaperColumns +
                                     " FROM papers p ORDER BY p.published_at DESC, p.id LIMIT ?");
  st.bind(1, int64_t(limit));
  return all_rows(st);
}

std::vector<PaperRecord> SqlitePaperStore::daily_papers(const DailyPaperQuery& q) {
  // Trending has no time decay here: upvotes, then the newest submission (docs/papers.md#daily-papers).
  std::string order =
      q.sort == DailySort::Trending ? "p.upvotes DESC, p.submitted_at DESC, p.id" : "p.submitted_at DESC, p.id";
  auto& st = db_.connection().cached(std::string("SELECT ") + kPaperColumns +
                                     " FROM papers p WHERE p.submitted_at IS NOT NULL "
                                     "AND (?1 IS NULL OR p.submitted_at >= ?1) AND (?2 IS NULL OR p.submitted_at < ?2) "
                                     "AND (?3 = '' OR p.submitted_by = ?3 COLLATE NOCASE) ORDER BY " +
                                     order + " LIMIT ?4 OFFSET ?5");
  st.bind(1, q.from_ms).bind(2, q.to_ms).bind(3, std::string_view(q.submitter));
  st.bind(4, int64_t(q.limit)).bind(5, int64_t(q.offset));
  return all_rows(st);
}

}  // namespace hfhub::server
