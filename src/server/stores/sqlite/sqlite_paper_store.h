#pragma once
#include "server/stores/paper_store.h"
#include "server/stores/sqlite/sqlite_database.h"

namespace hfhub::server {

class SqlitePaperStore final : public PaperStore {
 public:
  explicit SqlitePaperStore(SqliteDatabase& db) : db_(db) {}

  void upsert_papers(const std::vector<PaperRecord>& papers) override;
  std::optional<PaperRecord> find_paper(std::string_view id) override;
  std::vector<PaperRecord> search_papers(std::span<const std::string> words, size_t limit) override;
  std::vector<PaperRecord> recent_papers(size_t limit) override;
  std::vector<PaperRecord> daily_papers(const DailyPaperQuery& query) override;

 private:
  SqliteDatabase& db_;
};

}  // namespace hfhub::server
