// Xet-backed files and the LFS routes (docs/xet.md#negotiation): the batch API offers the xet
// transfer to clients that list it, downloads a Xet object over a plain signed href, lfs-files
// lists and deletes Xet-backed objects, deleting a repo unlinks its files, and
// `hfhubd admin xet-gc` then frees their xorbs.
#include <gtest/gtest.h>

#include <filesystem>

#include "commit_support.h"
#include "common/hash.h"
#include "raw_http.h"
#include "server_fixture.h"
#include "xet_support.h"

namespace hfhub::testing {
namespace {

namespace json = boost::json;

std::string batch_body(const std::string& operation, const std::string& oid, int64_t size,
                       const std::vector<std::string>& transfers) {
  json::array t;
  for (auto& x : transfers) t.push_back(json::string(x));
  return json::serialize(json::object{{"operation", operation},
                                      {"transfers", std::move(t)},
                                      {"objects", json::array{json::object{{"oid", oid}, {"size", size}}}},
                                      {"hash_algo", "sha_256"},
                                      {"ref", {{"name", "main"}}}});
}

RawResponse batch(const std::string& id, const std::string& body) {
  return http("POST", api_url("/" + id + ".git/info/lfs/objects/batch"),
              {"Content-Type: application/vnd.git-lfs+json", "Accept: application/vnd.git-lfs+json",
               bearer(Tokens::alice_write)},
              body);
}

size_t count_files(const std::filesystem::path& dir) {
  size_t n = 0;
  if (!std::filesystem::exists(dir)) return 0;
  for (auto& e : std::filesystem::recursive_directory_iterator(dir)) n += e.is_regular_file();
  return n;
}

class XetHubLfs : public ::testing::Test {
 protected:
  void SetUp() override {
    id_ = new_model();
    content_ = std::string(600000, 'q') + unique_name("tail");
    up_ = put_xet_file(id_, content_);
    commit_ok(id_, {header_line("weights"), lfs_line("model.bin", up_.sha256, int64_t(content_.size()))});
  }
  std::string id_, content_;
  XetUploaded up_;
};

TEST_F(XetHubLfs, BatchOffersXetToClientsThatListIt) {
  std::string fresh = sha256_hex("not uploaded yet " + id_);
  auto r = batch(id_, batch_body("upload", fresh, 10, {"basic", "multipart", "xet"}));
  ASSERT_EQ(r.status, 200) << r.body;
  auto answer = r.json().as_object();
  EXPECT_EQ(answer.at("transfer"), "xet");
  auto& upload = answer.at("objects").at(0).at("actions").at("upload").as_object();
  EXPECT_TRUE(std::string(upload.at("href").as_string()).ends_with("/api/models/" + id_ + "/xet-write-token/main"));
  auto& header = upload.at("header").as_object();
  for (auto* key : {"X-Xet-Cas-Url", "X-Xet-Access-Token", "X-Xet-Token-Expiration", "X-Xet-Session-Id"})
    EXPECT_TRUE(header.contains(key) && header.at(key).is_string()) << key;
  EXPECT_GT(std::stoll(std::string(header.at("X-Xet-Token-Expiration").as_string())), 0);

  // The Xet-backed object is present: nothing to send.
  auto present = batch(id_, batch_body("upload", up_.sha256, int64_t(content_.size()), {"basic", "xet"}));
  ASSERT_EQ(present.status, 200);
  EXPECT_FALSE(present.json().at("objects").at(0).as_object().contains("actions"));
  // A client that does not list xet keeps the basic transfer.
  auto basic = batch(id_, batch_body("upload", fresh, 10, {"basic", "multipart"}));
  EXPECT_EQ(basic.json().at("transfer"), "basic");
}

TEST_F(XetHubLfs, BatchDownloadOfAXetObjectStreamsIt) {
  auto r = batch(id_, batch_body("download", up_.sha256, int64_t(content_.size()), {"basic"}));
  ASSERT_EQ(r.status, 200) << r.body;
  auto object = r.json().at("objects").at(0).as_object();
  EXPECT_EQ(object.at("size"), int64_t(content_.size()));
  auto href = std::string(object.at("actions").at("download").at("href").as_string());
  auto got = http_get(href);
  ASSERT_EQ(got.status, 200);
  EXPECT_EQ(got.header("content-length"), std::to_string(content_.size()));
  EXPECT_TRUE(got.body == content_);
}

TEST_F(XetHubLfs, LfsFilesListsAndDeletesXetBackedObjects) {
  auto list = http_get(api_url("/api/models/" + id_ + "/lfs-files"), {bearer(Tokens::alice_write)});
  ASSERT_EQ(list.status, 200) << list.body;
  auto files = list.json().as_array();
  ASSERT_EQ(files.size(), 1u);
  EXPECT_EQ(files[0].at("fileOid"), up_.sha256.c_str());
  EXPECT_EQ(files[0].at("xetHash"), up_.file_hash.c_str());

  auto del = http("POST", api_url("/api/models/" + id_ + "/lfs-files/batch"),
                  {bearer(Tokens::alice_write), "Content-Type: application/json"},
                  json::serialize(json::object{{"deletions", {{"sha", json::array{json::string(up_.sha256)}}}}}));
  ASSERT_EQ(del.status, 200) << del.body;
  EXPECT_EQ(http_get(api_url("/api/models/" + id_ + "/lfs-files"), {bearer(Tokens::alice_write)}).body, "[]");
  auto gone = http_get(api_url("/" + id_ + "/resolve/main/model.bin"));
  EXPECT_EQ(gone.status, 404);
  EXPECT_EQ(gone.header("x-xet-hash"), "");
  // Uploaded through Xet again, the file is Xet-backed again and reconstructed (the record of the
  // deletion is not consulted for a Xet-backed file: the store is asked), on every blob store.
  put_xet_file(id_, content_);
  auto back = http_get(api_url("/" + id_ + "/resolve/main/model.bin"));
  ASSERT_EQ(back.status, 200);
  EXPECT_EQ(back.header("x-xet-hash"), up_.file_hash);
  EXPECT_TRUE(back.body == content_);
}

// Deleting links (lfs-files, repo deletion) frees nothing by itself; the admin command does,
// while the server keeps serving the files that stay, with the xorbs on disk or on S3.
TEST_F(XetHubLfs, XetGcFreesWhatNoRepoLinks) {
  auto other = new_model();
  auto kept_content = std::string(300000, 'k') + unique_name("kept");
  auto kept = put_xet_file(other, kept_content);
  commit_ok(other, {header_line("kept"), lfs_line("kept.bin", kept.sha256, int64_t(kept_content.size()))});

  const auto xorbs = std::filesystem::path(shared_server().data_dir()) / "xet" / "xorbs";
  auto before = count_files(xorbs);
  auto r = http("DELETE", api_url("/api/repos/delete"), {bearer(Tokens::alice_write), "Content-Type: application/json"},
                json::serialize(json::object{{"name", id_.substr(id_.find('/') + 1)}, {"organization", "alice"}}));
  ASSERT_EQ(r.status, 200) << r.body;
  auto gc = admin(shared_server().data_dir(), {"xet-gc", "--grace", "0", "--settle-ms", "0"});
  ASSERT_EQ(gc.exit_code, 0) << gc.err;
  EXPECT_NE(gc.out.find("xorbs"), std::string::npos) << gc.out;
  EXPECT_EQ(gc.out.find(", 0 xorbs ("), std::string::npos) << gc.out;
  // On the filesystem store the files are counted too; on S3 (tests/s3/run.sh) the report alone.
  if (before > 0) EXPECT_LT(count_files(xorbs), before);
  auto still = http_get(api_url("/" + other + "/resolve/main/kept.bin"));
  ASSERT_EQ(still.status, 200);
  EXPECT_TRUE(still.body == kept_content);
}

}  // namespace
}  // namespace hfhub::testing
