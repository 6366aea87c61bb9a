#pragma once
// What every PaperStore does (docs/papers.md#storage): imports as upserts with the search index
// following, word-prefix search over title, summary and authors, and the daily list. An engine
// type gives papers().
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "server/admin/paper_import.h"
#include "server/stores/paper_store.h"

namespace hfhub::server::contract {

inline PaperRecord make_paper(std::string id, std::string title, std::string summary, int64_t published_at_ms) {
  PaperRecord p;
  p.id = std::move(id);
  p.title = std::move(title);
  p.authors = {"Ada Lovelace"};
  p.summary = std::move(summary);
  p.published_at_ms = published_at_ms;
  return p;
}

template <class Engine>
class PaperStoreContract : public ::testing::Test {
 protected:
  Engine engine_;
  PaperStore& papers_ = engine_.papers();

  PaperImportReport import(const std::string& text) {
    std::istringstream in(text);
    return import_papers_jsonl(papers_, in);
  }
  size_t found(std::vector<std::string> words) { return papers_.search_papers(words, 10).size(); }
  std::vector<std::string> ids(const std::vector<PaperRecord>& papers) {
    std::vector<std::string> out;
    for (auto& p : papers) out.push_back(p.id);
    return out;
  }
};
TYPED_TEST_SUITE_P(PaperStoreContract);

TYPED_TEST_P(PaperStoreContract, ImportIsAnUpsertAndUpdatesTheIndex) {
  auto& papers = this->papers_;
  auto r = this->import(
      R"({"id":"2401.00001v3","title":"Attention Is Plenty","authors":["A B","C D"],"summary":"s","publishedAt":"2024-01-01"})");
  ASSERT_EQ(r.rejected, 0) << r.errors.at(0).reason;
  EXPECT_EQ(r.imported, 1);
  auto p = papers.find_paper("2401.00001");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->title, "Attention Is Plenty");
  EXPECT_EQ(p->authors, (std::vector<std::string>{"A B", "C D"}));
  EXPECT_EQ(p->summary, "s");
  EXPECT_EQ(p->published_at_ms, 1704067200000);
  EXPECT_EQ(p->upvotes, 0);
  EXPECT_FALSE(p->submitted_at_ms);
  EXPECT_TRUE(p->submitted_by.empty());
  EXPECT_FALSE(papers.find_paper("2401.00009"));
  EXPECT_EQ(this->found({"plenty"}), 1u);
  EXPECT_EQ(this->found({"PLENTY"}), 1u);  // case folded

  // Again, retitled: the same row, and the index forgets the old words.
  this->import(
      R"({"id":"2401.00001","title":"Convolutions Suffice","authors":["A B"],"summary":"s","publishedAt":"2024-01-01","upvotes":3})");
  EXPECT_EQ(papers.find_paper("2401.00001")->title, "Convolutions Suffice");
  EXPECT_EQ(papers.find_paper("2401.00001")->upvotes, 3);
  EXPECT_EQ(papers.recent_papers(10).size(), 1u);
  EXPECT_EQ(this->found({"plenty"}), 0u);
  EXPECT_EQ(this->found({"convol"}), 1u);       // a prefix
  EXPECT_EQ(this->found({"a", "b"}), 1u);       // authors too
  EXPECT_EQ(this->found({"convol", "x"}), 0u);  // every word is required
}

TYPED_TEST_P(PaperStoreContract, ABadLineImportsNothing) {
  auto r = this->import(
      "{\"id\":\"2401.00002\",\"title\":\"t\",\"authors\":[\"a\"],\"summary\":\"s\",\"publishedAt\":\"2024-01-01\"}\n"
      "\n"
      "{\"id\":\"2401.00003\",\"title\":\"t\",\"authors\":[\"a\\nb\"],\"summary\":\"s\",\"publishedAt\":\"2024-01-01\"}"
      "\n"
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
  EXPECT_FALSE(this->papers_.find_paper("2401.00002"));
}

TYPED_TEST_P(PaperStoreContract, SearchWordsAreNeverOperatorsAndBestMatchesComeFirst) {
  auto& papers = this->papers_;
  // The stronger match is the older paper, so rank (not the date) puts it first.
  papers.upsert_papers({make_paper("2401.00001", "Diffusion Diffusion Diffusion", "diffusion models", 1000),
                        make_paper("2401.00002", "Other things", "a long summary that mentions diffusion once", 2000),
                        make_paper("2401.00003", "Attention Is Plenty", "s", 3000)});
  EXPECT_EQ(this->ids(papers.search_papers(std::vector<std::string>{"diffusion"}, 10)),
            (std::vector<std::string>{"2401.00001", "2401.00002"}));
  EXPECT_EQ(papers.search_papers(std::vector<std::string>{"diffusion"}, 1).size(), 1u);
  // An engine's operators are searched as words: "OR" is one more required word here.
  EXPECT_EQ(this->found({"attention", "OR", "diffusion"}), 0u);
  EXPECT_EQ(this->found({"attention", "NOT"}), 0u);
  EXPECT_EQ(this->found({"a\"b", "x'y", "back\\slash", "*", "&", "|", "!"}), 0u);
  EXPECT_EQ(this->found({"lovelace"}), 3u);
  // Punctuation separates words in the papers as in the query, whatever the engine's tokenizer.
  papers.upsert_papers({make_paper("2401.00004", "GPT-4 in model.py", "from 3.5 to 4, e.g. (a) [b] c_d", 4000)});
  for (auto words : {std::vector<std::string>{"gpt", "4"}, {"model", "py"}, {"3", "5"}, {"c", "d"}, {"e", "g"}})
    EXPECT_EQ(this->found(words), 1u) << words[0] << " " << words[1];
  EXPECT_TRUE(papers.search_papers({}, 10).empty());
}

TYPED_TEST_P(PaperStoreContract, RecentPapersAreNewestPublishedFirst) {
  auto& papers = this->papers_;
  papers.upsert_papers({make_paper("2401.00002", "b", "s", 1000), make_paper("2401.00001", "a", "s", 1000),
                        make_paper("2401.00003", "c", "s", 3000)});
  EXPECT_EQ(this->ids(papers.recent_papers(10)), (std::vector<std::string>{"2401.00003", "2401.00001", "2401.00002"}));
  EXPECT_EQ(papers.recent_papers(1).size(), 1u);
}

TYPED_TEST_P(PaperStoreContract, TheDailyListFiltersSortsAndPages) {
  auto& papers = this->papers_;
  auto on_list = [](std::string id, int64_t at, std::string by, int64_t upvotes) {
    auto p = make_paper(std::move(id), "t", "s", 1);
    p.submitted_at_ms = at;
    p.submitted_by = std::move(by);
    p.upvotes = upvotes;
    return p;
  };
  papers.upsert_papers({on_list("2401.00001", 100, "Bob", 5), on_list("2401.00002", 200, "carol", 1),
                        on_list("2401.00003", 300, "", 9), on_list("2401.00004", 200, "bob", 5),
                        make_paper("2401.00005", "not on the list", "s", 1)});
  DailyPaperQuery q;
  EXPECT_EQ(this->ids(papers.daily_papers(q)),
            (std::vector<std::string>{"2401.00003", "2401.00002", "2401.00004", "2401.00001"}));
  q.from_ms = 200;
  q.to_ms = 300;  // [from, to)
  EXPECT_EQ(this->ids(papers.daily_papers(q)), (std::vector<std::string>{"2401.00002", "2401.00004"}));
  q = DailyPaperQuery{.submitter = "BOB"};  // any case
  EXPECT_EQ(this->ids(papers.daily_papers(q)), (std::vector<std::string>{"2401.00004", "2401.00001"}));
  EXPECT_EQ(papers.daily_papers(q).front().submitted_by, "bob");
  q = DailyPaperQuery{.sort = DailySort::Trending, .offset = 1, .limit = 2};
  EXPECT_EQ(this->ids(papers.daily_papers(q)), (std::vector<std::string>{"2401.00004", "2401.00001"}));
  EXPECT_FALSE(papers.find_paper("2401.00005")->submitted_at_ms);
}

REGISTER_TYPED_TEST_SUITE_P(PaperStoreContract, ImportIsAnUpsertAndUpdatesTheIndex, ABadLineImportsNothing,
                            SearchWordsAreNeverOperatorsAndBestMatchesComeFirst, RecentPapersAreNewestPublishedFirst,
                            TheDailyListFiltersSortsAndPages);

}  // namespace hfhub::server::contract
