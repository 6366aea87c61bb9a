// The SQLite papers table, its FTS5 index and the JSONL importer: the shared cases
// (tests/stores/paper_store_cases.h), and how the service cuts a query into words.
#include <gtest/gtest.h>

#include "paper_store_cases.h"
#include "server/papers/paper_service.h"
#include "sqlite_store_engine.h"

namespace hfhub::server {

INSTANTIATE_TYPED_TEST_SUITE_P(Sqlite, PaperStoreCases, SqliteStoreEngine);

namespace {

using Words = std::vector<std::string>;

TEST(PaperSearchWords, WordsAreLettersAndDigitsAndOperatorsSeparate) {
  EXPECT_EQ(PaperService::search_words("vision  language"), (Words{"vision", "language"}));
  EXPECT_EQ(PaperService::search_words(R"(a" OR b*)"), (Words{"a", "OR", "b"}));
  EXPECT_EQ(PaperService::search_words("gpt-4 caf\xc3\xa9"), (Words{"gpt", "4", "caf\xc3\xa9"}));
  EXPECT_TRUE(PaperService::search_words("-- !!").empty());
}

}  // namespace
}  // namespace hfhub::server
