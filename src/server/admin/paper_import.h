#pragma once
// Imports paper metadata (docs/papers.md#import): JSON Lines, one paper per line, with `id` (an
// arXiv id), `title`, `authors` (names, or objects with a `name`), `summary` and `publishedAt`;
// optionally `upvotes`, and `submittedOnDailyAt` with `submittedBy` for the daily list. Every
// line is checked first: one bad line imports nothing and every bad line is reported with its
// number. A good file is upserted in one transaction, so importing it again changes nothing.
#include <cstdint>
#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "server/admin/catalog_import.h"  // ImportError
#include "server/stores/paper_store.h"

namespace hfhub::server {

struct PaperImportReport {
  int64_t lines = 0;  // non-blank lines read
  int64_t imported = 0;
  int64_t rejected = 0;             // every bad line, including those beyond max_messages
  std::vector<ImportError> errors;  // the first max_messages of them
};

PaperImportReport import_papers_jsonl(PaperStore& papers, std::istream& in, size_t max_messages = 100);

// One line to a record (its id without the version), or nullopt with the reason in `error`.
std::optional<PaperRecord> parse_paper_line(std::string_view line, std::string& error);

}  // namespace hfhub::server
