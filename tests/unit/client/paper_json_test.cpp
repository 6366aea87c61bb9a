// Paper objects and daily entries as huggingface_hub's PaperInfo reads them (docs/papers.md), into
// libhfhub's PaperInfo.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "client/api/papers.h"

namespace hfhub::client {
namespace {

TEST(PaperJson, PaperInfoObject) {
  auto v = boost::json::parse(R"({"id":"2401.00101","authors":[{"name":"Ada","hidden":false},
    {"name":"Alan","user":{"user":"alan","fullname":"Alan T"},"status":"claimed_verified"}],
    "publishedAt":"2024-01-02T00:00:00.000Z","title":"T","summary":"S","upvotes":7,"discussionId":"d1",
    "submittedOnDailyAt":"2024-01-03T08:00:00.000Z","submittedOnDailyBy":{"user":"alice","fullname":"Alice"},
    "linkedModels":[{"id":"alice/m","_id":"x"}],"numTotalModels":1,"linkedDatasets":[],"numTotalDatasets":0,
    "githubRepo":"https://github.com/x/y","ai_keywords":["a","b"]})");
  auto p = parse_paper_info(v.as_object());
  EXPECT_EQ(p.id, "2401.00101");
  ASSERT_TRUE(p.authors);
  ASSERT_EQ(p.authors->size(), 2u);
  EXPECT_EQ(p.authors->at(1).user->name, "alan");
  EXPECT_EQ(p.authors->at(1).status, "claimed_verified");
  EXPECT_EQ(p.published_at, "2024-01-02T00:00:00.000Z");
  EXPECT_EQ(p.submitted_at, "2024-01-03T08:00:00.000Z");  // a bare paper names its submission
  EXPECT_EQ(p.submitted_by->name, "alice");
  EXPECT_EQ(p.upvotes, 7);
  EXPECT_EQ(p.discussion_id, "d1");
  EXPECT_EQ(p.comments, 0);
  ASSERT_TRUE(p.linked_models);
  EXPECT_EQ(p.linked_models->at(0).id, "alice/m");
  EXPECT_EQ(p.num_total_models, 1);
  EXPECT_TRUE(p.linked_datasets && p.linked_datasets->empty());
  EXPECT_FALSE(p.linked_spaces);
  EXPECT_EQ(p.github_repo, "https://github.com/x/y");
  EXPECT_EQ(p.ai_keywords->size(), 2u);
}

TEST(PaperJson, DailyEntryReadsThePaperAndTheSubmission) {
  auto v = boost::json::parse(R"({"paper":{"id":"2401.00102","authors":[{"name":"Grace"}],
    "publishedAt":"2024-01-05T00:00:00.000Z","summary":"inner","upvotes":12},
    "publishedAt":"2024-01-09T10:00:00.000Z","title":"Diffusion","summary":"outer","numComments":3,
    "submittedBy":{"user":"bob"}})");
  auto p = parse_paper_info(v.as_object());
  EXPECT_EQ(p.id, "2401.00102");
  EXPECT_EQ(p.title, "Diffusion");
  EXPECT_EQ(p.summary, "inner");  // the paper's own, as Python prefers
  EXPECT_EQ(p.published_at, "2024-01-05T00:00:00.000Z");
  EXPECT_EQ(p.submitted_at, "2024-01-09T10:00:00.000Z");
  EXPECT_EQ(p.submitted_by->name, "bob");
  EXPECT_EQ(p.upvotes, 12);
  EXPECT_EQ(p.comments, 3);
  EXPECT_FALSE(p.linked_models);
}

}  // namespace
}  // namespace hfhub::client
