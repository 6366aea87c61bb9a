// Papers against hfhubd (docs/papers.md): `hfhubd admin papers import`, the routes as the Hub
// shapes them, libhfhub's paper_info / list_papers / list_daily_papers, and `hfhub papers`.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <filesystem>
#include <fstream>

#include "raw_http.h"
#include "server_fixture.h"

namespace hfhub::testing {
namespace {

namespace json = boost::json;

std::string api(const std::string& path) { return shared_server().endpoint() + path; }

std::string write_file(const std::string& name, const std::string& text) {
  auto path = std::filesystem::path(shared_server().data_dir()).parent_path() / name;
  std::ofstream(path) << text;
  return path.string();
}

// Two papers on the daily list (one by alice, who has an account; one by a name with none), one
// off it, and an old-style id. Imported once per test binary.
void import_fixture() {
  static bool done = false;
  if (done) return;
  auto file = write_file("papers-fixture.jsonl", R"({"id":"2401.00101","title":"Sparse Attention for Long Documents","authors":["Ada Lovelace",{"name":"Alan Turing"}],"summary":"We study sparse attention.\nTwo lines.","publishedAt":"2024-01-02T00:00:00.000Z","upvotes":7,"submittedOnDailyAt":"2024-01-03T08:00:00.000Z","submittedBy":"alice"}
{"id":"2401.00102v2","title":"Diffusion Models Revisited","authors":["Grace Hopper"],"summary":"Denoising, again.","publishedAt":"2024-01-05","upvotes":12,"submittedOnDailyAt":"2024-01-09T10:00:00Z","submittedBy":"nobody-here"}

{"id":"2312.99999","title":"An Unlisted Paper on Attention","authors":["Edsger Dijkstra"],"summary":"Not on the daily list.","publishedAt":"2023-12-20T00:00:00Z"}
{"id":"hep-th/9901001","title":"Strings in Old Style","authors":["Paul Dirac"],"summary":"Legacy ids work.","publishedAt":"1999-01-01"}
)");
  auto r = admin(shared_server().data_dir(), {"papers", "import", file});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("imported 4 papers"), std::string::npos) << r.out;
  // Importing again is an upsert: the same rows.
  ASSERT_EQ(admin(shared_server().data_dir(), {"papers", "import", file}).exit_code, 0);
  done = true;
}

TEST(PapersImport, BadLinesImportNothingAndAreReportedByNumber) {
  auto file = write_file("papers-bad.jsonl", R"({"id":"2402.00001","title":"Good","authors":["A"],"summary":"s","publishedAt":"2024-02-01"}
{"id":"not-an-id","title":"Bad id","authors":["A"],"summary":"s","publishedAt":"2024-02-01"}
{"id":"2402.00003","title":"No authors","summary":"s","publishedAt":"2024-02-01"}
not json
{"id":"2402.00005","title":"Bad date","authors":["A"],"summary":"s","publishedAt":"yesterday"}
{"id":"2402.00006","title":"Bad upvotes","authors":["A"],"summary":"s","publishedAt":"2024-02-01","upvotes":-1}
)");
  auto r = admin(shared_server().data_dir(), {"papers", "import", file});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find(":2: id is not an arXiv id"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(":3: missing authors"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(":4: not JSON"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(":5: publishedAt is not an ISO-8601 date"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(":6: upvotes must be"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("nothing imported"), std::string::npos) << r.err;
  EXPECT_EQ(http_get(api("/api/papers/2402.00001")).status, 404);  // the good line was not imported either
}

TEST(PapersHttp, PaperInfoShape) {
  import_fixture();
  auto r = http_get(api("/api/papers/2401.00101"));
  ASSERT_EQ(r.status, 200) << r.body;
  auto p = r.json().as_object();
  EXPECT_EQ(p.at("id"), "2401.00101");
  EXPECT_EQ(p.at("title"), "Sparse Attention for Long Documents");
  EXPECT_EQ(p.at("summary"), "We study sparse attention.\nTwo lines.");
  EXPECT_EQ(p.at("publishedAt"), "2024-01-02T00:00:00.000Z");
  EXPECT_EQ(p.at("upvotes"), 7);
  ASSERT_EQ(p.at("authors").as_array().size(), 2u);
  EXPECT_EQ(p.at("authors").as_array()[1].at("name"), "Alan Turing");
  EXPECT_EQ(p.at("submittedOnDailyAt"), "2024-01-03T08:00:00.000Z");
  EXPECT_EQ(p.at("submittedOnDailyBy").at("user"), "alice");
  EXPECT_TRUE(p.at("linkedModels").is_array());
  EXPECT_EQ(p.at("numTotalModels"), 0);
  EXPECT_FALSE(p.contains("discussionId"));  // hfhubd has no paper discussions: absent, not invented

  // A versioned id reads the paper; so does an old-style one.
  EXPECT_EQ(http_get(api("/api/papers/2401.00102v2")).json().at("id"), "2401.00102");
  EXPECT_EQ(http_get(api("/api/papers/hep-th/9901001")).json().at("title"), "Strings in Old Style");
}

TEST(PapersHttp, BadInput) {
  import_fixture();
  auto missing = http_get(api("/api/papers/2401.99999"));
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.header("x-error-code"), "NotFound");
  auto bad = http_get(api("/api/papers/not-a-paper"));
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.header("x-error-code"), "InvalidParameter");
  EXPECT_EQ(http_get(api("/api/arxiv/1234/repos")).status, 400);
  for (auto q : {"limit=0", "limit=101", "limit=x", "limit=-1"}) {
    EXPECT_EQ(http_get(api(std::string("/api/papers/search?q=a&") + q)).status, 400) << q;
    EXPECT_EQ(http_get(api(std::string("/api/daily_papers?") + q)).status, 400) << q;
  }
  for (auto q : {"date=2024-13-01", "date=2024-02-30", "week=2024-W54", "week=2024-9", "month=2024-1",
                 "sort=newest", "date=2024-01-03&month=2024-01", "p=x"})
    EXPECT_EQ(http_get(api(std::string("/api/daily_papers?") + q)).status, 400) << q;
}

TEST(PapersHttp, SearchAndDaily) {
  import_fixture();
  auto found = json_array(http_get(api("/api/papers/search?q=attention")));
  ASSERT_EQ(found.size(), 2u);  // titles of 2401.00101 and 2312.99999
  EXPECT_TRUE(found[0].at("paper").is_object());
  EXPECT_TRUE(found[0].at("title").is_string());
  EXPECT_EQ(json_array(http_get(api("/api/papers/search?q=hopper"))).at(0).at("paper").at("id"), "2401.00102");
  EXPECT_EQ(json_array(http_get(api("/api/papers/search?q=atten%22%20OR%20*"))).size(), 0u);  // operators are words
  EXPECT_EQ(json_array(http_get(api("/api/papers/search?q=attention&limit=1"))).size(), 1u);

  auto daily = json_array(http_get(api("/api/daily_papers")));
  ASSERT_EQ(daily.size(), 2u);  // the two submitted ones, newest submission first
  EXPECT_EQ(daily[0].at("paper").at("id"), "2401.00102");
  EXPECT_EQ(daily[0].at("publishedAt"), "2024-01-09T10:00:00.000Z");
  EXPECT_EQ(daily[0].at("submittedBy").at("user"), "nobody-here");
  EXPECT_EQ(daily[0].at("numComments"), 0);
  auto one = [](const std::string& q) {
    auto a = json_array(http_get(api("/api/daily_papers?" + q)));
    return a.size() == 1 ? std::string(a[0].at("paper").at("id").as_string()) : std::to_string(a.size()) + " papers";
  };
  EXPECT_EQ(one("date=2024-01-03"), "2401.00101");
  EXPECT_EQ(one("week=2024-W02"), "2401.00102");  // Monday 2024-01-08 to Sunday 2024-01-14
  EXPECT_EQ(one("submitter=alice"), "2401.00101");
  EXPECT_EQ(one("sort=trending&limit=1"), "2401.00102");  // 12 upvotes
  EXPECT_EQ(one("limit=1&p=1"), "2401.00101");
  EXPECT_EQ(json_array(http_get(api("/api/daily_papers?month=2024-01"))).size(), 2u);
  EXPECT_EQ(json_array(http_get(api("/api/daily_papers?month=2024-02"))).size(), 0u);
}

TEST(PapersClient, InfoListsDailyAndLinkedRepos) {
  import_fixture();
  auto alice = client(Tokens::alice_write);
  auto model_id = "alice/" + unique_name("paper-model");
  alice.create_repo(model_id);
  alice.create_commit(model_id, {CommitOperationAdd{"README.md", std::nullopt, "---\ntags:\n- arxiv:2401.00101\n---\n"}},
                      {.commit_message = "card"});
  auto hidden = "alice/" + unique_name("paper-private");
  alice.create_repo(hidden, {.private_ = true});
  alice.create_commit(hidden, {CommitOperationAdd{"README.md", std::nullopt, "---\ntags:\n- arxiv:2401.00101\n---\n"}},
                      {.commit_message = "card"});

  auto api = client();
  auto p = api.paper_info("2401.00101");
  EXPECT_EQ(p.title, "Sparse Attention for Long Documents");
  ASSERT_TRUE(p.authors);
  EXPECT_EQ(p.authors->at(0).name, "Ada Lovelace");
  EXPECT_EQ(p.upvotes, 7);
  EXPECT_EQ(p.submitted_at, "2024-01-03T08:00:00.000Z");
  ASSERT_TRUE(p.submitted_by);
  EXPECT_EQ(p.submitted_by->name, "alice");
  ASSERT_TRUE(p.linked_models);
  ASSERT_EQ(p.linked_models->size(), 1u);  // the private one stays hidden from an anonymous caller
  EXPECT_EQ(p.linked_models->at(0).id, model_id);
  EXPECT_EQ(p.num_total_models, 1);
  auto repos = http_get(shared_server().endpoint() + "/api/arxiv/2401.00101/repos", {bearer(Tokens::alice_write)}).json();
  EXPECT_EQ(repos.at("models").as_array().size(), 2u);  // alice sees her private one

  ListModelsParams lm;
  lm.filter = {"arxiv:2401.00101"};
  EXPECT_EQ(api.list_models(lm).to_vector().size(), 1u);

  EXPECT_THROW(api.paper_info("2401.99999"), HfHubHttpError);
  EXPECT_THROW(api.paper_info("../whoami"), std::invalid_argument);

  ListPapersParams lp;
  lp.query = "attention";
  auto found = api.list_papers(lp);
  ASSERT_EQ(found.size(), 2u);
  for (auto& f : found) EXPECT_NE(f.title->find("Attention"), std::string::npos);
  ListDailyPapersParams dp;
  dp.date = "2024-01-09";
  auto daily = api.list_daily_papers(dp);
  ASSERT_EQ(daily.size(), 1u);
  EXPECT_EQ(daily[0].id, "2401.00102");
  EXPECT_EQ(daily[0].published_at, "2024-01-05T00:00:00.000Z");
  EXPECT_EQ(daily[0].submitted_at, "2024-01-09T10:00:00.000Z");
  EXPECT_EQ(daily[0].submitted_by->name, "nobody-here");
}

TEST(PapersCli, InfoAndLs) {
  import_fixture();
  auto info = cli({"papers", "info", "2401.00101"});
  ASSERT_EQ(info.exit_code, 0) << info.err;
  EXPECT_EQ(json::parse(info.out).at("title"), "Sparse Attention for Long Documents");
  auto ls = cli({"papers", "ls", "--limit", "1"});
  ASSERT_EQ(ls.exit_code, 0) << ls.err;
  EXPECT_EQ(json::parse(ls.out).as_array().at(0).at("id"), "2401.00102");
  auto search = cli({"papers", "ls", "--query", "diffusion"});
  ASSERT_EQ(search.exit_code, 0) << search.err;
  EXPECT_EQ(json::parse(search.out).as_array().size(), 1u);
  EXPECT_NE(cli({"papers", "info", "2401.99999"}).exit_code, 0);
}

}  // namespace
}  // namespace hfhub::testing
