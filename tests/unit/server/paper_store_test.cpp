// The papers table, its full-text index and the JSONL importer (docs/papers.md#storage, #import).
#include <gtest/gtest.h>

#include <sstream>

#include "server/admin/paper_import.h"
#include "server/papers/paper_service.h"
#include "server/stores/sqlite/sqlite_paper_store.h"
#include "store_test_support.h"

namespace hfhub::server {
namespace {

class PaperStoreTest : public TempDatabaseTest {
 protected:
  SqlitePaperStore papers_{*temp_.db};

  PaperImportReport import(const std::string& text) {
    std::istringstream in(text);
    return import_papers_jsonl(papers_, in);
  }
};

TEST_F(PaperStoreTest, ImportIsAnUpsertAndUpdatesTheIndex) {
  auto r = import(R"({"id":"2401.00001v3","title":"Attention Is Plenty","authors":["A B","C D"],"summary":"s","publishedAt":"2024-01-01"})");
  ASSERT_EQ(r.rejected, 0) << r.errors.at(0).reason;
  EXPECT_EQ(r.imported, 1);
  auto p = papers_.find_paper("2401.00001");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->authors, (std::vector<std::string>{"A B", "C D"}));
  EXPECT_EQ(p->published_at_ms, 1704067200000);
  EXPECT_FALSE(p->submitted_at_ms);
  EXPECT_EQ(papers_.search_papers(PaperService::match_query("plenty"), 10).size(), 1u);

  // Again, retitled: the same row, and the index forgets the old words.
  import(R"({"id":"2401.00001","title":"Convolutions Suffice","authors":["A B"],"summary":"s","publishedAt":"2024-01-01","upvotes":3})");
  EXPECT_EQ(papers_.find_paper("2401.00001")->title, "Convolutions Suffice");
  EXPECT_EQ(papers_.recent_papers(10).size(), 1u);
  EXPECT_EQ(papers_.search_papers(PaperService::match_query("plenty"), 10).size(), 0u);
  EXPECT_EQ(papers_.search_papers(PaperService::match_query("convol"), 10).size(), 1u);  // a prefix
  EXPECT_EQ(papers_.search_papers(PaperService::match_query("a b"), 10).size(), 1u);     // authors too
}

TEST_F(PaperStoreTest, ABadLineImportsNothing) {
  auto r = import(
      "{\"id\":\"2401.00002\",\"title\":\"t\",\"authors\":[\"a\"],\"summary\":\"s\",\"publishedAt\":\"2024-01-01\"}\n"
      "\n"
      "{\"id\":\"2401.00003\",\"title\":\"t\",\"authors\":[\"a\\nb\"],\"summary\":\"s\",\"publishedAt\":\"2024-01-01\"}\n"
      "{\"id\":\"2401.00004\",\"title\":\"t\",\"authors\":[\"a\"],\"summary\":\"s\",\"publishedAt\":\"2024-01-01\","
      "\"submittedBy\":\"bob\"}\n");
  EXPECT_EQ(r.lines, 3);
  EXPECT_EQ(r.rejected, 2);
  ASSERT_EQ(r.errors.size(), 2u);
  EXPECT_EQ(r.errors[0].line, 3);
  EXPECT_EQ(r.errors[0].reason, "authors: name contains a line break");
  EXPECT_EQ(r.errors[1].line, 4);
  EXPECT_EQ(r.errors[1].reason, "submittedBy without submittedOnDailyAt");
  EXPECT_EQ(r.imported, 0);
  EXPECT_FALSE(papers_.find_paper("2401.00002"));
}

TEST(PaperMatchQuery, WordsArePrefixesAndOperatorsAreNot) {
  EXPECT_EQ(PaperService::match_query("vision  language"), R"("vision"* "language"*)");
  EXPECT_EQ(PaperService::match_query(R"(a" OR b*)"), R"("a"* "OR"* "b"*)");
  EXPECT_EQ(PaperService::match_query("-- !!"), "");
}

}  // namespace
}  // namespace hfhub::server
