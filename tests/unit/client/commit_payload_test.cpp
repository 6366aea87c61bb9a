// The commit NDJSON, byte for byte (docs/hub-behaviour.md#commit-payload), and the commit answer helpers.
#include "client/upload/commit_payload.h"

#include <gtest/gtest.h>

#include "client/upload/create_commit.h"
#include "client/upload/local_file_info.h"
#include "client/upload/upload_state.h"

namespace hfhub::client {
namespace {

TEST(CommitPayload, HeaderWithAndWithoutParentCommit) {
  EXPECT_EQ(header_line({"Add files", "Longer text", std::nullopt}),
            R"({"key":"header","value":{"summary":"Add files","description":"Longer text"}})");
  EXPECT_EQ(
      header_line({"s", "", std::string(40, 'a')}),
      R"({"key":"header","value":{"summary":"s","description":"","parentCommit":")" + std::string(40, 'a') + R"("}})");
}

TEST(CommitPayload, RegularFileIsBase64) {
  EXPECT_EQ(file_line("dir/a.txt", "hello\n"),
            R"({"key":"file","value":{"path":"dir/a.txt","content":"aGVsbG8K","encoding":"base64"}})");
  EXPECT_EQ(file_line("empty", ""), R"({"key":"file","value":{"path":"empty","content":"","encoding":"base64"}})");
}

TEST(CommitPayload, LfsFileWithSizeAndCopyWithout) {
  const std::string oid(64, 'f');
  EXPECT_EQ(lfs_file_line("w.bin", oid, 1234),
            R"({"key":"lfsFile","value":{"path":"w.bin","algo":"sha256","oid":")" + oid + R"(","size":1234}})");
  EXPECT_EQ(lfs_file_line("copy.bin", oid, std::nullopt),
            R"({"key":"lfsFile","value":{"path":"copy.bin","algo":"sha256","oid":")" + oid + R"("}})");
}

TEST(CommitPayload, DeletionsAndJsonEscaping) {
  EXPECT_EQ(deleted_file_line("a \"q\".txt"), R"({"key":"deletedFile","value":{"path":"a \"q\".txt"}})");
  EXPECT_EQ(deleted_folder_line("logs/"), R"({"key":"deletedFolder","value":{"path":"logs/"}})");
}

TEST(CommitPayload, NdjsonEndsEveryLineWithNewline) {
  EXPECT_EQ(ndjson({"{\"a\":1}", "{\"b\":2}"}), "{\"a\":1}\n{\"b\":2}\n");
  EXPECT_EQ(ndjson({}), "");
}

TEST(CommitAnswer, PullRequestNumberFromUrl) {
  EXPECT_EQ(pr_number_from_url("https://hub/alice/m/discussions/12"), 12);
  EXPECT_EQ(pr_number_from_url("https://hub/alice/m/discussions/"), std::nullopt);
  EXPECT_EQ(pr_number_from_url("https://hub/alice/m/discussions/1x"), std::nullopt);
  EXPECT_EQ(pr_number_from_url("https://hub/alice/m/commit/abc"), std::nullopt);
}

TEST(LocalFileInfo, HashesSampleAndGitIdInOnePass) {
  std::string big(2000, 'x');
  auto info = hash_bytes(big);
  EXPECT_EQ(info.size, 2000);
  EXPECT_EQ(info.sample, big.substr(0, 512));
  EXPECT_EQ(hash_bytes("").sha256, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  // `git hash-object` of an empty file and of "hello\n".
  EXPECT_EQ(hash_bytes("").git_sha1, "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391");
  EXPECT_EQ(hash_bytes("hello\n").git_sha1, "ce013625030ba8dba906f756967f9e9ca394464a");
}

TEST(UploadState, RoundTripsAndRejectsTornFiles) {
  UploadState s;
  s.size = 42;
  s.mtime_ns = 1700000000123456789;
  s.sha256 = std::string(64, 'a');
  s.git_sha1 = std::string(40, 'b');
  s.upload_mode = "lfs";
  s.remote_oid = "";
  s.is_uploaded = true;
  auto back = UploadState::parse(s.serialize());
  ASSERT_TRUE(back);
  EXPECT_EQ(back->size, 42);
  EXPECT_EQ(back->mtime_ns, s.mtime_ns);
  EXPECT_EQ(back->sha256, s.sha256);
  EXPECT_EQ(back->upload_mode, "lfs");
  EXPECT_TRUE(back->is_uploaded);
  EXPECT_FALSE(back->is_committed);
  std::string torn = s.serialize();
  torn.resize(torn.find("is_committed"));
  EXPECT_FALSE(UploadState::parse(torn));
}

}  // namespace
}  // namespace hfhub::client
