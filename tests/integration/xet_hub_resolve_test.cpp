// Xet-backed files on the Hub side (docs/xet.md#resolve): resolve streams the reconstruction to
// any client (whole, HEAD, Range), answers hf.js's fileinfo form, and tree, paths-info and repo
// info say which files are Xet-backed.
#include <gtest/gtest.h>

#include <random>

#include "commit_support.h"
#include "raw_http.h"
#include "server_fixture.h"
#include "xet_support.h"

namespace hfhub::testing {
namespace {

namespace json = boost::json;

std::string sample(size_t n, uint32_t seed) {
  std::mt19937 rng(seed);
  std::string out(n, '\0');
  for (size_t i = 0; i < n; ++i) out[i] = char(i % 4096 < 1024 ? 'x' : rng());  // some compressible runs
  return out;
}

class XetHub : public ::testing::Test {
 protected:
  void SetUp() override {
    id_ = new_model();
    content_ = sample(3 * 1024 * 1024 + 777, 7);
    up_ = put_xet_file(id_, content_, 1 << 20);  // several xorbs
    commit_ = commit_ok(id_, {header_line("weights"), lfs_line("model.bin", up_.sha256, int64_t(content_.size()))});
  }
  std::string url(const std::string& rev = "main") { return api_url("/" + id_ + "/resolve/" + rev + "/model.bin"); }

  std::string id_, content_, commit_;
  XetUploaded up_;
};

TEST_F(XetHub, ResolveStreamsTheReconstructionWithItsLength) {
  auto r = http_get(url());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("content-length"), std::to_string(content_.size()));
  EXPECT_EQ(r.header("transfer-encoding"), "");
  EXPECT_TRUE(r.body == content_);
  EXPECT_EQ(r.header("x-xet-hash"), up_.file_hash);
  EXPECT_EQ(r.header("x-linked-size"), std::to_string(content_.size()));
  EXPECT_EQ(r.header("etag"), "\"" + up_.sha256 + "\"");
  auto link = r.header("link");
  EXPECT_NE(link.find("/api/models/" + id_ + "/xet-read-token/" + commit_ + ">; rel=\"xet-auth\""), std::string::npos)
      << link;
  EXPECT_NE(link.find("/v1/reconstructions/" + up_.file_hash + ">; rel=\"xet-reconstruction-info\""), std::string::npos)
      << link;
}

TEST_F(XetHub, HeadAnswersTheHeadersAlone) {
  auto r = http("HEAD", url());
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.header("content-length"), std::to_string(content_.size()));
  EXPECT_EQ(r.header("x-xet-hash"), up_.file_hash);
  EXPECT_EQ(r.header("x-repo-commit"), commit_);
  EXPECT_TRUE(r.body.empty());
}

TEST_F(XetHub, RangesAnswer206WithTheirBytes) {
  const size_t n = content_.size();
  for (auto [first, last] : std::vector<std::pair<size_t, size_t>>{
           {0, 0}, {1000, 1500099}, {(1 << 20) - 5, (1 << 20) + 5}, {n - 1, n - 1}, {12345, n - 1}}) {
    auto r = http_get(url(), {"Range: bytes=" + std::to_string(first) + "-" + std::to_string(last)});
    ASSERT_EQ(r.status, 206) << first;
    EXPECT_EQ(r.header("content-range"),
              "bytes " + std::to_string(first) + "-" + std::to_string(last) + "/" + std::to_string(n));
    EXPECT_EQ(r.header("content-length"), std::to_string(last - first + 1));
    EXPECT_TRUE(r.body == content_.substr(first, last - first + 1)) << first << "-" << last;
  }
  auto suffix = http_get(url(), {"Range: bytes=-10"});
  EXPECT_EQ(suffix.status, 206);
  EXPECT_TRUE(suffix.body == content_.substr(n - 10));
  EXPECT_EQ(http_get(url(), {"Range: bytes=" + std::to_string(n) + "-"}).status, 416);
}

// What @huggingface/hub's fileDownloadInfo sends and needs (docs/xet.md#resolve).
TEST_F(XetHub, FileinfoAnswerForHfJs) {
  auto r = http_get(url(), {"Range: bytes=0-0", "Accept: application/vnd.xet-fileinfo+json, */*"});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.header("content-type").find("application/vnd.xet-fileinfo+json"), std::string::npos);
  EXPECT_EQ(r.header("x-linked-size"), std::to_string(content_.size()));
  EXPECT_EQ(r.header("x-xet-hash"), up_.file_hash);
  EXPECT_EQ(r.header("x-linked-etag"), "\"" + up_.sha256 + "\"");
  auto body = r.json().as_object();
  EXPECT_EQ(body.at("hash"), up_.file_hash.c_str());
  EXPECT_EQ(body.at("size"), int64_t(content_.size()));
  EXPECT_EQ(body.at("etag"), up_.sha256.c_str());
  EXPECT_NE(std::string(body.at("refreshUrl").as_string()).find("/xet-read-token/" + commit_), std::string::npos);
  EXPECT_TRUE(std::string(body.at("reconstructionUrl").as_string()).starts_with("http"));
  // A plain file keeps the ordinary answer, whatever the Accept header.
  commit_ok(id_, {header_line("small"), text_line("notes.txt", "hello")});
  auto plain = http_get(api_url("/" + id_ + "/resolve/main/notes.txt"),
                        {"Range: bytes=0-0", "Accept: application/vnd.xet-fileinfo+json, */*"});
  EXPECT_EQ(plain.status, 206);
  EXPECT_EQ(plain.header("x-xet-hash"), "");
}

TEST_F(XetHub, TreeAndPathsInfoCarryTheXetHash) {
  commit_ok(id_, {header_line("small"), text_line("notes.txt", "hello")});
  std::map<std::string, json::object> entries;
  for (auto& e : json_array(http_get(api_url("/api/models/" + id_ + "/tree/main")))) {
    entries[std::string(e.at("path").as_string())] = e.as_object();
  }
  ASSERT_TRUE(entries.count("model.bin"));
  EXPECT_EQ(entries["model.bin"].at("xetHash"), up_.file_hash.c_str());
  EXPECT_EQ(entries["model.bin"].at("lfs").at("oid"), up_.sha256.c_str());
  EXPECT_FALSE(entries["notes.txt"].contains("xetHash"));

  auto info = http("POST", api_url("/api/models/" + id_ + "/paths-info/main"), {"Content-Type: application/json"},
                   R"({"paths":["model.bin","notes.txt"]})");
  ASSERT_EQ(info.status, 200) << info.body;
  for (auto& e : json_array(info)) {
    if (e.at("path") == "model.bin") {
      EXPECT_EQ(e.at("xetHash"), up_.file_hash.c_str());
    } else {
      EXPECT_FALSE(e.as_object().contains("xetHash"));
    }
  }
}

TEST_F(XetHub, RepoInfoSaysXetEnabled) {
  EXPECT_EQ(repo_info(id_).at("xetEnabled"), true);
  auto r = http_get(api_url("/api/models/" + id_ + "?expand=xetEnabled"));
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.json().at("xetEnabled"), true);
}

// Python's CommitOperationCopy of an LFS file commits a pointer to the same object.
TEST_F(XetHub, ACopyIsXetBackedToo) {
  commit_ok(id_, {header_line("copy"), lfs_line("copy/model.bin", up_.sha256, int64_t(content_.size()))});
  auto r = http_get(api_url("/" + id_ + "/resolve/main/copy/model.bin"));
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(r.body == content_);
  EXPECT_EQ(r.header("x-xet-hash"), up_.file_hash);
}

TEST(XetHubEmpty, AnEmptyXetFileResolvesEmpty) {
  auto id = new_model();
  auto up = put_xet_file(id, "");
  commit_ok(id, {header_line("empty"), lfs_line("empty.bin", up.sha256, 0)});
  auto url = api_url("/" + id + "/resolve/main/empty.bin");
  auto r = http_get(url);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.body, "");
  EXPECT_EQ(r.header("content-length"), "0");
  EXPECT_EQ(r.header("x-xet-hash"), up.file_hash);
  auto probe = http_get(url, {"Range: bytes=0-0"});  // JS reads the size from Content-Range
  EXPECT_EQ(probe.status, 200);
  EXPECT_EQ(probe.header("content-range"), "bytes */0");
}

}  // namespace
}  // namespace hfhub::testing
