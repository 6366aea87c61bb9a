#pragma once
// Papers in PostgreSQL (table papers, docs/papers.md#storage): search reads the generated
// tsvector column through its GIN index.
#include "server/stores/paper_store.h"
#include "server/stores/postgres/pg_database.h"

namespace hfhub::server {

class PgPaperStore final : public PaperStore {
 public:
  explicit PgPaperStore(PgDatabase& db) : db_(db) {}

  void upsert_papers(const std::vector<PaperRecord>& papers) override;
  std::optional<PaperRecord> find_paper(std::string_view id) override;
  std::vector<PaperRecord> search_papers(std::span<const std::string> words, size_t limit) override;
  std::vector<PaperRecord> recent_papers(size_t limit) override;
  std::vector<PaperRecord> daily_papers(const DailyPaperQuery& query) override;

 private:
  PgDatabase& db_;
};

}  // namespace hfhub::server
