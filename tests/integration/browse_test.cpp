// Browsing a repo (docs/hub-behaviour.md#browsing-a-repo): tree (pagination, encoded paths, expand), paths-info
// (form and JSON), refs, commits (pagination, X-Total-Count, formatted) and a dataset's parquet files.
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

// path → entry object.
std::map<std::string, json::object> by_path(const json::array& entries) {
  std::map<std::string, json::object> out;
  for (auto& e : entries) out[str(e.at("path"))] = e.as_object();
  return out;
}

// One model repo shared by the suite: files at the root, a nested folder, an LFS file, a PR.
class Browse : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    id_ = new_model("alice");
    lfs_oid_ = put_lfs_object(id_, std::string(5000, 'w'));
    first_ = commit_ok(id_, {header_line("first"), text_line("README.md", "# hi\n"), text_line("a/b/c.txt", "c"),
                             text_line("a/top.txt", "t")});
    head_ = commit_ok(id_, {header_line("second <b>bold</b>"), lfs_line("model.bin", lfs_oid_, 5000)});
    auto pr = post_commit(id_, {header_line("pr"), text_line("a/pr.txt", "p")}, "main", "?create_pr=1");
    ASSERT_EQ(pr.status, 200) << pr.body;
    pr_commit_ = str(pr.json().at("commitOid"));
  }

  static RawResponse tree(const std::string& rev_and_path, const std::string& query = "") {
    return http_get(api_url("/api/models/" + id_ + "/tree/" + rev_and_path + query));
  }

  static inline std::string id_, lfs_oid_, first_, head_, pr_commit_;
};

TEST_F(Browse, TreeRootListsFilesAndFolders) {
  auto r = tree("main");
  ASSERT_EQ(r.status, 200) << r.body;
  auto entries = by_path(json_array(r));
  ASSERT_EQ(entries.size(), 4u);  // .gitattributes, README.md, a, model.bin
  auto& readme = entries.at("README.md");
  EXPECT_EQ(str(readme.at("type")), "file");
  EXPECT_EQ(str(readme.at("oid")), git_blob_sha1("# hi\n"));
  EXPECT_EQ(readme.at("size").as_int64(), 5);
  EXPECT_FALSE(readme.contains("lfs"));
  EXPECT_FALSE(readme.contains("xetHash"));
  EXPECT_FALSE(readme.contains("lastCommit"));
  auto& folder = entries.at("a");
  EXPECT_EQ(str(folder.at("type")), "directory");
  EXPECT_EQ(folder.at("size").as_int64(), 0);
  EXPECT_EQ(str(folder.at("oid")).size(), 40u);
  auto& model = entries.at("model.bin");
  EXPECT_EQ(model.at("size").as_int64(), 5000);
  EXPECT_EQ(str(model.at("lfs").at("oid")), lfs_oid_);
  EXPECT_EQ(model.at("lfs").at("size").as_int64(), 5000);
  EXPECT_GT(model.at("lfs").at("pointerSize").as_int64(), 100);
  EXPECT_EQ(str(model.at("oid")).size(), 40u);  // the pointer's git sha1
  EXPECT_FALSE(model.contains("xetHash"));
  EXPECT_EQ(r.header("link"), "");
}

TEST_F(Browse, TreeRecursiveAndSubfolders) {
  auto all = by_path(json_array(tree("main", "?recursive=true&expand=false")));
  for (auto p : {"a", "a/b", "a/b/c.txt", "a/top.txt", "README.md", "model.bin"}) EXPECT_TRUE(all.count(p)) << p;
  // JS sends the path raw, Python fully encoded.
  for (auto path : {"a/b", "a%2Fb"}) {
    auto r = tree(std::string("main/") + path);
    ASSERT_EQ(r.status, 200) << path << r.body;
    auto entries = json_array(r);
    ASSERT_EQ(entries.size(), 1u);
    EXPECT_EQ(str(entries[0].at("path")), "a/b/c.txt");
  }
  auto a = by_path(json_array(tree("main/a")));
  EXPECT_EQ(a.size(), 2u);  // a/b and a/top.txt, not the nested file
  EXPECT_TRUE(a.count("a/b") && a.count("a/top.txt"));
  EXPECT_EQ(json_array(tree("main/a/", "?recursive=1")).size(), 3u);
}

TEST_F(Browse, TreeAtPullRequestEncodedOrRaw) {
  for (auto rev : {"refs%2Fpr%2F1/a", "refs/pr/1/a", "refs%2Fpr%2F1/a%2F"}) {
    auto r = tree(rev);
    ASSERT_EQ(r.status, 200) << rev << r.body;
    EXPECT_TRUE(by_path(json_array(r)).count("a/pr.txt")) << rev;
  }
  EXPECT_FALSE(by_path(json_array(tree("main/a"))).count("a/pr.txt"));
  EXPECT_EQ(json_array(tree(first_)).size(), 3u);  // a commit sha: before model.bin
}

TEST_F(Browse, TreeErrors) {
  for (auto path : {"main/README.md", "main/nope", "main/a/nope"}) {
    auto r = tree(path);
    EXPECT_EQ(r.status, 404) << path;
    EXPECT_EQ(r.header("x-error-code"), "EntryNotFound") << path;
  }
  auto rev = tree("nope");
  EXPECT_EQ(rev.status, 404);
  EXPECT_EQ(rev.header("x-error-code"), "RevisionNotFound");
  EXPECT_EQ(tree("main/a%2F..%2Fa").status, 400);
  EXPECT_EQ(tree("main", "?cursor=garbage").status, 400);
}

TEST_F(Browse, TreeExpandAddsLastCommitAndSecurityStatus) {
  auto entries = by_path(json_array(tree("main", "?expand=true&recursive=true")));
  auto& readme = entries.at("README.md");
  EXPECT_EQ(str(readme.at("lastCommit").at("id")), first_);
  EXPECT_EQ(str(readme.at("lastCommit").at("title")), "first");
  EXPECT_EQ(str(readme.at("lastCommit").at("date")).size(), 24u);  // 2025-01-01T00:00:00.000Z
  auto& security = readme.at("securityFileStatus").as_object();
  EXPECT_EQ(str(security.at("status")), "safe");
  EXPECT_TRUE(security.contains("avScan"));
  EXPECT_TRUE(security.contains("pickleImportScan"));
  EXPECT_EQ(str(entries.at("model.bin").at("lastCommit").at("id")), head_);
  EXPECT_EQ(str(entries.at("a").at("lastCommit").at("id")), first_);
  EXPECT_FALSE(entries.at("a").contains("securityFileStatus"));
}

TEST(BrowsePagination, TreePagesFollowAbsoluteLinks) {
  auto id = new_model("alice");
  std::vector<std::string> lines{header_line("many files")};
  for (int i = 0; i < 1060; ++i) lines.push_back(text_line("f/" + std::to_string(10000 + i) + ".txt", "x"));
  commit_ok(id, lines);
  for (auto [query, page] : {std::pair{"?recursive=false", size_t(1000)}, std::pair{"?expand=true", size_t(50)}}) {
    std::set<std::string> seen;
    std::string url = api_url("/api/models/" + id + "/tree/main/f" + query);
    int pages = 0;
    while (!url.empty()) {
      auto r = http_get(url);
      ASSERT_EQ(r.status, 200) << url << r.body;
      auto entries = json_array(r);
      ++pages;
      auto link = r.header("link");
      if (!link.empty()) {
        EXPECT_EQ(entries.size(), page);
        // The JS client's regex: absolute URL, `; rel="next"`.
        EXPECT_TRUE(link.starts_with("<" + shared_server().endpoint() + "/api/models/" + id + "/tree/main/f?")) << link;
        EXPECT_NE(link.find(">; rel=\"next\""), std::string::npos);
        EXPECT_NE(link.find("cursor="), std::string::npos);
      }
      for (auto& e : entries) EXPECT_TRUE(seen.insert(str(e.at("path"))).second);
      url = parse_next_link(link).value_or("");
    }
    EXPECT_EQ(seen.size(), 1060u) << query;
    EXPECT_EQ(pages, int((1060 + page - 1) / page)) << query;
  }
}

TEST_F(Browse, TreeCursorPinsTheFirstPagesCommit) {
  // A page cursor names the commit it started from, so later commits do not shift pages.
  auto id = new_model("alice");
  std::vector<std::string> lines{header_line("many")};
  for (int i = 0; i < 1001; ++i) lines.push_back(text_line(std::to_string(10000 + i) + ".txt", "x"));
  commit_ok(id, lines);
  auto first = http_get(api_url("/api/models/" + id + "/tree/main"));
  auto next = parse_next_link(first.header("link"));
  ASSERT_TRUE(next);
  commit_ok(id, {header_line("more"), text_line("00000.txt", "x")});
  auto second = json_array(http_get(*next));
  // 1001 files + .gitattributes at the first commit: 2 left on the second page.
  EXPECT_EQ(second.size(), 2u);
}

// ---- paths-info ------------------------------------------------------------------------------

TEST_F(Browse, PathsInfoFromPythonForm) {
  auto r = http("POST", api_url("/api/models/" + id_ + "/paths-info/main"),
                {"Content-Type: application/x-www-form-urlencoded"},
                "paths=README.md&paths=a&paths=missing.txt&paths=model.bin&expand=false");
  ASSERT_EQ(r.status, 200) << r.body;
  auto entries = by_path(json_array(r));
  EXPECT_EQ(entries.size(), 3u);  // missing paths are left out
  EXPECT_EQ(str(entries.at("a").at("type")), "directory");
  EXPECT_EQ(str(entries.at("model.bin").at("lfs").at("oid")), lfs_oid_);
  EXPECT_FALSE(entries.at("README.md").contains("lastCommit"));
}

TEST_F(Browse, PathsInfoFromJsJson) {
  auto r = http("POST", api_url("/api/models/" + id_ + "/paths-info/refs%2Fpr%2F1"),
                {"Content-Type: application/json", bearer(Tokens::alice_read)},
                R"({"paths":["a/pr.txt","a/b/c.txt","a/b/"],"expand":true})");
  ASSERT_EQ(r.status, 200) << r.body;
  auto entries = by_path(json_array(r));
  EXPECT_EQ(entries.size(), 3u);
  EXPECT_EQ(str(entries.at("a/pr.txt").at("lastCommit").at("id")), pr_commit_);
  EXPECT_EQ(str(entries.at("a/b/c.txt").at("lastCommit").at("id")), first_);
  EXPECT_TRUE(entries.at("a/b/c.txt").contains("securityFileStatus"));
  EXPECT_EQ(str(entries.at("a/b").at("type")), "directory");
}

TEST_F(Browse, PathsInfoErrors) {
  auto post = [&](const std::string& rev, const std::string& body) {
    return http("POST", api_url("/api/models/" + id_ + "/paths-info/" + rev), {"Content-Type: application/json"}, body);
  };
  auto bad = post("main", R"({"paths":["../etc/passwd"]})");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.header("x-error-code"), "InvalidPath");
  EXPECT_EQ(post("main", R"({"paths":"README.md"})").status, 400);
  EXPECT_EQ(post("main", "not json").status, 400);
  EXPECT_EQ(post("nope", R"({"paths":[]})").header("x-error-code"), "RevisionNotFound");
  EXPECT_EQ(json_array(post("main", R"({"paths":[]})")).size(), 0u);
}

// ---- refs --------------------------------------------------------------------------------------

TEST_F(Browse, RefsListBranchesAndPullRequestsOnRequest) {
  auto r = http_get(api_url("/api/models/" + id_ + "/refs"));
  ASSERT_EQ(r.status, 200) << r.body;
  auto o = r.json().as_object();
  ASSERT_EQ(o.at("branches").as_array().size(), 1u);
  auto& main = o.at("branches").as_array()[0];
  EXPECT_EQ(str(main.at("name")), "main");
  EXPECT_EQ(str(main.at("ref")), "refs/heads/main");
  EXPECT_EQ(str(main.at("targetCommit")), head_);
  EXPECT_TRUE(o.at("converts").as_array().empty());
  EXPECT_TRUE(o.at("tags").as_array().empty());
  EXPECT_FALSE(o.contains("pullRequests"));

  auto with_prs = http_get(api_url("/api/models/" + id_ + "/refs?include_prs=1")).json().as_object();
  ASSERT_EQ(with_prs.at("pullRequests").as_array().size(), 1u);
  auto& pr = with_prs.at("pullRequests").as_array()[0];
  EXPECT_EQ(str(pr.at("ref")), "refs/pr/1");
  EXPECT_EQ(str(pr.at("targetCommit")), pr_commit_);
}

// ---- commits -----------------------------------------------------------------------------------

TEST_F(Browse, CommitsListNewestFirstWithTotalCount) {
  auto r = http_get(api_url("/api/models/" + id_ + "/commits/main"));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("x-total-count"), "3");  // initial commit, first, second
  auto commits = json_array(r);
  ASSERT_EQ(commits.size(), 3u);
  auto& newest = commits[0].as_object();
  EXPECT_EQ(str(newest.at("id")), head_);
  EXPECT_EQ(str(newest.at("title")), "second <b>bold</b>");
  EXPECT_TRUE(newest.at("message").is_string());
  EXPECT_EQ(str(newest.at("authors").at(0).at("user")), "alice");
  EXPECT_EQ(str(newest.at("date")).size(), 24u);
  EXPECT_FALSE(newest.contains("formatted"));
  EXPECT_EQ(str(commits[1].at("id")), first_);
  EXPECT_EQ(r.header("link"), "");

  // Python asks for formatted titles with the bracket form of expand.
  auto formatted = json_array(http_get(api_url("/api/models/" + id_ + "/commits/main?expand%5B%5D=formatted")));
  EXPECT_EQ(str(formatted[0].at("formatted").at("title")), "second &lt;b&gt;bold&lt;/b&gt;");
  EXPECT_TRUE(formatted[0].at("formatted").at("message").is_string());
}

TEST_F(Browse, CommitsPaginateWithAbsoluteLinks) {
  std::vector<std::string> ids;
  std::string url = api_url("/api/models/" + id_ + "/commits/main?limit=2");
  while (!url.empty()) {
    auto r = http_get(url);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.header("x-total-count"), "3");
    for (auto& c : json_array(r)) ids.push_back(str(c.at("id")));
    auto link = r.header("link");
    if (!link.empty()) EXPECT_TRUE(link.starts_with("<" + shared_server().endpoint() + "/api/models/")) << link;
    url = parse_next_link(link).value_or("");
  }
  ASSERT_EQ(ids.size(), 3u);
  EXPECT_EQ(ids[0], head_);
  EXPECT_EQ(ids[1], first_);
  // JS counts commits with limit=1 and the header.
  EXPECT_EQ(http_get(api_url("/api/models/" + id_ + "/commits/main?limit=1")).header("x-total-count"), "3");
  EXPECT_EQ(http_get(api_url("/api/models/" + id_ + "/commits/main?limit=0")).status, 400);
}

TEST_F(Browse, CommitsOfAPullRequestRawOrEncoded) {
  for (auto rev : {"refs/pr/1", "refs%2Fpr%2F1"}) {
    auto r = http_get(api_url("/api/models/" + id_ + "/commits/" + rev));
    ASSERT_EQ(r.status, 200) << rev << r.body;
    EXPECT_EQ(r.header("x-total-count"), "4");
    EXPECT_EQ(str(json_array(r)[0].at("id")), pr_commit_);
  }
  auto missing = http_get(api_url("/api/models/" + id_ + "/commits/nope"));
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.header("x-error-code"), "RevisionNotFound");
}

TEST_F(Browse, PrivateRepoBrowsingNeedsAccess) {
  auto id = new_model("alice", /*is_private=*/true);
  for (auto path : {"/tree/main", "/refs", "/commits/main"}) {
    auto anon = http_get(api_url("/api/models/" + id + path));
    EXPECT_EQ(anon.status, 401) << path;
    EXPECT_EQ(anon.header("x-error-code"), "RepoNotFound") << path;
    EXPECT_EQ(http_get(api_url("/api/models/" + id + path), {bearer(Tokens::carol_write)}).status, 404) << path;
    EXPECT_EQ(http_get(api_url("/api/models/" + id + path), {bearer(Tokens::bob_read)}).status, 404) << path;
    EXPECT_EQ(http_get(api_url("/api/models/" + id + path), {bearer(Tokens::alice_read)}).status, 200) << path;
  }
  auto info = http("POST", api_url("/api/models/" + id + "/paths-info/main"), {}, "paths=.gitattributes");
  EXPECT_EQ(info.status, 401);
}

// ---- parquet -----------------------------------------------------------------------------------

class Parquet : public ::testing::Test {
 protected:
  static std::string new_dataset() {
    auto id = "alice/" + unique_name("parquet");
    client(Tokens::alice_write).create_repo(id, {.repo_type = RepoType::Dataset});
    return id;
  }
  static RawResponse get(const std::string& id, const std::string& rest = "") {
    return http_get(api_url("/api/datasets/" + id + "/parquet" + rest));
  }
};

TEST_F(Parquet, OwnParquetFilesOnMain) {
  auto id = new_dataset();
  commit_ok(
      id,
      {header_line("data"), text_line("data/train-00000-of-00002.parquet", "PAR1a"),
       text_line("data/train-00001-of-00002.parquet", "PAR1bb"), text_line("data/test-00000-of-00001.parquet", "PAR1"),
       text_line("other/validation/0000.parquet", "PAR1ccc"), text_line("README.md", "x")},
      "main", "datasets");
  auto r = get(id);
  ASSERT_EQ(r.status, 200) << r.body;
  auto files = r.json().at("parquet_files").as_array();
  ASSERT_EQ(files.size(), 4u);
  auto& first = files[0].as_object();
  EXPECT_EQ(str(first.at("dataset")), id);
  EXPECT_EQ(str(first.at("config")), "default");
  EXPECT_EQ(str(first.at("split")), "test");
  EXPECT_EQ(str(first.at("filename")), "test-00000-of-00001.parquet");
  EXPECT_EQ(first.at("size").as_int64(), 4);
  EXPECT_EQ(str(first.at("url")),
            shared_server().endpoint() + "/datasets/" + id + "/resolve/main/data/test-00000-of-00001.parquet");
  EXPECT_EQ(str(files[1].at("split")), "train");
  EXPECT_EQ(str(files[2].at("split")), "train");
  EXPECT_EQ(str(files[3].at("config")), "other");
  EXPECT_EQ(str(files[3].at("split")), "validation");

  // The URLs resolve.
  EXPECT_EQ(http_get(str(files[1].at("url"))).body, "PAR1a");

  auto split = get(id, "/default/train");
  ASSERT_EQ(split.status, 200) << split.body;
  auto urls = json_array(split);
  ASSERT_EQ(urls.size(), 2u);
  EXPECT_EQ(str(urls[0]),
            shared_server().endpoint() + "/datasets/" + id + "/resolve/main/data/train-00000-of-00002.parquet");
  auto config = get(id, "/default").json().as_object();
  EXPECT_EQ(config.at("train").as_array().size(), 2u);
  EXPECT_EQ(config.at("test").as_array().size(), 1u);
  EXPECT_TRUE(json_array(get(id, "/default/nosuch")).empty());
}

TEST_F(Parquet, ConversionBranchWinsOverMain) {
  auto id = new_dataset();
  commit_ok(id, {header_line("data"), text_line("data/train-00000-of-00001.parquet", "PAR1main")}, "main", "datasets");
  // refs/convert/parquet is written by the Hub's converter, not through the commit API: point it
  // at a PR commit with the conversion layout.
  auto pr = post_commit(id, {header_line("convert"), text_line("plain/train/0000.parquet", "PAR1conv")}, "main",
                        "?create_pr=1", Tokens::alice_write, true, "datasets");
  ASSERT_EQ(pr.status, 200) << pr.body;
  auto object_id = str(http_get(api_url("/api/datasets/" + id), {bearer(Tokens::alice_write)}).json().at("_id"));
  auto git_dir = shared_server().data_dir() + "/repos/" + object_id + ".git";
  auto update = run(
      {"/usr/bin/git", "--git-dir=" + git_dir, "update-ref", "refs/convert/parquet", str(pr.json().at("commitOid"))});
  ASSERT_EQ(update.exit_code, 0) << update.err;

  auto files = get(id).json().at("parquet_files").as_array();
  std::vector<std::string> names;
  for (auto& f : files) names.push_back(str(f.at("config")) + "/" + str(f.at("split")) + "/" + str(f.at("filename")));
  // The PR commit also holds main's file, which the converter's layout names "data".
  EXPECT_NE(std::find(names.begin(), names.end(), "plain/train/0000.parquet"), names.end());
  for (auto& f : files) {
    if (str(f.at("config")) != "plain") continue;
    EXPECT_EQ(str(f.at("url")), shared_server().endpoint() + "/datasets/" + id +
                                    "/resolve/refs%2Fconvert%2Fparquet/plain/train/0000.parquet");
    EXPECT_EQ(http_get(str(f.at("url"))).body, "PAR1conv");
  }
  auto refs = http_get(api_url("/api/datasets/" + id + "/refs")).json().as_object();
  ASSERT_EQ(refs.at("converts").as_array().size(), 1u);
  EXPECT_EQ(str(refs.at("converts").as_array()[0].at("name")), "parquet");
  EXPECT_EQ(str(refs.at("converts").as_array()[0].at("ref")), "refs/convert/parquet");
}

TEST_F(Parquet, EmptyAndPrivateDatasets) {
  auto id = new_dataset();
  auto r = get(id);
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(r.json().at("parquet_files").as_array().empty());
  auto hidden = "secretlab/" + unique_name("parquet");
  client(Tokens::alice_write).create_repo(hidden, {.repo_type = RepoType::Dataset});
  EXPECT_EQ(get(hidden).status, 401);
  EXPECT_EQ(get(hidden).header("x-error-code"), "RepoNotFound");
  EXPECT_EQ(http_get(api_url("/api/datasets/" + hidden + "/parquet"), {bearer(Tokens::alice_read)}).status, 200);
}

}  // namespace
}  // namespace hfhub::testing
