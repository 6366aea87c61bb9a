// File downloads (docs/hub-behaviour.md#file-downloads): /resolve/ and /raw/ for models, datasets and spaces —
// ETags, X-Repo-Commit, X-Linked-*, ranges, conditional requests, the error codes the clients map —
// and repo info at a revision.
#include <gtest/gtest.h>

#include "commit_support.h"
#include "common/hash.h"
#include "common/lfs_pointer.h"
#include "raw_http.h"
#include "server_fixture.h"

namespace hfhub::testing {
namespace {

std::string in_quotes(const std::string& s) { return "\"" + s + "\""; }

// Bytes that are not text, so a body mix-up cannot go unnoticed.
std::string binary_content(size_t n) {
  std::string out(n, '\0');
  uint32_t x = 2463534242u;
  for (auto& c : out) {
    x ^= x << 13, x ^= x >> 17, x ^= x << 5;
    c = char(x & 0xff);
  }
  return out;
}

// One model repo shared by the suite: a regular file, a folder, an LFS file, an empty file and
// a pull request.
class Resolve : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    id_ = new_model("alice");
    lfs_content_ = binary_content(200'000);
    lfs_oid_ = put_lfs_object(id_, lfs_content_);
    head_ = commit_ok(
        id_, {header_line("add files"), text_line("config.json", kConfig), text_line("dir/notes.txt", "notes\n"),
              text_line("empty.txt", ""), text_line("sub dir/h\xc3\xa9llo world.txt", "hi"),
              lfs_line("weights.bin", lfs_oid_, int64_t(lfs_content_.size()))});
    auto pr = post_commit(id_, {header_line("a pr"), text_line("pr.txt", "from the pr")}, "main", "?create_pr=1");
    ASSERT_EQ(pr.status, 200) << pr.body;
    pr_commit_ = std::string(pr.json().at("commitOid").as_string());
  }

  static std::string url(const std::string& rev_and_path, const std::string& view = "resolve") {
    return api_url("/" + id_ + "/" + view + "/" + rev_and_path);
  }

  static constexpr const char* kConfig = "{\"model_type\": \"bert\"}\n";
  static inline std::string id_, head_, pr_commit_, lfs_content_, lfs_oid_;
};

TEST_F(Resolve, RegularFileIsTheGitBlobWithItsSha1AsETag) {
  auto r = http_get(url("main/config.json"));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.body, kConfig);
  EXPECT_EQ(r.header("etag"), in_quotes(git_blob_sha1(kConfig)));
  EXPECT_EQ(r.header("x-repo-commit"), head_);
  EXPECT_EQ(r.header("accept-ranges"), "bytes");
  EXPECT_EQ(r.header("content-type"), "text/plain; charset=utf-8");
  EXPECT_EQ(r.header("content-disposition"), "inline; filename*=UTF-8''config.json; filename=\"config.json\"");
  EXPECT_EQ(r.header("content-length"), std::to_string(std::string(kConfig).size()));
  EXPECT_EQ(r.header("x-linked-etag"), "");
  EXPECT_EQ(r.header("x-linked-size"), "");
}

TEST_F(Resolve, HeadAnswersTheSameHeadersWithoutBody) {
  auto r = http("HEAD", url("main/dir/notes.txt"), {"Accept-Encoding: identity"});
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "");
  EXPECT_EQ(r.header("content-length"), "6");
  EXPECT_EQ(r.header("etag"), in_quotes(git_blob_sha1("notes\n")));
  EXPECT_EQ(r.header("x-repo-commit"), head_);

  auto lfs = http("HEAD", url("main/weights.bin"));
  ASSERT_EQ(lfs.status, 200);
  EXPECT_EQ(lfs.header("content-length"), std::to_string(lfs_content_.size()));
  EXPECT_EQ(lfs.header("x-linked-size"), std::to_string(lfs_content_.size()));
  EXPECT_EQ(lfs.header("x-linked-etag"), in_quotes(lfs_oid_));
}

TEST_F(Resolve, LfsFileIsServedFromTheBlobStoreWithSha256ETag) {
  auto r = http_get(url("main/weights.bin"));
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(r.body == lfs_content_) << "body differs, size " << r.body.size();
  EXPECT_EQ(r.header("etag"), in_quotes(lfs_oid_));
  EXPECT_EQ(r.header("x-linked-etag"), in_quotes(lfs_oid_));
  EXPECT_EQ(r.header("x-linked-size"), std::to_string(lfs_content_.size()));
  EXPECT_EQ(r.header("x-repo-commit"), head_);
  EXPECT_EQ(r.header("content-type"), "application/octet-stream");
}

TEST_F(Resolve, RawServesTheLfsPointer) {
  auto pointer = format_lfs_pointer({lfs_oid_, int64_t(lfs_content_.size())});
  auto r = http_get(url("main/weights.bin", "raw"));
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.body, pointer);
  EXPECT_EQ(r.header("etag"), in_quotes(git_blob_sha1(pointer)));
  EXPECT_EQ(r.header("x-linked-etag"), "");
  EXPECT_EQ(r.header("x-linked-size"), "");
  EXPECT_EQ(r.header("x-repo-commit"), head_);
  auto head = http("HEAD", url("main/weights.bin", "raw"));
  EXPECT_EQ(head.header("content-length"), std::to_string(pointer.size()));
  // A regular file is the same on /raw/ and /resolve/.
  EXPECT_EQ(http_get(url("main/config.json", "raw")).body, kConfig);
}

TEST_F(Resolve, SingleRangesAnswer206) {
  auto total = std::to_string(lfs_content_.size());
  auto r = http_get(url("main/weights.bin"), {"Range: bytes=0-0"});
  ASSERT_EQ(r.status, 206);
  EXPECT_EQ(r.header("content-range"), "bytes 0-0/" + total);
  EXPECT_EQ(r.header("content-length"), "1");
  EXPECT_EQ(r.body, lfs_content_.substr(0, 1));
  EXPECT_EQ(r.header("etag"), in_quotes(lfs_oid_));

  r = http_get(url("main/weights.bin"), {"Range: bytes=1000-66535"});
  ASSERT_EQ(r.status, 206);
  EXPECT_EQ(r.header("content-range"), "bytes 1000-66535/" + total);
  EXPECT_TRUE(r.body == lfs_content_.substr(1000, 65536));

  r = http_get(url("main/weights.bin"), {"Range: bytes=199990-"});
  EXPECT_EQ(r.status, 206);
  EXPECT_EQ(r.body, lfs_content_.substr(199990));
  r = http_get(url("main/weights.bin"), {"Range: bytes=-7"});
  EXPECT_EQ(r.status, 206);
  EXPECT_EQ(r.header("content-range"), "bytes 199993-199999/" + total);
  EXPECT_EQ(r.body, lfs_content_.substr(199993));

  // Regular files too; a range past the end is clamped.
  r = http_get(url("main/config.json"), {"Range: bytes=2-100000"});
  EXPECT_EQ(r.status, 206);
  EXPECT_EQ(r.body, std::string(kConfig).substr(2));
  EXPECT_EQ(r.header("content-range"), "bytes 2-" + std::to_string(std::string(kConfig).size() - 1) + "/" +
                                           std::to_string(std::string(kConfig).size()));
  auto head = http("HEAD", url("main/weights.bin"), {"Range: bytes=10-19"});
  EXPECT_EQ(head.status, 206);
  EXPECT_EQ(head.header("content-length"), "10");
}

TEST_F(Resolve, UnsatisfiableRangeIs416AndMultiRangeIsWhole) {
  auto total = std::to_string(lfs_content_.size());
  auto r = http_get(url("main/weights.bin"), {"Range: bytes=" + total + "-"});
  EXPECT_EQ(r.status, 416);
  EXPECT_EQ(r.header("content-range"), "bytes */" + total);
  EXPECT_EQ(r.header("x-error-code"), "RangeNotSatisfiable");
  EXPECT_TRUE(r.json().as_object().contains("error"));

  r = http_get(url("main/weights.bin"), {"Range: bytes=0-1,5-6"});
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body.size(), lfs_content_.size());
  EXPECT_EQ(r.header("content-range"), "");
}

TEST_F(Resolve, EmptyFileStillReportsItsSizeToARangeProbe) {
  // JS probes with bytes=0-0 and needs Content-Range for the size.
  auto r = http_get(url("main/empty.txt"), {"Range: bytes=0-0"});
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "");
  EXPECT_EQ(r.header("content-range"), "bytes */0");
  EXPECT_EQ(r.header("etag"), in_quotes(git_blob_sha1("")));
}

TEST_F(Resolve, IfNoneMatchAnswers304) {
  for (auto tag : {in_quotes(lfs_oid_), "W/" + in_quotes(lfs_oid_), lfs_oid_, std::string("*")}) {
    auto r = http_get(url("main/weights.bin"), {"If-None-Match: " + tag});
    EXPECT_EQ(r.status, 304) << tag;
    EXPECT_EQ(r.body, "");
    EXPECT_EQ(r.header("etag"), in_quotes(lfs_oid_));
    EXPECT_EQ(r.header("x-repo-commit"), head_);
  }
  EXPECT_EQ(http_get(url("main/weights.bin"), {"If-None-Match: \"other\""}).status, 200);
  EXPECT_EQ(http_get(url("main/config.json"), {"If-None-Match: " + in_quotes(git_blob_sha1(kConfig))}).status, 304);
}

TEST_F(Resolve, MissingFileOrFolderIsEntryNotFoundWithTheCommit) {
  for (auto path : {"main/nope.txt", "main/dir", "main/dir/", "main"}) {
    auto r = http_get(url(path));
    EXPECT_EQ(r.status, 404) << path;
    EXPECT_EQ(r.header("x-error-code"), "EntryNotFound") << path;
    EXPECT_EQ(r.header("x-repo-commit"), head_) << path;
    auto head = http("HEAD", url(path));
    EXPECT_EQ(head.status, 404);
    EXPECT_EQ(head.header("x-error-code"), "EntryNotFound");
    EXPECT_EQ(head.header("x-repo-commit"), head_);
  }
}

TEST_F(Resolve, UnknownRevisionIsRevisionNotFound) {
  for (auto rev : {"nope", "refs%2Fpr%2F99", "0123456789012345678901234567890123456789"}) {
    auto r = http_get(url(std::string(rev) + "/config.json"));
    EXPECT_EQ(r.status, 404) << rev;
    EXPECT_EQ(r.header("x-error-code"), "RevisionNotFound") << rev;
  }
}

TEST_F(Resolve, InvalidPathIs400) {
  auto r = http_get(url("main/dir/%2E%2E/config.json"));
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.header("x-error-code"), "InvalidPath");
  EXPECT_EQ(http_get(url("main/.git%2Fconfig")).status, 400);
}

TEST_F(Resolve, PullRequestRevisionEncodedOrRaw) {
  for (auto rev : {"refs%2Fpr%2F1", "refs/pr/1"}) {
    auto r = http_get(url(std::string(rev) + "/pr.txt"));
    ASSERT_EQ(r.status, 200) << rev << r.body;
    EXPECT_EQ(r.body, "from the pr");
    EXPECT_EQ(r.header("x-repo-commit"), pr_commit_);
  }
  // The PR's file is not on main.
  EXPECT_EQ(http_get(url("main/pr.txt")).header("x-error-code"), "EntryNotFound");
}

TEST_F(Resolve, CommitShaAndHeadAsRevisions) {
  auto r = http_get(url(head_ + "/config.json"));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.header("x-repo-commit"), head_);
  r = http_get(url("HEAD/config.json"));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.header("x-repo-commit"), head_);
  r = http_get(url("refs/heads/main/dir/notes.txt"));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "notes\n");
}

TEST_F(Resolve, EncodedPathsAndContentDisposition) {
  auto r = http_get(url("main/sub%20dir/h%C3%A9llo%20world.txt"));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.body, "hi");
  EXPECT_EQ(r.header("content-disposition"),
            "inline; filename*=UTF-8''h%C3%A9llo%20world.txt; filename=\"h__llo world.txt\"");
  r = http_get(url("main/sub%20dir/h%C3%A9llo%20world.txt?noContentDisposition=1&download=true"));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.header("content-disposition"), "");
}

TEST_F(Resolve, PrivateRepoAnswersRepoNotFound) {
  auto id = new_model("alice", /*is_private=*/true);
  commit_ok(id, {header_line("x"), text_line("a.txt", "secret")});
  auto path = "/" + id + "/resolve/main/a.txt";
  auto anon = http_get(api_url(path));
  EXPECT_EQ(anon.status, 401);
  EXPECT_EQ(anon.header("x-error-code"), "RepoNotFound");
  auto carol = http_get(api_url(path), {bearer(Tokens::carol_write)});
  EXPECT_EQ(carol.status, 404);
  EXPECT_EQ(carol.header("x-error-code"), "RepoNotFound");
  auto alice = http_get(api_url(path), {bearer(Tokens::alice_read)});
  EXPECT_EQ(alice.status, 200);
  EXPECT_EQ(alice.body, "secret");
}

TEST_F(Resolve, GatedRepoAnswersGatedRepo) {
  auto id = new_model("alice");
  commit_ok(id, {header_line("x"), text_line("a.txt", "gated")});
  auto settings = http("PUT", api_url("/api/models/" + id + "/settings"),
                       {bearer(Tokens::alice_write), "Content-Type: application/json"}, R"({"gated":"auto"})");
  ASSERT_EQ(settings.status, 200) << settings.body;
  auto path = "/" + id + "/resolve/main/a.txt";
  auto anon = http("HEAD", api_url(path));
  EXPECT_EQ(anon.status, 401);
  EXPECT_EQ(anon.header("x-error-code"), "GatedRepo");
  auto carol = http_get(api_url(path), {bearer(Tokens::carol_write)});
  EXPECT_EQ(carol.status, 403);
  EXPECT_EQ(carol.header("x-error-code"), "GatedRepo");
  EXPECT_EQ(http_get(api_url(path), {bearer(Tokens::alice_read)}).body, "gated");
}

TEST_F(Resolve, DatasetsAndSpacesUseTheirPrefix) {
  auto alice = client(Tokens::alice_write);
  auto ds = "alice/" + unique_name("resolve-ds");
  alice.create_repo(ds, {.repo_type = RepoType::Dataset});
  auto ds_commit = commit_ok(ds, {header_line("x"), text_line("data.csv", "a,b\n")}, "main", "datasets");
  auto r = http_get(api_url("/datasets/" + ds + "/resolve/main/data.csv"));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "a,b\n");
  EXPECT_EQ(r.header("x-repo-commit"), ds_commit);
  EXPECT_EQ(http_get(api_url("/datasets/" + ds + "/raw/main/data.csv")).body, "a,b\n");
  // The same id as a model does not exist.
  EXPECT_EQ(http_get(api_url("/" + ds + "/resolve/main/data.csv"), {bearer(Tokens::alice_read)}).header("x-error-code"),
            "RepoNotFound");

  auto sp = "alice/" + unique_name("resolve-sp");
  auto created = http("POST", api_url("/api/repos/create"), {bearer(Tokens::alice_write)},
                      R"({"name":")" + sp + R"(","type":"space","sdk":"static"})");
  ASSERT_EQ(created.status, 200) << created.body;
  commit_ok(sp, {header_line("x"), text_line("index.html", "<p>hi</p>")}, "main", "spaces");
  r = http_get(api_url("/spaces/" + sp + "/resolve/main/index.html"));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "<p>hi</p>");
  // Never served as HTML.
  EXPECT_EQ(r.header("content-type"), "text/plain; charset=utf-8");
}

TEST_F(Resolve, RenamedRepoRedirectsRelatively) {
  auto alice = client(Tokens::alice_write);
  auto from = new_model("alice");
  commit_ok(from, {header_line("x"), text_line("a.txt", "moved")});
  auto to = "alice/" + unique_name("moved");
  auto moved = http("POST", api_url("/api/repos/move"), {bearer(Tokens::alice_write)},
                    R"({"fromRepo":")" + from + R"(","toRepo":")" + to + R"(","type":"model"})");
  ASSERT_EQ(moved.status, 200) << moved.body;
  auto r = http("HEAD", api_url("/" + from + "/resolve/main/a.txt"));
  EXPECT_EQ(r.status, 307);
  EXPECT_EQ(r.header("location"), "/" + to + "/resolve/main/a.txt");
}

TEST_F(Resolve, CatalogOnlyRepoHasNoFiles) {
  // Demo-catalog repos carry a sha but no git storage.
  auto list = http_get(api_url("/api/models?limit=100&sort=downloads"));
  ASSERT_EQ(list.status, 200);
  std::string id, sha;
  for (auto& m : json_array(list)) {
    auto info = http_get(api_url("/api/models/" + std::string(m.at("id").as_string())));
    if (info.status != 200) continue;
    auto o = info.json().as_object();
    auto* sha_field = o.if_contains("sha");
    auto* gated = o.if_contains("gated");
    if (sha_field && sha_field->is_string() && gated && gated->is_bool() && !gated->as_bool()) {
      id = std::string(o.at("id").as_string());
      sha = std::string(o.at("sha").as_string());
      break;
    }
  }
  ASSERT_FALSE(id.empty());
  auto r = http_get(api_url("/" + id + "/resolve/main/config.json"));
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.header("x-error-code"), "EntryNotFound");
  EXPECT_EQ(r.header("x-repo-commit"), sha);
}

// ---- repo info at a revision ---------------------------------------------------------------

TEST_F(Resolve, RepoInfoAtARevisionDescribesThatCommit) {
  auto at = [&](const std::string& rev) {
    return http_get(api_url("/api/models/" + id_ + "/revision/" + rev + "?blobs=true"));
  };
  auto rfilenames = [](const RawResponse& r) {
    std::vector<std::string> out;
    auto body = r.json();
    for (auto& s : body.at("siblings").as_array()) out.emplace_back(s.at("rfilename").as_string());
    std::sort(out.begin(), out.end());
    return out;
  };
  auto main = at("main");
  ASSERT_EQ(main.status, 200) << main.body;
  EXPECT_EQ(main.json().at("sha").as_string(), head_);
  auto on_main = rfilenames(main);
  EXPECT_EQ(std::count(on_main.begin(), on_main.end(), "pr.txt"), 0);

  for (auto rev : {std::string("refs%2Fpr%2F1"), std::string("refs/pr/1"), pr_commit_}) {
    auto pr = at(rev);
    ASSERT_EQ(pr.status, 200) << rev << pr.body;
    EXPECT_EQ(pr.json().at("sha").as_string(), pr_commit_) << rev;
    auto names = rfilenames(pr);
    EXPECT_EQ(std::count(names.begin(), names.end(), "pr.txt"), 1) << rev;
    EXPECT_EQ(names.size(), on_main.size() + 1);
  }
  // Sibling blobs at the revision are those of its commit.
  auto pr_info = at("refs%2Fpr%2F1").json();
  for (auto& s : pr_info.at("siblings").as_array())
    if (s.at("rfilename").as_string() == "weights.bin") {
      EXPECT_EQ(s.at("lfs").at("sha256").as_string(), lfs_oid_);
      EXPECT_EQ(s.at("size").as_int64(), int64_t(lfs_content_.size()));
    }
  EXPECT_EQ(at(head_).json().at("sha").as_string(), head_);
  EXPECT_EQ(at("HEAD").json().at("sha").as_string(), head_);
  auto missing = at("nope");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.header("x-error-code"), "RevisionNotFound");
}

}  // namespace
}  // namespace hfhub::testing
