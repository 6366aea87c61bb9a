#pragma once
// A paper's row as both engines store and select it (docs/papers.md#storage), and its reader (a
// template over the engine's row type). The authors are one text column, a name per line: a
// name never holds a line break (the importer checks).
#include <string>
#include <string_view>
#include <vector>

#include "common/split.h"
#include "server/stores/paper_store.h"

namespace hfhub::server {

// The columns of a paper as alias `p`, in paper_from_row's order.
inline constexpr const char* kPaperColumns =
    "p.id, p.title, p.authors, p.summary, p.published_at, p.upvotes, p.submitted_at, p.submitted_by";

inline std::string join_paper_authors(const std::vector<std::string>& authors) {
  std::string out;
  for (auto& a : authors) {
    if (!out.empty()) out += '\n';
    out += a;
  }
  return out;
}

inline std::vector<std::string> split_paper_authors(std::string_view stored) {
  std::vector<std::string> out;
  if (stored.empty()) return out;  // no authors, rather than one empty name
  for (auto name : split(stored, '\n')) out.emplace_back(name);
  return out;
}

template <class Row>
PaperRecord paper_from_row(const Row& row) {
  PaperRecord p;
  p.id = row.text(0);
  p.title = row.text(1);
  p.authors = split_paper_authors(row.text(2));
  p.summary = row.text(3);
  p.published_at_ms = row.int64(4);
  p.upvotes = row.int64(5);
  p.submitted_at_ms = row.optional_int64(6);
  p.submitted_by = row.optional_text(7).value_or("");
  return p;
}

}  // namespace hfhub::server
