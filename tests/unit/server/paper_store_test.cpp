// The SQLite papers table, its FTS5 index and the JSONL importer pass the contract every engine's
// paper store passes; and how the service cuts a query into words.
#include <gtest/gtest.h>

#include "../../store_contract/paper_store_contract.h"
#include "server/papers/paper_service.h"
#include "sqlite_store_engine.h"

namespace hfhub::server {

namespace contract {
INSTANTIATE_TYPED_TEST_SUITE_P(Sqlite, PaperStoreContract, SqliteStoreEngine);
}  // namespace contract

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
