#include "server/stores/postgres/pg_paper_store.h"

#include <string>

#include "server/stores/paper_columns.h"

namespace hfhub::server {

namespace {

// Every listing breaks ties by id byte by byte (COLLATE "C"), as SQLite's BINARY collation does,
// whatever the database's locale.
std::string select_papers(const char* rest) { return std::string("SELECT ") + kPaperColumns + " FROM papers p" + rest; }

std::vector<PaperRecord> all_rows(const PgResult& r) {
  std::vector<PaperRecord> out;
  out.reserve(size_t(r.rows()));
  for (int i = 0; i < r.rows(); ++i) out.push_back(paper_from_row(r.row(i)));
  return out;
}

// Every word as a quoted prefix lexeme, all required ('vision':* & 'language':*). Inside the
// quotes a word is only text: a quote or backslash in it is escaped, so it is never an operator.
std::string tsquery_prefixes(std::span<const std::string> words) {
  std::string out;
  for (auto& word : words) {
    if (!out.empty()) out += " & ";
    out += '\'';
    for (char ch : word) {
      if (ch == '\'' || ch == '\\') out += '\\';
      out += ch;
    }
    out += "':*";
  }
  return out;
}

}  // namespace

void PgPaperStore::upsert_papers(const std::vector<PaperRecord>& papers) {
  auto c = db_.connection();
  PgTransaction tx(*c);
  for (auto& p : papers) {
    PgParams params = PgParams::of(p.id, p.title, join_paper_authors(p.authors), p.summary, p.published_at_ms);
    params.add(p.upvotes).add(p.submitted_at_ms);
    if (p.submitted_by.empty())
      params.add_null();
    else
      params.add(p.submitted_by);
    c->query(
        "INSERT INTO papers(id, title, authors, summary, published_at, upvotes, submitted_at, submitted_by) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO UPDATE SET title = excluded.title, "
        "authors = excluded.authors, summary = excluded.summary, published_at = excluded.published_at, "
        "upvotes = excluded.upvotes, submitted_at = excluded.submitted_at, submitted_by = excluded.submitted_by",
        params);
  }
  tx.commit();
}

std::optional<PaperRecord> PgPaperStore::find_paper(std::string_view id) {
  auto c = db_.connection();
  auto r = c->query(select_papers(" WHERE p.id = $1"), PgParams::of(id));
  if (r.empty()) return std::nullopt;
  return paper_from_row(r.row(0));
}

std::vector<PaperRecord> PgPaperStore::search_papers(std::span<const std::string> words, size_t limit) {
  if (words.empty()) return {};
  // 'simple': lower-cased words, no stemming and no stop words, as FTS5's unicode61 tokenizer.
  auto c = db_.connection();
  return all_rows(c->query(select_papers(", to_tsquery('simple', $1) q WHERE p.search @@ q "
                                         "ORDER BY ts_rank(p.search, q) DESC, p.published_at DESC, p.id COLLATE \"C\" "
                                         "LIMIT $2"),
                           PgParams::of(tsquery_prefixes(words), int64_t(limit))));
}

std::vector<PaperRecord> PgPaperStore::recent_papers(size_t limit) {
  auto c = db_.connection();
  return all_rows(c->query(select_papers(" ORDER BY p.published_at DESC, p.id COLLATE \"C\" LIMIT $1"),
                           PgParams::of(int64_t(limit))));
}

std::vector<PaperRecord> PgPaperStore::daily_papers(const DailyPaperQuery& q) {
  // Trending has no time decay here: upvotes, then the newest submission (docs/papers.md#daily-papers).
  // The submitter compares case-insensitively, as SQLite's NOCASE does.
  std::string sql = select_papers(
      " WHERE p.submitted_at IS NOT NULL AND ($1::bigint IS NULL OR p.submitted_at >= $1) "
      "AND ($2::bigint IS NULL OR p.submitted_at < $2) AND ($3::text = '' OR lower(p.submitted_by) = lower($3)) ");
  sql += q.sort == DailySort::Trending ? "ORDER BY p.upvotes DESC, p.submitted_at DESC, p.id COLLATE \"C\""
                                       : "ORDER BY p.submitted_at DESC, p.id COLLATE \"C\"";
  sql += " LIMIT $4 OFFSET $5";
  auto c = db_.connection();
  return all_rows(c->query(sql, PgParams::of(q.from_ms, q.to_ms, q.submitter, int64_t(q.limit), int64_t(q.offset))));
}

}  // namespace hfhub::server
