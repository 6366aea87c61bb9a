// The work one browsing request may cause (docs/endpoints.md, "Work per request"): paths-info
// takes at most paths-info-max-paths paths and looks them up in one pass, and tree pages honour
// `limit` within tree-page-max.
#include <gtest/gtest.h>

#include <set>

#include "commit_support.h"
#include "common/link_header.h"
#include "raw_http.h"
#include "server_fixture.h"

namespace hfhub::testing {
namespace {

namespace json = boost::json;

std::string str(const json::value& v) { return std::string(v.as_string()); }

std::string numbered(int i) { return std::to_string(100000 + i); }

// One repo with a big folder (big/<n>.txt holding "x<n>") and a small one (small/<n>.txt).
class RequestLimits : public ::testing::Test {
 protected:
  static constexpr int kBigFolder = 3000;
  static constexpr int kSmallFolder = 23;

  static void SetUpTestSuite() {
    id_ = new_model("alice");
    std::vector<std::string> lines{header_line("folders")};
    for (int i = 0; i < kBigFolder; ++i) lines.push_back(text_line("big/" + numbered(i) + ".txt", "x" + numbered(i)));
    for (int i = 0; i < kSmallFolder; ++i) lines.push_back(text_line("small/" + numbered(i) + ".txt", "s"));
    lines.push_back(text_line("big/sub/inner.txt", "inner"));
    commit_ok(id_, lines);
  }

  static RawResponse paths_info(const std::vector<std::string>& paths, bool expand = false) {
    json::array list;
    for (auto& p : paths) list.emplace_back(p);
    json::object body{{"paths", std::move(list)}, {"expand", expand}};
    return http("POST", api_url("/api/models/" + id_ + "/paths-info/main"), {"Content-Type: application/json"},
                json::serialize(body));
  }

  // Follows the Link pages from `url`; every path seen, with how often, and the page sizes.
  static void follow_pages(std::string url, std::map<std::string, int>& seen, std::vector<size_t>& pages) {
    while (!url.empty()) {
      auto r = http_get(url);
      ASSERT_EQ(r.status, 200) << url << r.body;
      auto entries = json_array(r);
      pages.push_back(entries.size());
      for (auto& e : entries) ++seen[str(e.at("path"))];
      url = parse_next_link(r.header("link")).value_or("");
    }
  }

  static inline std::string id_;
};

TEST_F(RequestLimits, PathsInfoAboveTheCapIs400) {
  std::vector<std::string> paths;
  for (int i = 0; i < 1001; ++i) paths.push_back("big/" + numbered(i) + ".txt");
  auto r = paths_info(paths);
  EXPECT_EQ(r.status, 400) << r.body.substr(0, 200);
  EXPECT_EQ(r.header("x-error-code"), "InvalidParameter");
  EXPECT_TRUE(r.json().at("error").is_string());
  // Python's form body too.
  std::string form;
  for (auto& p : paths) form += "paths=" + p + "&";
  auto f = http("POST", api_url("/api/models/" + id_ + "/paths-info/main"),
                {"Content-Type: application/x-www-form-urlencoded"}, form + "expand=false");
  EXPECT_EQ(f.status, 400);
  EXPECT_EQ(f.header("x-error-code"), "InvalidParameter");
  // The cap itself is allowed.
  paths.pop_back();
  EXPECT_EQ(json_array(paths_info(paths)).size(), 1000u);
}

TEST_F(RequestLimits, PathsInfoFindsManyPathsOfOneBigFolder) {
  // 900 files spread over the big folder, 50 missing ones, a subfolder, its file and a
  // duplicate: each answered from the folder read once.
  std::vector<std::string> paths;
  std::set<std::string> expected;
  for (int i = 0; i < kBigFolder; i += 3) {
    if (paths.size() == 900) break;
    paths.push_back("big/" + numbered(i) + ".txt");
    expected.insert(paths.back());
  }
  for (int i = 0; i < 50; ++i) paths.push_back("big/" + numbered(kBigFolder + i) + ".txt");
  for (auto p : {"big/sub", "big/sub/inner.txt", "big/sub/nope", "nope/x.txt", "big/100000.txt/x"}) paths.push_back(p);
  expected.insert({"big/sub", "big/sub/inner.txt"});
  auto r = paths_info(paths);
  ASSERT_EQ(r.status, 200) << r.body.substr(0, 200);
  auto entries = json_array(r);
  std::set<std::string> got;
  for (auto& e : entries) {
    auto path = str(e.at("path"));
    EXPECT_TRUE(got.insert(path).second) << path;
    if (path == "big/sub") {
      EXPECT_EQ(str(e.at("type")), "directory");
    } else if (path == "big/sub/inner.txt") {
      EXPECT_EQ(str(e.at("oid")), git_blob_sha1("inner"));
    } else {
      auto content = "x" + path.substr(4, 6);
      EXPECT_EQ(str(e.at("type")), "file");
      EXPECT_EQ(str(e.at("oid")), git_blob_sha1(content)) << path;
      EXPECT_EQ(e.at("size").as_int64(), int64_t(content.size()));
    }
  }
  EXPECT_EQ(got, expected);
  // expand still finds each one's last commit.
  auto expanded = json_array(paths_info({"big/100003.txt", "small/100001.txt", "big/sub"}, true));
  ASSERT_EQ(expanded.size(), 3u);
  for (auto& e : expanded) EXPECT_EQ(str(e.at("lastCommit").at("title")), "folders");
}

TEST_F(RequestLimits, TreeHonoursLimitAcrossLinkPages) {
  for (auto query : {"?limit=5", "?recursive=true&limit=5", "?expand=true&limit=5"}) {
    std::map<std::string, int> seen;
    std::vector<size_t> pages;
    follow_pages(api_url("/api/models/" + id_ + "/tree/main/small" + std::string(query)), seen, pages);
    EXPECT_EQ(seen.size(), size_t(kSmallFolder)) << query;
    for (auto& [path, n] : seen) EXPECT_EQ(n, 1) << query << " " << path;
    EXPECT_EQ(pages, (std::vector<size_t>{5, 5, 5, 5, 3})) << query;
  }
  // Recursive listing of the root, 700 at a time: every entry of the repo once.
  std::map<std::string, int> seen;
  std::vector<size_t> pages;
  follow_pages(api_url("/api/models/" + id_ + "/tree/main?recursive=1&limit=700"), seen, pages);
  // .gitattributes, big, big/sub, big/sub/inner.txt, small and the files.
  EXPECT_EQ(seen.size(), size_t(kBigFolder + kSmallFolder + 5));
  for (auto& [path, n] : seen) EXPECT_EQ(n, 1) << path;
  EXPECT_EQ(pages.size(), (seen.size() + 699) / 700);
}

TEST_F(RequestLimits, TreeLimitAboveTheCapIsClamped) {
  auto r = http_get(api_url("/api/models/" + id_ + "/tree/main/big?limit=100000"));
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(json_array(r).size(), 1000u);
  auto next = parse_next_link(r.header("link"));
  ASSERT_TRUE(next);
  EXPECT_NE(next->find("limit=100000"), std::string::npos);  // the client's own parameters kept
  auto expanded = http_get(api_url("/api/models/" + id_ + "/tree/main/big?expand=true&limit=1000"));
  ASSERT_EQ(expanded.status, 200);
  EXPECT_EQ(json_array(expanded).size(), 100u);
}

TEST_F(RequestLimits, BadTreeLimitsAre400) {
  for (auto limit : {"0", "-1", "abc", "1.5", ""}) {
    auto r = http_get(api_url("/api/models/" + id_ + "/tree/main?limit=" + limit));
    EXPECT_EQ(r.status, 400) << limit;
    EXPECT_EQ(r.header("x-error-code"), "InvalidParameter") << limit;
    EXPECT_TRUE(r.json().at("error").is_string()) << limit;
  }
}

// The three caps are settings: a server of its own with small ones.
TEST(RequestLimitSettings, CapsFollowTheConfig) {
  ServerProcess server({{"paths-info-max-paths = 500", "tree-page-max = 7", "last-commit-depth = 2"}});
  auto url = [&](const std::string& path) { return server.endpoint() + path; };
  auto auth = bearer(Tokens::alice_write);
  auto id = "alice/" + unique_name("caps");
  ASSERT_EQ(http("POST", url("/api/repos/create"), {auth}, R"({"name":")" + id + "\"}").status, 200);
  // Four commits: old.txt and many/ in the first, then one file each.
  for (auto name : {"old", "b", "c", "d"}) {
    std::vector<std::string> lines{header_line(std::string("add ") + name),
                                   text_line(std::string(name) + ".txt", name)};
    if (std::string(name) == "old")
      for (int i = 0; i < 20; ++i) lines.push_back(text_line("many/" + numbered(i) + ".txt", "m"));
    std::string body;
    for (auto& l : lines) body += l + "\n";
    auto r =
        http("POST", url("/api/models/" + id + "/commit/main"), {auth, "Content-Type: application/x-ndjson"}, body);
    ASSERT_EQ(r.status, 200) << r.body;
  }
  // last-commit-depth = 2: d.txt and c.txt are found, the older files go without lastCommit.
  auto tree = http_get(url("/api/models/" + id + "/tree/main?expand=true"));
  ASSERT_EQ(tree.status, 200) << tree.body;
  std::set<std::string> with_last_commit;
  for (auto& e : json_array(tree))
    if (e.as_object().contains("lastCommit")) with_last_commit.insert(str(e.at("path")));
  EXPECT_EQ(with_last_commit, (std::set<std::string>{"c.txt", "d.txt"}));
  // tree-page-max = 7: a larger limit is clamped, and so is the default page.
  EXPECT_EQ(json_array(http_get(url("/api/models/" + id + "/tree/main/many?limit=100"))).size(), 7u);
  EXPECT_EQ(json_array(http_get(url("/api/models/" + id + "/tree/main/many"))).size(), 7u);
  // paths-info-max-paths = 500.
  auto paths_info = [&](int n) {
    std::string form;
    for (int i = 0; i < n; ++i) form += "paths=many/" + numbered(i % 20) + ".txt&";
    return http("POST", url("/api/models/" + id + "/paths-info/main"),
                {"Content-Type: application/x-www-form-urlencoded"}, form + "expand=false");
  };
  auto too_many = paths_info(501);
  EXPECT_EQ(too_many.status, 400);
  EXPECT_EQ(too_many.header("x-error-code"), "InvalidParameter");
  EXPECT_EQ(paths_info(500).status, 200);
}

}  // namespace
}  // namespace hfhub::testing
