#pragma once
// Persistence of papers (docs/papers.md#storage): the metadata `hfhubd admin papers import` loads,
// with a full-text index over title, summary and authors for search.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace hfhub::server {

struct PaperRecord {
  std::string id;  // the arXiv id, as imported
  std::string title;
  std::vector<std::string> authors;  // names, in the paper's order
  std::string summary;
  int64_t published_at_ms = 0;
  int64_t upvotes = 0;
  // Set for papers on the daily list: when, and by whom (a user name, maybe without an account).
  std::optional<int64_t> submitted_at_ms;
  std::string submitted_by;
};

enum class DailySort { PublishedAt, Trending };

// A page of the daily list: papers submitted in [from_ms, to_ms) (unset: any time).
struct DailyPaperQuery {
  std::optional<int64_t> from_ms;
  std::optional<int64_t> to_ms;
  std::string submitter;  // empty: anyone
  DailySort sort = DailySort::PublishedAt;
  size_t offset = 0;
  size_t limit = 50;
};

class PaperStore {
 public:
  virtual ~PaperStore() = default;

  // Inserts or replaces each paper by id, all in one transaction.
  virtual void upsert_papers(const std::vector<PaperRecord>& papers) = 0;
  virtual std::optional<PaperRecord> find_paper(std::string_view id) = 0;
  // The papers with a word starting with each of `words` (case folded) in their title, summary
  // or authors; best matches first, then the newest. A word is only text to look for, never an
  // operator of the engine's query language.
  virtual std::vector<PaperRecord> search_papers(std::span<const std::string> words, size_t limit) = 0;
  // Newest published first (a search without a query).
  virtual std::vector<PaperRecord> recent_papers(size_t limit) = 0;
  virtual std::vector<PaperRecord> daily_papers(const DailyPaperQuery& query) = 0;
};

}  // namespace hfhub::server
