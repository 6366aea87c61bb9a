// Files and versions, commits and diffs in the web UI (docs/web.md#files-and-commits): the tree at
// any revision, a file view, histories, a commit's diff, and the API's access rules and errors.
#include <gtest/gtest.h>

#include "commit_support.h"
#include "raw_http.h"
#include "raw_socket.h"
#include "server_fixture.h"
#include "web_support.h"

namespace hfhub::testing {
namespace {

constexpr const char* kHtml = "Accept: text/html";

std::string url(const std::string& path) { return shared_server().endpoint() + path; }

bool has(const std::string& body, const std::string& text) { return body.find(text) != std::string::npos; }

// A page that must answer 200: its body (empty, with a failure, otherwise).
std::string page_body(const std::string& path) {
  auto r = http_get(url(path));
  EXPECT_EQ(r.status, 200) << path << r.body;
  return r.status == 200 ? r.body : std::string();
}

RawResponse api_post(const std::string& path, const std::string& json) {
  return http("POST", api_url(path), {bearer(Tokens::alice_write), "Content-Type: application/json"}, json);
}

// The smallest valid PNG: a 1x1 transparent pixel.
const std::string kPng(
    "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0\rIDATx\x9c"
    "c\xf8\xff\xff?\0\x05\xfe\x02\xfe\xa7\x35\x81\x84\0\0\0\0IEND\xae\x42\x60\x82",
    67);

TEST(WebFilePages, TheTreeAtABranchATagACommitAndANestedFolder) {
  auto model = new_model("alice");
  auto first = commit_ok(model, {header_line("Add the first files"), text_line("README.md", "# hello\n"),
                                 text_line("src/app.py", "print('hi')\n"),
                                 text_line("data/nested/deep.txt", "deep\n")});
  ASSERT_EQ(api_post("/api/models/" + model + "/tag/main", R"({"tag": "v1"})").status, 200);
  commit_ok(model, {header_line("Add notes"), text_line("notes.txt", std::string(1520, 'x'))});
  ASSERT_EQ(api_post("/api/models/" + model + "/branch/feature%2Fx", "{}").status, 200);

  auto main = page_body("/" + model + "/tree/main");
  EXPECT_TRUE(has(main, ">notes.txt</a>"));
  EXPECT_TRUE(has(main, "1.52 kB"));
  EXPECT_TRUE(has(main, ">Add notes</a>"));  // the last commit of notes.txt
  EXPECT_LT(main.find(">src/</a>"), main.find(">README.md</a>"));  // folders first
  EXPECT_LT(main.find(">data/</a>"), main.find(">notes.txt</a>"));
  EXPECT_TRUE(has(main, std::to_string(count_commits(model, "main")) + " commits</a>"));
  EXPECT_TRUE(has(main, "<option value=\"v1\">v1</option>"));
  EXPECT_TRUE(has(main, "<option value=\"main\" selected>main</option>"));

  for (auto rev : {std::string("v1"), first, std::string("refs%2Ftags%2Fv1")}) {
    auto old = http_get(url("/" + model + "/tree/" + rev));
    ASSERT_EQ(old.status, 200) << rev << old.body;
    EXPECT_TRUE(has(old.body, ">README.md</a>")) << rev;
    EXPECT_FALSE(has(old.body, "notes.txt")) << rev;
  }
  EXPECT_TRUE(has(http_get(url("/" + model + "/tree/" + first)).body, first.substr(0, 7) + "</option>"));
  // A branch whose name holds '/' comes encoded, and its links stay encoded.
  auto feature = page_body("/" + model + "/tree/feature%2Fx");
  EXPECT_TRUE(has(feature, "/" + model + "/blob/feature%2Fx/notes.txt"));

  auto nested = page_body("/" + model + "/tree/main/data/nested");
  EXPECT_TRUE(has(nested, "href=\"/" + model + "/blob/main/data/nested/deep.txt\""));
  EXPECT_TRUE(has(nested, "href=\"/" + model + "/tree/main/data\">data</a>"));  // a breadcrumb
  EXPECT_TRUE(has(nested, "<span aria-current=\"page\">nested</span>"));

  // A card's relative link names a path, not its kind: the other page answers with a redirect.
  auto to_tree = http_get(url("/" + model + "/blob/main/data/nested"));
  EXPECT_EQ(to_tree.status, 303);
  EXPECT_EQ(to_tree.header("location"), "/" + model + "/tree/main/data/nested");
  auto to_blob = http_get(url("/" + model + "/tree/v1/src/app.py"));
  EXPECT_EQ(to_blob.status, 303);
  EXPECT_EQ(to_blob.header("location"), "/" + model + "/blob/v1/src/app.py");

  // The switcher's form keeps the folder.
  auto switched = http_get(url("/" + model + "/tree/main/data/nested?revision=v1"));
  EXPECT_EQ(switched.status, 303);
  EXPECT_EQ(switched.header("location"), "/" + model + "/tree/v1/data/nested");
}

TEST(WebFilePages, AFileWithLineNumbersAnImageAnLfsFileAndABinaryOne) {
  auto model = new_model("alice");
  auto lfs_oid = put_lfs_object(model, "big weights");
  auto sha = commit_ok(model, {header_line("files"), text_line("page.html", "<script>alert(1)</script>\nsecond & last\n"),
                    file_line("pic.png", kPng), file_line("blob.bin", std::string("a\0b", 3)),
                    lfs_line("weights.bin", lfs_oid, 11)});

  auto page = page_body("/" + model + "/blob/main/page.html");
  EXPECT_TRUE(has(page, "id=\"L1\""));
  EXPECT_TRUE(has(page, "<a href=\"#L2\">2</a>"));
  EXPECT_TRUE(has(page, "&lt;script&gt;alert(1)&lt;/script&gt;"));
  EXPECT_TRUE(has(page, "second &amp; last"));
  EXPECT_FALSE(has(page, "<script>alert"));
  EXPECT_TRUE(has(page, "href=\"/" + model + "/raw/main/page.html\""));
  EXPECT_TRUE(has(page, "href=\"/" + model + "/resolve/main/page.html?download=true\" download"));
  EXPECT_TRUE(has(page, "href=\"/" + model + "/commits/main/page.html\""));

  auto image = page_body("/" + model + "/blob/main/pic.png");
  EXPECT_TRUE(has(image, "<img src=\"/" + model + "/resolve/main/pic.png\""));
  EXPECT_EQ(http_get(url("/" + model + "/resolve/main/pic.png")).body, kPng);

  auto lfs = page_body("/" + model + "/blob/main/weights.bin");
  EXPECT_TRUE(has(lfs, "data-testid=\"lfs-note\""));
  EXPECT_TRUE(has(lfs, "/" + model + "/resolve/main/weights.bin?download=true"));
  EXPECT_TRUE(has(lfs, lfs_oid));
  EXPECT_FALSE(has(lfs, "raw-link"));
  EXPECT_TRUE(has(http_get(url("/" + model + "/tree/main")).body, "title=\"Stored with Git LFS\">LFS</span>"));

  auto binary = page_body("/" + model + "/blob/main/blob.bin");
  EXPECT_TRUE(has(binary, "data-testid=\"binary-note\""));

  // In the commit's diff, the LFS file is its size, never its pointer text.
  auto commit = page_body("/" + model + "/commit/" + sha);
  EXPECT_TRUE(has(commit, "data-testid=\"lfs-change\">LFS file added: 11 Bytes</p>"));
  EXPECT_FALSE(has(commit, "git-lfs.github.com/spec"));
}

TEST(WebFilePages, HistoriesArePagedAndACommitShowsItsDiff) {
  auto model = new_model("alice");
  auto base = commit_ok(model, {header_line("base"), text_line("notes.txt", "one\nkeep\n")});
  auto change = commit_ok(model, {header_line("Change notes"), text_line("notes.txt", "two\nkeep\n")});
  for (int i = 0; i < 30; ++i) commit_ok(model, {header_line("other " + std::to_string(i)), text_line("other.txt", std::to_string(i))});

  auto first = page_body("/" + model + "/commits/main");
  EXPECT_TRUE(has(first, ">other 29</a>"));
  EXPECT_FALSE(has(first, ">Change notes</a>"));
  EXPECT_TRUE(has(first, "href=\"/" + model + "/commits/main?p=1\" rel=\"next\""));
  auto second = http_get(url("/" + model + "/commits/main?p=1"));
  ASSERT_EQ(second.status, 200);
  EXPECT_TRUE(has(second.body, ">Change notes</a>"));
  EXPECT_TRUE(has(second.body, "rel=\"prev\""));
  EXPECT_FALSE(has(second.body, "rel=\"next\""));

  auto history = page_body("/" + model + "/commits/main/notes.txt");
  EXPECT_TRUE(has(history, ">Change notes</a>"));
  EXPECT_TRUE(has(history, ">base</a>"));
  EXPECT_FALSE(has(history, "other "));

  auto commit = page_body("/" + model + "/commit/" + change);
  EXPECT_TRUE(has(commit, "data-testid=\"commit-title\">Change notes</h2>"));
  EXPECT_TRUE(has(commit, "href=\"/" + model + "/commit/" + base + "\" data-testid=\"parent-link\""));
  EXPECT_TRUE(has(commit, "<tr class=\"diff-removed\"><td class=\"line-number\">1</td><td class=\"line-number\"></td>"));
  EXPECT_TRUE(has(commit, "<tr class=\"diff-added\"><td class=\"line-number\"></td><td class=\"line-number\">1</td>"));
  EXPECT_TRUE(has(commit, "class=\"diff-sign\">-</span>one</code>"));
  EXPECT_TRUE(has(commit, "class=\"diff-sign\">+</span>two</code>"));
  EXPECT_TRUE(has(commit, "<tr class=\"diff-context\"><td class=\"line-number\">2</td><td class=\"line-number\">2</td>"));
  EXPECT_TRUE(has(commit, "diff-status-modified"));
}

TEST(WebFilePages, DatasetPagesLiveUnderTheirPrefix) {
  ASSERT_EQ(api_post("/api/repos/create", R"({"name": "web-files-data", "type": "dataset"})").status, 200);
  std::string id = "alice/web-files-data";
  auto sha = commit_ok(id, {header_line("Add rows"), text_line("train/rows.csv", "a,b\n1,2\n")}, "main", "datasets");
  auto tree = page_body("/datasets/" + id + "/tree/main/train");
  EXPECT_TRUE(has(tree, "href=\"/datasets/" + id + "/blob/main/train/rows.csv\""));
  auto file = page_body("/datasets/" + id + "/blob/main/train/rows.csv");
  EXPECT_TRUE(has(file, "href=\"/datasets/" + id + "/resolve/main/train/rows.csv?download=true\""));
  EXPECT_TRUE(has(http_get(url("/datasets/" + id + "/commits/main")).body, ">Add rows</a>"));
  EXPECT_TRUE(has(http_get(url("/datasets/" + id + "/commit/" + sha)).body, "<code>train/rows.csv</code>"));
  // The model route does not take a dataset's path: "datasets" is never a namespace.
  EXPECT_EQ(http_get(url("/datasets/" + id.substr(0, 5) + "/tree/main"), {kHtml}).status, 404);
}

TEST(WebFilePages, PrivateReposAndBadInputAnswerAsTheApi) {
  auto model = new_model("alice", true);
  commit_ok(model, {header_line("secret"), text_line("secret.txt", "s")});
  for (auto page : {"/tree/main", "/blob/main/secret.txt", "/commits/main", "/commits/main/secret.txt"}) {
    EXPECT_EQ(http_get(url("/" + model + page), {kHtml}).status, 401) << page;
  }
  auto carol = sign_in(Tokens::carol_write);
  EXPECT_EQ(http_get(url("/" + model + "/tree/main"), {"Cookie: " + carol.cookie}).status, 404);
  auto alice = sign_in(Tokens::alice_read);
  EXPECT_EQ(http_get(url("/" + model + "/tree/main"), {"Cookie: " + alice.cookie}).status, 200);

  auto open = new_model("alice");
  commit_ok(open, {header_line("one"), text_line("a/b.txt", "b")});
  for (auto page : {"/tree/no-such-branch", "/tree/main/missing", "/blob/main/missing.txt", "/blob/main/a/b.txt/c",
                    "/commits/no-such-branch", "/commit/0123456789abcdef0123456789abcdef01234567",
                    "/commit/not-a-sha", "/commits/main?p=x"}) {
    auto r = http_get(url("/" + open + page), {kHtml});
    EXPECT_EQ(r.status, 404) << page << r.body;
    EXPECT_EQ(r.header("content-type"), "text/html; charset=utf-8") << page;
  }
  // Malformed escapes, and paths that climb out of the repo, are refused, encoded or raw.
  for (auto page : {"/tree/main%ZZ", "/blob/main/a/%2e%2e/a/b.txt", "/tree/main/%2e%2e", "/commits/main/a/%2E%2E/a/b.txt"}) {
    auto r = http_get(url("/" + open + page), {kHtml});
    EXPECT_GE(r.status, 400) << page;
    EXPECT_LT(r.status, 500) << page << r.body;
  }
  RawConnection raw(shared_server().endpoint());
  ASSERT_TRUE(raw.send("GET /" + open + "/blob/main/a/../a/b.txt HTTP/1.1\r\nHost: x\r\nAccept: text/html\r\n\r\n"));
  auto r = raw.read_response();
  ASSERT_TRUE(r);
  EXPECT_GE(r->status, 400);
  EXPECT_LT(r->status, 500);
}

}  // namespace
}  // namespace hfhub::testing
