// HfApi commits and uploads against the shared hfhubd: create_commit (add, delete, copy,
// parent_commit, create_pr), LFS basic and multipart uploads, upload_folder patterns, skipping
// unchanged files, resumable upload_large_folder, delete_* and the hfhub upload commands.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>

#include "commit_support.h"
#include "common/hash.h"
#include "hfhub/hf_api.h"

namespace hfhub::testing {
namespace {

namespace fs = std::filesystem;

struct EventLog {
  std::vector<TransferEvent> events;
  std::set<std::string> paths(TransferEvent::Kind kind) const {
    std::set<std::string> out;
    for (const auto& e : events)
      if (e.kind == kind && e.upload && !e.skipped) out.insert(e.path);
    return out;
  }
  size_t count(TransferEvent::Kind kind) const {
    return std::count_if(events.begin(), events.end(), [&](const auto& e) { return e.kind == kind && !e.skipped; });
  }
};

ClientOptions alice_options() {
  ClientOptions o;
  o.endpoint = shared_server().endpoint();
  o.token = Tokens::alice_write;
  o.max_retries = 0;
  // This file tests the LFS transfers; xet_client_upload_test.cpp the Xet path the server prefers.
  o.disable_xet = true;
  return o;
}

HfApi logged_client(EventLog& log) {
  ClientOptions o = alice_options();
  o.progress = [&log](const TransferEvent& e) { log.events.push_back(e); };
  return HfApi(o);
}

class TempDir {
 public:
  TempDir() {
    char tmpl[] = "/tmp/hfhub-upload-XXXXXX";
    path_ = mkdtemp(tmpl);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }
  fs::path write(const std::string& relative, const std::string& content) const {
    fs::path p = path_ / relative;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << content;
    return p;
  }

 private:
  fs::path path_;
};

std::string random_bytes(size_t n, unsigned seed) {
  std::mt19937_64 rng(seed);
  std::string s(n, '\0');
  for (size_t i = 0; i < n; i += 8) {
    uint64_t v = rng();
    std::memcpy(s.data() + i, &v, std::min<size_t>(8, n - i));
  }
  return s;
}

std::string resolve_body(const std::string& id, const std::string& path, const std::string& rev = "main") {
  auto r =
      http_get(shared_server().endpoint() + "/" + id + "/resolve/" + rev + "/" + path, {bearer(Tokens::alice_write)});
  EXPECT_EQ(r.status, 200) << id << " " << path;
  return r.body;
}

std::vector<std::string> sorted_files(const std::string& id, const std::optional<std::string>& rev = std::nullopt) {
  RepoCall call;
  call.revision = rev;
  auto files = client(Tokens::alice_write).list_repo_files(id, call);
  std::sort(files.begin(), files.end());
  files.erase(std::remove(files.begin(), files.end(), ".gitattributes"), files.end());
  return files;
}

CommitParams message(const std::string& text) {
  CommitParams p;
  p.commit_message = text;
  return p;
}

TEST(ClientUpload, CreateCommitAddsDeletesAndCopiesRegularAndLfsFiles) {
  auto id = new_model();
  TempDir dir;
  const std::string weights = random_bytes(3000, 1);
  auto api = client(Tokens::alice_write);
  auto first = api.create_commit(id,
                                 {CommitOperationAdd{"a.txt", std::nullopt, "hello\n"},
                                  CommitOperationAdd{"w.bin", dir.write("w.bin", weights), {}}},
                                 message("add"));
  EXPECT_EQ(first.oid.size(), 40u);
  EXPECT_NE(first.commit_url.find(first.oid), std::string::npos);
  EXPECT_EQ(first.commit_message, "add");
  EXPECT_FALSE(first.pr_num);

  auto second = api.create_commit(
      id,
      {CommitOperationCopy{"a.txt", "copies/a.txt", std::nullopt},
       CommitOperationCopy{"w.bin", "copies/w.bin", first.oid}, CommitOperationDelete{"a.txt", false}},
      message("copy and delete"));
  EXPECT_NE(second.oid, first.oid);
  EXPECT_EQ(sorted_files(id), (std::vector<std::string>{"copies/a.txt", "copies/w.bin", "w.bin"}));
  EXPECT_EQ(resolve_body(id, "copies/a.txt"), "hello\n");
  EXPECT_EQ(resolve_body(id, "copies/w.bin"), weights);
  auto sib = siblings(id);
  ASSERT_TRUE(sib["copies/w.bin"].contains("lfs"));
  EXPECT_EQ(sib["copies/w.bin"].at("lfs").at("sha256"), sib["w.bin"].at("lfs").at("sha256"));

  EXPECT_THROW(api.create_commit(id, {CommitOperationCopy{"missing.txt", "x.txt", std::nullopt}}, message("m")),
               EntryNotFoundError);
}

TEST(ClientUpload, ParentCommitMismatchIsPreconditionFailed) {
  auto id = new_model();
  auto api = client(Tokens::alice_write);
  auto one = api.upload_bytes("1", "one.txt", id);
  api.upload_bytes("2", "two.txt", id);
  CommitParams p = message("stale");
  p.parent_commit = one.oid;
  try {
    api.create_commit(id, {CommitOperationAdd{"three.txt", std::nullopt, "3"}}, p);
    FAIL() << "a commit on a stale parent went through";
  } catch (const HfHubHttpError& e) {
    EXPECT_EQ(e.status(), 412);
  }
}

TEST(ClientUpload, CreatePrGivesAUsableRevision) {
  auto id = new_model();
  auto api = client(Tokens::alice_write);
  api.upload_bytes("base", "base.txt", id);
  UploadFileParams p;
  p.create_pr = true;
  auto pr = api.upload_bytes("proposed", "pr.txt", id, p);
  ASSERT_TRUE(pr.pr_num);
  ASSERT_TRUE(pr.pr_revision);
  EXPECT_EQ(*pr.pr_revision, "refs/pr/" + std::to_string(*pr.pr_num));
  EXPECT_EQ(sorted_files(id, pr.pr_revision), (std::vector<std::string>{"base.txt", "pr.txt"}));
  EXPECT_EQ(sorted_files(id), (std::vector<std::string>{"base.txt"}));
  // Later commits may target the PR ref directly.
  UploadFileParams on_pr;
  on_pr.revision = pr.pr_revision;
  api.upload_bytes("more", "more.txt", id, on_pr);
  EXPECT_EQ(sorted_files(id, pr.pr_revision), (std::vector<std::string>{"base.txt", "more.txt", "pr.txt"}));
}

TEST(ClientUpload, LargeFileGoesThroughParallelMultipartAndReadsBackIdentical) {
  auto id = new_model();
  TempDir dir;
  // The shared server's part size is 64 MiB (lfs-multipart-chunk-mb default): two parts.
  const std::string content = random_bytes(70u << 20, 7);
  auto file = dir.write("big.bin", content);
  EventLog log;
  auto info = logged_client(log).upload_file(file, "big.bin", id);
  EXPECT_EQ(info.oid.size(), 40u);
  EXPECT_EQ(log.paths(TransferEvent::Kind::Start), std::set<std::string>{"big.bin"});
  EXPECT_EQ(log.paths(TransferEvent::Kind::Done), std::set<std::string>{"big.bin"});
  auto back = resolve_body(id, "big.bin");
  EXPECT_EQ(back.size(), content.size());
  EXPECT_TRUE(back == content);
  auto sib = siblings(id);
  EXPECT_EQ(std::string(sib["big.bin"].at("lfs").at("sha256").as_string()), sha256_hex(content));
}

TEST(ClientUpload, UploadFolderAppliesAllowIgnoreAndDeletePatterns) {
  auto id = new_model();
  auto api = client(Tokens::alice_write);
  api.create_commit(
      id,
      {CommitOperationAdd{"sub/old.txt", std::nullopt, "old"}, CommitOperationAdd{"sub/c.txt", std::nullopt, "c0"},
       CommitOperationAdd{"sub/keep.md", std::nullopt, "keep"}, CommitOperationAdd{"top.txt", std::nullopt, "top"}},
      message("seed"));
  TempDir dir;
  dir.write("c.txt", "c1");
  dir.write("d.bin", random_bytes(100, 2));
  dir.write("e.md", "ignored: not allowed");
  dir.write("logs/x.txt", "ignored folder");
  dir.write(".git/config", "never uploaded");
  dir.write("nested/.cache/huggingface/state", "never uploaded");
  UploadFolderParams p;
  p.path_in_repo = "sub";
  p.allow_patterns = {"*.txt", "*.bin", "*huggingface*"};
  p.ignore_patterns = {"logs/"};
  p.delete_patterns = {"*.txt"};  // old.txt goes; c.txt is being uploaded; top.txt is outside sub/
  auto info = api.upload_folder(id, dir.path(), p);
  EXPECT_EQ(info.commit_message, "Upload folder using hfhub");
  EXPECT_EQ(sorted_files(id), (std::vector<std::string>{"sub/c.txt", "sub/d.bin", "sub/keep.md", "top.txt"}));
  EXPECT_EQ(resolve_body(id, "sub/c.txt"), "c1");
}

TEST(ClientUpload, SecondUploadOfAnUnchangedFolderSendsNothing) {
  auto id = new_model();
  TempDir dir;
  dir.write("w1.bin", random_bytes(5000, 3));
  dir.write("w2.bin", random_bytes(5000, 4));
  dir.write("notes.txt", "notes");
  EventLog first_log;
  auto first = logged_client(first_log).upload_folder(id, dir.path());
  EXPECT_EQ(first_log.paths(TransferEvent::Kind::Start), (std::set<std::string>{"w1.bin", "w2.bin"}));
  auto lfs_before = client(Tokens::alice_write).list_lfs_files(id).to_vector().size();

  EventLog second_log;
  auto second = logged_client(second_log).upload_folder(id, dir.path());
  EXPECT_TRUE(second_log.paths(TransferEvent::Kind::Start).empty());
  EXPECT_EQ(second.oid, first.oid);  // no empty commit
  EXPECT_EQ(client(Tokens::alice_write).list_lfs_files(id).to_vector().size(), lfs_before);

  dir.write("w2.bin", random_bytes(5000, 5));
  EventLog third_log;
  auto third = logged_client(third_log).upload_folder(id, dir.path());
  EXPECT_EQ(third_log.paths(TransferEvent::Kind::Start), std::set<std::string>{"w2.bin"});
  EXPECT_NE(third.oid, first.oid);
}

TEST(ClientUpload, LargeFolderResumesAfterCancelWithoutResendingCommittedFiles) {
  const std::string id = "alice/" + unique_name("large");  // created by upload_large_folder
  TempDir dir;
  for (int i = 0; i < 6; ++i) dir.write("part-" + std::to_string(i) + ".bin", random_bytes(20000, 10 + i));
  dir.write("README.txt", "regular file");
  UploadLargeFolderParams p;
  p.files_per_commit = 2;
  p.private_ = true;

  EventLog first_log;
  ClientOptions o = alice_options();
  o.progress = [&first_log](const TransferEvent& e) { first_log.events.push_back(e); };
  // Stop once the second batch is under way (the first batch of two is committed by then).
  o.cancelled = [&first_log] { return first_log.count(TransferEvent::Kind::Done) >= 3; };
  EXPECT_THROW(HfApi(o).upload_large_folder(id, dir.path(), p), CancelledError);
  auto done_first = first_log.paths(TransferEvent::Kind::Done);
  ASSERT_GE(done_first.size(), 3u);
  EXPECT_TRUE(fs::exists(dir.path() / ".cache/huggingface/upload/part-0.bin.metadata"));
  EXPECT_FALSE(sorted_files(id).empty());
  EXPECT_TRUE(client(Tokens::alice_write).model_info(id).private_.value_or(false));

  EventLog second_log;
  auto commits = logged_client(second_log).upload_large_folder(id, dir.path(), p);
  EXPECT_FALSE(commits.empty());
  auto started_second = second_log.paths(TransferEvent::Kind::Start);
  for (const auto& path : started_second) EXPECT_FALSE(done_first.count(path)) << path << " was sent twice";
  EXPECT_EQ(done_first.size() + second_log.paths(TransferEvent::Kind::Done).size(), 6u);
  EXPECT_EQ(sorted_files(id), (std::vector<std::string>{"README.txt", "part-0.bin", "part-1.bin", "part-2.bin",
                                                        "part-3.bin", "part-4.bin", "part-5.bin"}));
  for (int i = 0; i < 6; ++i)
    EXPECT_EQ(resolve_body(id, "part-" + std::to_string(i) + ".bin"), random_bytes(20000, 10 + i));
  EXPECT_FALSE(fs::exists(dir.path() / ".cache/huggingface/upload/.cache"));

  // A third run finds everything committed: no transfer, no commit.
  EventLog third_log;
  EXPECT_TRUE(logged_client(third_log).upload_large_folder(id, dir.path(), p).empty());
  EXPECT_TRUE(third_log.paths(TransferEvent::Kind::Start).empty());
}

TEST(ClientUpload, DeleteFileFilesAndFolder) {
  auto id = new_model();
  auto api = client(Tokens::alice_write);
  api.create_commit(
      id,
      {CommitOperationAdd{"a.txt", std::nullopt, "a"}, CommitOperationAdd{"b.txt", std::nullopt, "b"},
       CommitOperationAdd{"dir/c.txt", std::nullopt, "c"}, CommitOperationAdd{"dir/sub/d.txt", std::nullopt, "d"},
       CommitOperationAdd{"e.json", std::nullopt, "{}"}, CommitOperationAdd{"f.json", std::nullopt, "{}"}},
      message("seed"));
  api.delete_file("a.txt", id);
  api.delete_files(id, {"*.json"});
  api.delete_folder("dir", id);
  EXPECT_EQ(sorted_files(id), std::vector<std::string>{"b.txt"});
  EXPECT_THROW(api.delete_file("nope.txt", id), EntryNotFoundError);
  EXPECT_THROW(api.delete_files(id, {"*.nothing"}), std::invalid_argument);
}

TEST(ClientUpload, ErrorsAreTypedAndClientSideChecksComeFirst) {
  auto id = new_model();
  auto alice = client(Tokens::alice_write);
  EXPECT_THROW(alice.upload_bytes("x", "x.txt", "alice/" + unique_name("missing")), RepositoryNotFoundError);
  try {
    client(Tokens::carol_write).upload_bytes("x", "x.txt", id);
    FAIL() << "carol wrote to alice's repo";
  } catch (const HfHubHttpError& e) {
    EXPECT_EQ(e.status(), 403);
  }
  // Refused before any request: even a missing repo is not reported.
  const std::string missing = "alice/" + unique_name("never");
  EXPECT_THROW(alice.upload_bytes("x", "../escape.txt", missing), std::invalid_argument);
  EXPECT_THROW(alice.upload_bytes("x", ".git/config", missing), std::invalid_argument);
  EXPECT_THROW(alice.upload_file("/nonexistent/file.bin", "f.bin", missing), std::invalid_argument);
  EXPECT_THROW(alice.create_commit(id, {CommitOperationAdd{"a", std::nullopt, "a"}}, CommitParams{}),
               std::invalid_argument);  // empty commit message
}

TEST(ClientUploadCli, UploadFileFolderAndDeleteFiles) {
  auto id = new_model();
  TempDir dir;
  auto file = dir.write("single.txt", "one");
  auto r = cli({"upload", id, file.string(), "docs/single.txt", "--commit-message", "cli file"}, Tokens::alice_write);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("/commit/"), std::string::npos) << r.out;

  TempDir folder;
  folder.write("a.txt", "a");
  folder.write("b.bin", random_bytes(300, 9));
  folder.write("skip.log", "no");
  r = cli({"upload", id, folder.path().string(), "--exclude", "*.log"}, Tokens::alice_write);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("/commit/"), std::string::npos) << r.out;
  EXPECT_EQ(sorted_files(id), (std::vector<std::string>{"a.txt", "b.bin", "docs/single.txt"}));

  r = cli({"repo", "delete-files", id, "*.txt", "--commit-message", "drop txt"}, Tokens::alice_write);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(sorted_files(id), std::vector<std::string>{"b.bin"});

  r = cli({"upload", id, "/nonexistent/path"}, Tokens::alice_write);
  EXPECT_NE(r.exit_code, 0);
}

}  // namespace
}  // namespace hfhub::testing
