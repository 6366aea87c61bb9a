// POST /api/{type}/{repo_id}/commit/{rev} (docs/hub-behaviour.md#commit-payload) through raw HTTP, checked through
// repo info (siblings, sha, cardData) and the commit a revision names.
#include <gtest/gtest.h>

#include <filesystem>

#include <atomic>
#include <thread>

#include "commit_support.h"

namespace hfhub::testing {
namespace {

namespace json = boost::json;

bool is_commit_sha(const json::value& v) {
  return v.is_string() && v.as_string().size() == 40 &&
         v.as_string().find_first_not_of("0123456789abcdef") == json::string::npos;
}

TEST(Commit, RegularFilesInBase64AndUtf8) {
  auto id = new_model();
  auto r = post_commit(
      id, {header_line("Add files"), file_line("a.txt", std::string("bin\0ary", 7)), text_line("dir/b.txt", "héllo")});
  ASSERT_EQ(r.status, 200) << r.body;
  auto out = r.json().as_object();
  EXPECT_TRUE(out.at("success").as_bool());
  ASSERT_TRUE(is_commit_sha(out.at("commitOid")));
  std::string sha(out.at("commitOid").as_string());
  EXPECT_EQ(out.at("commitUrl").as_string(), api_url("/" + id + "/commit/" + sha));
  EXPECT_EQ(out.at("hookOutput").as_string(), "");
  EXPECT_FALSE(out.contains("pullRequestUrl"));

  auto info = repo_info(id);
  EXPECT_EQ(info.at("sha").as_string(), sha);
  auto files = siblings(id);
  ASSERT_EQ(files.size(), 3u);  // with the .gitattributes of a new repo
  EXPECT_TRUE(files.count(".gitattributes"));
  EXPECT_EQ(files["a.txt"].at("blobId").as_string(), git_blob_sha1(std::string("bin\0ary", 7)));
  EXPECT_EQ(files["a.txt"].at("size").as_int64(), 7);
  EXPECT_EQ(files["dir/b.txt"].at("blobId").as_string(), git_blob_sha1("héllo"));
  EXPECT_EQ(head_of(id), sha);
}

TEST(Commit, NdjsonWithoutTrailingNewlineAsJsSendsIt) {
  auto id = new_model();
  auto r = post_commit(id, {header_line("js"), text_line("x.txt", "x")}, "main", "?hot_reload=1", Tokens::alice_write,
                       /*trailing_newline=*/false);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(siblings(id).count("x.txt"));
}

TEST(Commit, ReadmeFrontMatterSetsCardDataTagsAndPipelineTag) {
  auto id = new_model();
  commit_ok(id, {header_line("card"), text_line("README.md",
                                                "---\nlicense: mit\npipeline_tag: text-classification\n"
                                                "library_name: transformers\ntags:\n- sentiment\n---\n# Model\n")});
  auto info = repo_info(id);
  ASSERT_TRUE(info.contains("cardData")) << json::serialize(info);
  EXPECT_EQ(info.at("cardData").at("license").as_string(), "mit");
  EXPECT_EQ(info.at("pipeline_tag").as_string(), "text-classification");
  EXPECT_EQ(info.at("library_name").as_string(), "transformers");
  auto tags = info.at("tags").as_array();
  EXPECT_NE(std::find(tags.begin(), tags.end(), json::value("sentiment")), tags.end());
  EXPECT_NE(std::find(tags.begin(), tags.end(), json::value("license:mit")), tags.end());

  // A card without front matter takes the metadata away again.
  commit_ok(id, {header_line("plain card"), text_line("README.md", "# Model\n")});
  info = repo_info(id);
  EXPECT_FALSE(info.contains("cardData"));
  EXPECT_FALSE(info.contains("pipeline_tag"));
}

TEST(Commit, RepoInfoAtAPullRequestReadsThatRevisionsCard) {
  // Python's ModelCard.push_to_hub(create_pr=True), then model_info(revision="refs/pr/1").card_data:
  // the Hub answers with the card of that revision, not of main.
  auto id = new_model();
  commit_ok(id, {header_line("card"), text_line("README.md", "---\nlicense: mit\ntags:\n- a\n---\n# M\n")});
  auto pr = post_commit(id, {header_line("new card"), text_line("README.md", "---\nlicense: apache-2.0\n---\n")},
                        "main", "?create_pr=1");
  ASSERT_EQ(pr.status, 200) << pr.body;
  auto at_pr = http_get(api_url("/api/models/" + id + "/revision/refs%2Fpr%2F1"), {bearer(Tokens::alice_write)});
  ASSERT_EQ(at_pr.status, 200) << at_pr.body;
  auto info = at_pr.json().as_object();
  EXPECT_EQ(info.at("cardData").at("license").as_string(), "apache-2.0");
  auto tags = info.at("tags").as_array();
  EXPECT_NE(std::find(tags.begin(), tags.end(), json::value("license:apache-2.0")), tags.end());
  EXPECT_EQ(std::find(tags.begin(), tags.end(), json::value("a")), tags.end());
  EXPECT_EQ(repo_info(id).at("cardData").at("license").as_string(), "mit");
}

TEST(Commit, DeletedFileAndDeletedFolder) {
  auto id = new_model();
  commit_ok(id, {header_line("add"), text_line("a.txt", "a"), text_line("d/x.txt", "x"), text_line("d/e/y.txt", "y"),
                 text_line("keep.txt", "k")});
  commit_ok(id, {header_line("delete"), deleted_file_line("a.txt"), deleted_folder_line("d/")});
  auto files = siblings(id);
  EXPECT_EQ(files.size(), 2u);
  EXPECT_TRUE(files.count("keep.txt"));
  EXPECT_TRUE(files.count(".gitattributes"));
}

TEST(Commit, DeletedFileNamingAFolderDeletesIt) {
  // As on the Hub: Python sends deletedFile for CommitOperationDelete("folder") (no trailing '/').
  auto id = new_model();
  commit_ok(id,
            {header_line("add"), text_line("d/x.txt", "x"), text_line("d/e/y.txt", "y"), text_line("d2/z.txt", "z")});
  commit_ok(id, {header_line("delete"), deleted_file_line("d")});
  auto files = siblings(id);
  EXPECT_EQ(files.size(), 2u);
  EXPECT_TRUE(files.count("d2/z.txt"));
}

TEST(Commit, DeleteThenAddOfOnePathReAddsIt) {
  // The Hub applies operations in order; Python keeps an unchanged file's add when the same
  // commit deletes it (or its folder), so the file must survive.
  auto id = new_model();
  commit_ok(id, {header_line("add"), text_line("a.txt", "a"), text_line("d/x.txt", "x"), text_line("d/y.txt", "y")});
  commit_ok(id, {header_line("again"), deleted_file_line("a.txt"), text_line("a.txt", "a2"), deleted_folder_line("d/"),
                 text_line("d/x.txt", "x")});
  auto files = siblings(id);
  EXPECT_EQ(files.size(), 3u);
  EXPECT_EQ(files["a.txt"].at("blobId").as_string(), git_blob_sha1("a2"));
  EXPECT_TRUE(files.count("d/x.txt"));
  EXPECT_FALSE(files.count("d/y.txt"));
}

TEST(Commit, DeletingAMissingFileIs404AndCommitsNothing) {
  auto id = new_model();
  auto before = head_of(id);
  auto r = post_commit(id, {header_line("delete"), deleted_file_line("nope.txt")});
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.header("x-error-code"), "EntryNotFound");
  EXPECT_NE(r.body.find("doesn't exist"), std::string::npos) << r.body;
  auto folder = post_commit(id, {header_line("delete"), deleted_folder_line("nodir")});
  EXPECT_EQ(folder.status, 404);
  EXPECT_EQ(head_of(id), before);
}

TEST(Commit, ParentCommitGuardsAgainstConcurrentChanges) {
  auto id = new_model();
  auto first = head_of(id);
  auto second = commit_ok(id, {header_line("one", first), text_line("a.txt", "1")});
  ASSERT_FALSE(second.empty());
  auto stale = post_commit(id, {header_line("stale", first), text_line("a.txt", "2")});
  EXPECT_EQ(stale.status, 412) << stale.body;
  // The Hub's words: clients show them as they are.
  EXPECT_EQ(stale.json().at("error").as_string(),
            "The branch was updated since you opened this page. Please refresh and try again.");
  EXPECT_EQ(head_of(id), second);
  EXPECT_EQ(siblings(id)["a.txt"].at("blobId").as_string(), git_blob_sha1("1"));
  // A parent the repo never had is refused the same way.
  auto unknown = post_commit(id, {header_line("bad", std::string(40, 'a')), text_line("a.txt", "3")});
  EXPECT_EQ(unknown.status, 412);
  // Python documents 7-digit shorthands of the parent commit.
  auto third = commit_ok(id, {header_line("short", second.substr(0, 7)), text_line("a.txt", "4")});
  EXPECT_EQ(head_of(id), third);
  EXPECT_EQ(post_commit(id, {header_line("short stale", second.substr(0, 7)), text_line("a.txt", "5")}).status, 412);
  auto pr = post_commit(id, {header_line("pr", third.substr(0, 7)), text_line("a.txt", "6")}, "main", "?create_pr=1");
  EXPECT_EQ(pr.status, 200) << pr.body;
}

TEST(Commit, ConcurrentCommitsOnTheSameParentOneWins) {
  auto id = new_model();
  for (int round = 0; round < 3; ++round) {
    auto parent = head_of(id);
    std::atomic<int> ok{0}, refused{0}, other{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < 2; ++i)
      threads.emplace_back([&, i] {
        auto r = post_commit(id, {header_line("racer", parent), text_line("race.txt", std::to_string(round * 2 + i))});
        (r.status == 200 ? ok : r.status == 412 ? refused : other)++;
      });
    for (auto& t : threads) t.join();
    EXPECT_EQ(ok.load(), 1);
    EXPECT_EQ(refused.load(), 1);
    EXPECT_EQ(other.load(), 0);
    EXPECT_NE(head_of(id), parent);
  }
}

TEST(Commit, LfsFilesMustHaveBeenUploaded) {
  auto id = new_model();
  auto before = head_of(id);
  auto never = post_commit(id, {header_line("lfs"), lfs_line("w.bin", std::string(64, 'b'), 10)});
  EXPECT_EQ(never.status, 400) << never.body;
  EXPECT_EQ(never.header("x-error-code"), "LfsObjectNotFound");
  EXPECT_EQ(head_of(id), before);

  std::string content(3000, 'w');
  auto oid = put_lfs_object(id, content);
  auto wrong_size = post_commit(id, {header_line("lfs"), lfs_line("w.bin", oid, 2999)});
  EXPECT_EQ(wrong_size.status, 400);
  commit_ok(id, {header_line("lfs"), lfs_line("w.bin", oid, 3000)});
  // Python copies an LFS file by naming its oid again, without a size.
  commit_ok(id, {header_line("copy"), lfs_line("copy/w.bin", oid, std::nullopt)});
  auto files = siblings(id);
  for (auto* path : {"w.bin", "copy/w.bin"}) {
    ASSERT_TRUE(files[path].contains("lfs")) << path;
    EXPECT_EQ(files[path].at("lfs").at("sha256").as_string(), oid);
    EXPECT_EQ(files[path].at("size").as_int64(), 3000);
  }
}

// 422, as the Hub answers a path it refuses to write (a 400 before).
TEST(Commit, InvalidPathsAre422AndCommitNothing) {
  auto id = new_model();
  auto before = head_of(id);
  for (const std::string& path :
       std::vector<std::string>{"../x", "/abs", "..\\x", ".git/config", std::string("a\0b", 3), "a/./b", "a//b", "dir/",
                                std::string(300, 's') + "/x"}) {
    auto r = post_commit(id, {header_line("bad"), text_line("ok.txt", "ok"), text_line(path, "x")});
    EXPECT_EQ(r.status, 422) << path << ": " << r.body;
    EXPECT_EQ(r.header("x-error-code"), "InvalidPath") << path;
  }
  for (const char* path : {"../x", "/abs", ".GIT/x"}) {
    for (const auto& line : {deleted_file_line(path), deleted_folder_line(path)}) {
      auto r = post_commit(id, {header_line("bad"), line});
      EXPECT_EQ(r.status, 422) << path;
      EXPECT_EQ(r.header("x-error-code"), "InvalidPath") << path;
    }
  }
  // Invalid UTF-8 cannot even be a JSON string.
  auto raw = post_commit(id, {header_line("bad"), R"({"key":"file","value":{"path":"a)"
                                                  "\xff\xfe"
                                                  R"(","content":""}})"});
  EXPECT_EQ(raw.status, 400);
  EXPECT_EQ(head_of(id), before);
}

// The Hub stores any path git allows: a backslash is part of a name (`folder/..\x` is one file
// named `..\x`), and the server never maps a repo path onto its own filesystem.
TEST(Commit, BackslashesInsideNamesAreStoredAsTheyAre) {
  auto id = new_model();
  commit_ok(id, {header_line("backslashes"), text_line("folder/..\\x", "dots"), text_line("a\\b.txt", "ab")});
  auto files = siblings(id);
  EXPECT_TRUE(files.contains("folder/..\\x"));
  EXPECT_TRUE(files.contains("a\\b.txt"));
  EXPECT_EQ(http_get(api_url("/" + id + "/resolve/main/folder/..%5Cx")).body, "dots");
  EXPECT_EQ(http_get(api_url("/" + id + "/resolve/main/a%5Cb.txt")).body, "ab");
  commit_ok(id, {header_line("delete"), deleted_file_line("folder/..\\x")});
  EXPECT_FALSE(siblings(id).contains("folder/..\\x"));
}

TEST(Commit, MalformedPayloadsAre400) {
  auto id = new_model();
  for (const std::vector<std::string>& lines : std::vector<std::vector<std::string>>{
           {},
           {"not json"},
           {text_line("a.txt", "a")},  // no header
           {header_line("x"), R"({"key":"copy","value":{"path":"a"}})"},
           {header_line("x"), R"({"key":"file","value":{"path":"a","content":"***","encoding":"base64"}})"},
           {header_line("x"), text_line("a.txt", "1"), text_line("a.txt", "2")},
           {header_line("x"), lfs_line("w.bin", "xyz", 1)},
       }) {
    auto r = post_commit(id, lines);
    EXPECT_EQ(r.status, 400) << (lines.empty() ? "" : lines.back()) << ": " << r.body;
    EXPECT_EQ(r.header("x-error-code"), "BadRequest");
  }
}

TEST(Commit, CommitsGoToBranchesNotTagsOrUnknownRevisions) {
  auto id = new_model();
  EXPECT_EQ(post_commit(id, {header_line("x"), text_line("a", "a")}, "nobranch").status, 404);
  auto sha = head_of(id);
  EXPECT_EQ(post_commit(id, {header_line("x"), text_line("a", "a")}, sha).status, 400);
}

TEST(Commit, CreatePrOpensNumberedPullRequests) {
  auto id = new_model();
  auto main_head = head_of(id);
  auto first = post_commit(id, {header_line("PR one"), text_line("pr.txt", "1")}, "main", "?create_pr=1");
  ASSERT_EQ(first.status, 200) << first.body;
  auto pr_url = std::string(first.json().at("pullRequestUrl").as_string());
  EXPECT_EQ(pr_url, api_url("/" + id + "/discussions/1"));
  auto pr_sha = std::string(first.json().at("commitOid").as_string());
  EXPECT_EQ(head_of(id, "refs%2Fpr%2F1"), pr_sha);
  // Python derives refs/pr/1 from the URL and reads the PR's repo info there.
  auto at_pr = http_get(api_url("/api/models/" + id + "/revision/refs%2Fpr%2F1"), {bearer(Tokens::alice_write)});
  ASSERT_EQ(at_pr.status, 200) << at_pr.body;
  EXPECT_EQ(at_pr.json().at("sha").as_string(), pr_sha);
  EXPECT_EQ(head_of(id), main_head) << "a PR leaves main alone";
  EXPECT_FALSE(siblings(id).count("pr.txt"));

  auto second = post_commit(id, {header_line("PR two"), text_line("pr2.txt", "2")}, "main", "?create_pr=True");
  ASSERT_EQ(second.status, 200) << second.body;
  EXPECT_TRUE(std::string(second.json().at("pullRequestUrl").as_string()).ends_with("/discussions/2"));

  // Python ≥1.20 commits to an open PR by its ref, encoded; JS may send it raw.
  auto appended = commit_ok(id, {header_line("more", pr_sha), text_line("pr.txt", "1b")}, "refs%2Fpr%2F1");
  EXPECT_EQ(head_of(id, "refs%2Fpr%2F1"), appended);
  auto raw = commit_ok(id, {header_line("raw ref"), text_line("pr3.txt", "3")}, "refs/pr/1");
  EXPECT_EQ(head_of(id, "refs/pr/1"), raw);
  EXPECT_EQ(head_of(id), main_head);
}

TEST(Commit, DatasetCommitUrlHasItsPrefix) {
  auto id = "alice/" + unique_name("dscommit");
  client(Tokens::alice_write).create_repo(id, {.repo_type = RepoType::Dataset});
  auto r = post_commit(id, {header_line("data"), text_line("data.csv", "a,b\n")}, "main", "", Tokens::alice_write, true,
                       "datasets");
  ASSERT_EQ(r.status, 200) << r.body;
  auto sha = std::string(r.json().at("commitOid").as_string());
  EXPECT_EQ(r.json().at("commitUrl").as_string(), api_url("/datasets/" + id + "/commit/" + sha));
}

TEST(Commit, FiveThousandSmallFilesInOneCommit) {
  auto id = new_model();
  std::vector<std::string> lines{header_line("many files")};
  // ~1.8 MB of NDJSON: beyond the size the transport keeps in memory, so it arrives spooled.
  for (int i = 0; i < 5000; ++i)
    lines.push_back(file_line("shard/" + std::to_string(i % 50) + "/file-" + std::to_string(i) + ".txt",
                              std::string(200, char('a' + i % 26))));
  auto r = post_commit(id, lines);
  ASSERT_EQ(r.status, 200) << r.body.substr(0, 300);
  EXPECT_EQ(siblings(id).size(), 5001u);
}

TEST(Commit, InlineFilesBeyondTheJsonBodyLimit) {
  auto id = new_model();
  // 4 × 5 MB as base64 is ~27 MB of NDJSON, above the 16 MiB in-memory body limit.
  std::vector<std::string> lines{header_line("big inline files")};
  std::string big(5'000'000, '\0');
  for (int f = 0; f < 4; ++f) {
    uint32_t x = 2463534242u + f;
    for (auto& c : big) c = char((x ^= x << 13, x ^= x >> 17, x ^= x << 5) & 0xff);
    lines.push_back(file_line("big" + std::to_string(f) + ".dat", big));
  }
  auto r = post_commit(id, lines);
  ASSERT_EQ(r.status, 200) << r.body.substr(0, 300);
  auto files = siblings(id);
  EXPECT_EQ(files["big3.dat"].at("blobId").as_string(), git_blob_sha1(big));
  EXPECT_EQ(files["big0.dat"].at("size").as_int64(), 5'000'000);
}

TEST(Commit, RequiresWriteRights) {
  auto id = new_model();
  auto before = head_of(id);
  std::vector<std::string> lines{header_line("x"), text_line("a.txt", "a")};
  auto anonymous = post_commit(id, lines, "main", "", nullptr);
  EXPECT_EQ(anonymous.status, 401);
  auto read_token = post_commit(id, lines, "main", "", Tokens::alice_read);
  EXPECT_EQ(read_token.status, 403);
  auto other_user = post_commit(id, lines, "main", "", Tokens::carol_write);
  EXPECT_EQ(other_user.status, 403);
  auto missing = post_commit("alice/" + unique_name("missing"), lines);
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.header("x-error-code"), "RepoNotFound");
  EXPECT_EQ(head_of(id), before);

  auto secret = new_model("alice", /*is_private=*/true);
  auto hidden = post_commit(secret, lines, "main", "", Tokens::carol_write);
  EXPECT_EQ(hidden.status, 404);
  EXPECT_EQ(hidden.header("x-error-code"), "RepoNotFound");
  // Org repos: alice administers acme, bob only reads it.
  auto org = new_model("acme");
  EXPECT_EQ(post_commit(org, lines, "main", "", Tokens::bob_read).status, 403);
  commit_ok(org, lines);
}

}  // namespace
}  // namespace hfhub::testing

namespace hfhub::testing {

// Every API commit writes one pack; past a threshold they are merged, and nothing is lost.
TEST(Commit, ManyCommitsAreRepackedIntoFewPacks) {
  auto id = new_model();
  auto info = http_get(api_url("/api/models/" + id));
  auto dir = shared_server().data_dir() + "/repos/" + std::string(info.json().at("_id").as_string()) + ".git";
  size_t most = 0;
  for (int i = 0; i < 40; ++i) {
    auto r = post_commit(id, {header_line("c" + std::to_string(i)), text_line("f" + std::to_string(i) + ".txt", "x")});
    ASSERT_EQ(r.status, 200) << r.body;
    size_t packs = 0;
    for (auto& e : std::filesystem::directory_iterator(dir + "/objects/pack"))
      if (e.path().extension() == ".pack") ++packs;
    most = std::max(most, packs);
  }
  EXPECT_LE(most, 33u);  // never more than the threshold plus the commit that triggers the repack
  EXPECT_EQ(count_commits(id, "main"), 41);
  auto fsck = run({"/usr/bin/git", "-C", dir, "fsck", "--connectivity-only", "--no-dangling"});
  EXPECT_EQ(fsck.exit_code, 0) << fsck.err;
  auto r = http_get(api_url("/" + id + "/resolve/main/f0.txt"));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "x");
}

}  // namespace hfhub::testing
