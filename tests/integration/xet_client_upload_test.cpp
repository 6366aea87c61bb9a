// libhfhub and the hfhub CLI upload through Xet when the LFS batch offers it (docs/client.md#xet-uploads):
// the server stores xorbs and a shard and no LFS object, plain resolve gives the bytes back, a
// second version with 1 MiB changed sends only a little (global dedup), the same bytes in another
// repo store no new xorb, a large file is read once (its sha256 computed in the Xet pass), and
// HF_HUB_DISABLE_XET (ClientOptions::disable_xet) keeps LFS.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>

#include "commit_support.h"
#include "common/hash.h"
#include "faulty_proxy.h"
#include "hfhub/hf_api.h"

namespace hfhub::testing {
namespace {

namespace fs = std::filesystem;

std::string random_bytes(size_t n, unsigned seed) {
  std::mt19937_64 rng(seed);
  std::string s(n, '\0');
  for (size_t i = 0; i < n; i += 8) {
    uint64_t v = rng();
    std::memcpy(s.data() + i, &v, std::min<size_t>(8, n - i));
  }
  return s;
}

struct TempDir {
  fs::path path;
  TempDir() {
    char tmpl[] = "/tmp/hfhub-xetup-XXXXXX";
    path = mkdtemp(tmpl);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  fs::path write(const std::string& name, const std::string& content) const {
    fs::create_directories((path / name).parent_path());
    std::ofstream(path / name, std::ios::binary) << content;
    return path / name;
  }
};

// What a directory of the data dir holds: files and bytes.
struct DirUsage {
  size_t files = 0;
  uint64_t bytes = 0;
};
DirUsage usage(const std::string& sub) {
  DirUsage u;
  fs::path dir = fs::path(shared_server().data_dir()) / sub;
  if (!fs::exists(dir)) return u;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file()) {
      ++u.files;
      u.bytes += e.file_size();
    }
  return u;
}

bool lfs_object_exists(const std::string& oid) {
  fs::path dir = fs::path(shared_server().data_dir()) / "lfs";
  if (!fs::exists(dir)) return false;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.path().filename() == oid) return true;
  return false;
}

HfApi alice(bool disable_xet = false) {
  ClientOptions o;
  o.endpoint = shared_server().endpoint();
  o.token = Tokens::alice_write;
  o.max_retries = 0;
  o.disable_xet = disable_xet;
  return HfApi(o);
}

CommitParams message(const std::string& text) {
  CommitParams p;
  p.commit_message = text;
  return p;
}

RawResponse resolve(const std::string& id, const std::string& path, const std::string& revision = "main") {
  return http_get(shared_server().endpoint() + "/" + id + "/resolve/" + revision + "/" + path,
                  {bearer(Tokens::alice_write)});
}

// The file resolves to `content` with X-Xet-Hash: the commit found its Xet file by the sha256 it named.
void expect_xet_backed(const std::string& id, const std::string& path, const std::string& content,
                       const std::string& revision = "main") {
  auto r = resolve(id, path, revision);
  EXPECT_TRUE(r.body == content) << path;
  EXPECT_NE(r.header("x-xet-hash"), "") << path;
}

TEST(XetClientUpload, UploadFileStoresXorbsAndShardAndNoLfsObject) {
  const std::string id = new_model();
  const std::string content = random_bytes(12 << 20, 1);
  TempDir dir;
  auto xorbs = usage("xet/xorbs"), shards = usage("xet/shards");
  std::vector<TransferEvent> events;
  ClientOptions o;
  o.endpoint = shared_server().endpoint();
  o.token = Tokens::alice_write;
  o.progress = [&events](const TransferEvent& e) { events.push_back(e); };
  HfApi(o).upload_file(dir.write("w.bin", content), "w.bin", id, {message("xet")});
  EXPECT_GT(usage("xet/xorbs").files, xorbs.files);
  EXPECT_GT(usage("xet/xorbs").bytes, xorbs.bytes + (11 << 20));
  EXPECT_GT(usage("xet/shards").files, shards.files);
  EXPECT_FALSE(lfs_object_exists(sha256_hex(content)));
  auto r = resolve(id, "w.bin");
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(r.body == content);
  EXPECT_NE(r.header("x-xet-hash"), "");
  // Progress as the LFS path reports it: the file starts, moves, and is done.
  auto has = [&](TransferEvent::Kind kind) {
    return std::any_of(events.begin(), events.end(), [&](auto& e) { return e.kind == kind && e.path == "w.bin"; });
  };
  EXPECT_TRUE(has(TransferEvent::Kind::Start) && has(TransferEvent::Kind::Progress) && has(TransferEvent::Kind::Done));
}

TEST(XetClientUpload, UploadFolderAndBytesGoThroughXet) {
  const std::string id = new_model();
  TempDir dir;
  const std::string a = random_bytes(3 << 20, 2), b = random_bytes(5 << 20, 3);
  dir.write("a.bin", a);
  dir.write("sub/b.bin", b);
  dir.write("notes.txt", "hello\n");
  UploadFolderParams p;
  p.commit_message = "folder";
  alice().upload_folder(id, dir.path, p);
  alice().upload_bytes(random_bytes(200 << 10, 4), "small.bin", id, {message("bytes")});
  EXPECT_TRUE(resolve(id, "a.bin").body == a);
  EXPECT_TRUE(resolve(id, "sub/b.bin").body == b);
  EXPECT_EQ(resolve(id, "notes.txt").body, "hello\n");
  EXPECT_EQ(resolve(id, "small.bin").body, random_bytes(200 << 10, 4));
  for (const char* path : {"a.bin", "sub/b.bin", "small.bin"}) EXPECT_NE(resolve(id, path).header("x-xet-hash"), "");
  EXPECT_FALSE(lfs_object_exists(sha256_hex(a)));
}

TEST(XetClientUpload, SecondVersionWithOneMiBChangedSendsUnderFivePercent) {
  const std::string id = new_model();
  std::string content = random_bytes(256 << 20, 5);
  TempDir dir;
  auto file = dir.write("model.bin", content);
  alice().upload_file(file, "model.bin", id, {message("v1")});
  auto before = usage("xet/xorbs");
  const std::string patch = random_bytes(1 << 20, 6);
  content.replace(128 << 20, patch.size(), patch);
  dir.write("model.bin", content);
  alice().upload_file(file, "model.bin", id, {message("v2")});
  const uint64_t sent = usage("xet/xorbs").bytes - before.bytes;
  RecordProperty("second_upload_xorb_bytes", std::to_string(sent));
  EXPECT_LT(sent, content.size() / 20) << sent << " xorb bytes stored for 1 MiB changed";
  EXPECT_TRUE(resolve(id, "model.bin").body == content);
}

TEST(XetClientUpload, SameBytesInAnotherRepoStoreNoNewXorb) {
  // One xorb's worth: the file's first chunk is always a dedup candidate (docs/xet.md#client).
  const std::string content = random_bytes(16 << 20, 7);
  TempDir dir;
  auto file = dir.write("same.bin", content);
  alice().upload_file(file, "same.bin", new_model(), {message("first")});
  auto before = usage("xet/xorbs");
  const std::string other = new_model();
  alice().upload_file(file, "copy.bin", other, {message("again")});
  EXPECT_EQ(usage("xet/xorbs").files, before.files);
  EXPECT_TRUE(resolve(other, "copy.bin").body == content);
}

TEST(XetClientUpload, LargeFolderThroughXetResumesAfterCancel) {
  const std::string id = "alice/" + unique_name("xetlarge");  // created by upload_large_folder
  TempDir dir;
  for (int i = 0; i < 6; ++i) dir.write("part-" + std::to_string(i) + ".bin", random_bytes(300000, 20 + i));
  UploadLargeFolderParams p;
  p.files_per_commit = 2;
  std::vector<TransferEvent> first;
  ClientOptions o;
  o.endpoint = shared_server().endpoint();
  o.token = Tokens::alice_write;
  o.progress = [&first](const TransferEvent& e) { first.push_back(e); };
  // Cancelled once the second batch's files are stored through Xet, before its commit.
  o.cancelled = [&first] {
    return std::count_if(first.begin(), first.end(), [](auto& e) { return e.kind == TransferEvent::Kind::Done; }) >= 3;
  };
  EXPECT_THROW(HfApi(o).upload_large_folder(id, dir.path, p), CancelledError);

  std::vector<TransferEvent> second;
  o.cancelled = nullptr;
  o.progress = [&second](const TransferEvent& e) { second.push_back(e); };
  EXPECT_FALSE(HfApi(o).upload_large_folder(id, dir.path, p).empty());
  for (const auto& e : second)
    if (e.kind == TransferEvent::Kind::Start) EXPECT_TRUE(e.path >= "part-4") << e.path << " was sent twice";
  for (int i = 0; i < 6; ++i) {
    auto r = resolve(id, "part-" + std::to_string(i) + ".bin");
    EXPECT_TRUE(r.body == random_bytes(300000, 20 + i)) << i;
    EXPECT_NE(r.header("x-xet-hash"), "") << i;
  }
}

TEST(XetClientUpload, CancelDuringXorbUploadsStopsTheReaderAndALaterRunSucceeds) {
  const std::string id = new_model();
  const std::string content = random_bytes(80 << 20, 30);
  TempDir dir;
  auto file = dir.write("c.bin", content);
  bool moving = false;
  ClientOptions o;
  o.endpoint = shared_server().endpoint();
  o.token = Tokens::alice_write;
  o.progress = [&moving](const TransferEvent& e) {
    if (e.kind == TransferEvent::Kind::Progress && e.done >= (8 << 20)) moving = true;
  };
  o.cancelled = [&moving] { return moving; };
  EXPECT_THROW(HfApi(o).upload_file(file, "c.bin", id, {message("cancelled")}), CancelledError);
  alice().upload_file(file, "c.bin", id, {message("again")});
  EXPECT_TRUE(resolve(id, "c.bin").body == content);
}

TEST(XetClientUpload, AFileTruncatedDuringTheUploadFailsWithAnErrorAndCommitsNothing) {
  const std::string id = new_model();
  TempDir dir;
  auto file = dir.write("t.bin", random_bytes(40 << 20, 31));
  bool truncated = false;
  ClientOptions o;
  o.endpoint = shared_server().endpoint();
  o.token = Tokens::alice_write;
  o.progress = [&](const TransferEvent& e) {
    if (!truncated && e.kind == TransferEvent::Kind::Progress && e.done >= (8 << 20)) {
      std::filesystem::resize_file(file, 4 << 20);
      truncated = true;
    }
  };
  try {
    HfApi(o).upload_file(file, "t.bin", id, {message("truncated")});
    ADD_FAILURE() << "the upload of a truncated file succeeded";
  } catch (const HfHubError& e) {
    EXPECT_NE(std::string(e.what()).find("changed while it was being uploaded"), std::string::npos) << e.what();
  }
  EXPECT_TRUE(truncated);
  EXPECT_EQ(resolve(id, "t.bin").status, 404);
}

TEST(XetClientUpload, XorbPostsAnswered503AreRetriedWithBackoff) {
  FaultyProxy proxy(shared_server().endpoint());
  ProxyFaults faults;
  faults.fail_posts = 2;
  faults.fail_posts_to = "/xet/v1/xorbs/";
  proxy.set_faults(faults);
  const std::string id = new_model();
  const std::string content = random_bytes(3 << 20, 40);
  TempDir dir;
  std::vector<TransferEvent> events;
  ClientOptions o;
  o.endpoint = proxy.url();  // the CAS URL in the token follows the Host: CAS calls go through it too
  o.token = Tokens::alice_write;
  o.progress = [&events](const TransferEvent& e) { events.push_back(e); };
  HfApi(o).upload_file(dir.write("r.bin", content), "r.bin", id, {message("retried")});
  EXPECT_EQ(proxy.count("POST", "/xet/v1/xorbs/"), 3);  // one xorb: two 503s, then stored
  EXPECT_EQ(proxy.count("POST", "/xet/v1/shards"), 1);
  EXPECT_EQ(std::count_if(events.begin(), events.end(), [](auto& e) { return e.kind == TransferEvent::Kind::Retry; }),
            2);
  EXPECT_TRUE(resolve(id, "r.bin").body == content);
}

// Bytes this process has passed to read()/pread() so far (/proc/self/io `rchar`). The server
// is another process, and libcurl reads its sockets with recv(), which rchar does not count: what
// moves it during an upload is the client reading its files.
uint64_t bytes_read_by_this_process() {
  std::ifstream io("/proc/self/io");
  std::string key;
  uint64_t value = 0;
  while (io >> key >> value)
    if (key == "rchar:") return value;
  ADD_FAILURE() << "no rchar in /proc/self/io";
  return 0;
}

TEST(XetClientUpload, ALargeFileIsReadOnceAndCommittedUnderTheSha256OfThatRead) {
  const std::string id = new_model();
  const std::string content = random_bytes(24 << 20, 50);  // above the 10 MB regular-file limit
  TempDir dir;
  auto file = dir.write("once.bin", content);
  const uint64_t before = bytes_read_by_this_process();
  alice().upload_file(file, "once.bin", id, {message("read once")});
  const uint64_t read = bytes_read_by_this_process() - before;
  RecordProperty("bytes_read", std::to_string(read));
  // Once: the Xet pass, which also computes the sha256 (a hashing pass first would double it).
  EXPECT_GE(read, content.size());
  EXPECT_LT(read, content.size() + content.size() / 2) << read << " bytes read for " << content.size();
  expect_xet_backed(id, "once.bin", content);
  auto info = alice().get_paths_info(id, {"once.bin"});
  ASSERT_EQ(info.size(), 1u);
  const auto* entry = std::get_if<RepoFile>(&info[0]);
  ASSERT_TRUE(entry && entry->lfs);
  EXPECT_EQ(entry->lfs->sha256, sha256_hex(content));
}

TEST(XetClientUpload, AnUnchangedLargeFileIsHashedNotSentAndMakesNoCommit) {
  const std::string id = new_model();
  const std::string content = random_bytes(12 << 20, 51);
  TempDir dir;
  auto file = dir.write("same.bin", content);
  auto first = alice().upload_file(file, "same.bin", id, {message("v1")});
  auto xorbs = usage("xet/xorbs");
  std::vector<TransferEvent> events;
  ClientOptions o;
  o.endpoint = shared_server().endpoint();
  o.token = Tokens::alice_write;
  o.progress = [&events](const TransferEvent& e) { events.push_back(e); };
  auto again = HfApi(o).upload_file(file, "same.bin", id, {message("v1 again")});
  EXPECT_EQ(again.oid, first.oid);  // no empty commit (as Python)
  EXPECT_EQ(usage("xet/xorbs").files, xorbs.files);
  EXPECT_TRUE(std::none_of(events.begin(), events.end(), [](auto& e) { return e.kind == TransferEvent::Kind::Start; }));
}

TEST(XetClientUpload, ALargeFileInAPullRequestOfAnotherUserGoesThroughTheWriteTokenRoute) {
  const std::string id = new_model();  // alice's: carol may only open pull requests
  const std::string content = random_bytes(12 << 20, 53);
  TempDir dir;
  ClientOptions o;
  o.endpoint = shared_server().endpoint();
  o.token = Tokens::carol_write;
  UploadFileParams p;
  p.commit_message = "a pull request";
  p.create_pr = true;
  auto info = HfApi(o).upload_file(dir.write("pr.bin", content), "pr.bin", id, p);
  ASSERT_TRUE(info.pr_num);
  expect_xet_backed(id, "pr.bin", content, "refs%2Fpr%2F" + std::to_string(*info.pr_num));
}

TEST(XetClientUpload, PreuploadThenCommitOfALargeFileStoresItsXorbsOnce) {
  const std::string id = new_model();
  const std::string content = random_bytes(12 << 20, 54);
  TempDir dir;
  const CommitOperationAdd add{"pre.bin", dir.write("pre.bin", content), {}};
  auto before = usage("xet/xorbs");
  alice().preupload_lfs_files(id, {add}, {});
  auto preuploaded = usage("xet/xorbs");
  EXPECT_GT(preuploaded.bytes, before.bytes + (11 << 20));
  // The commit reads the file again (its sha256); global dedup finds every chunk stored.
  alice().create_commit(id, {add}, message("after preupload"));
  EXPECT_EQ(usage("xet/xorbs").files, preuploaded.files);
  EXPECT_TRUE(resolve(id, "pre.bin").body == content);
}

TEST(XetClientUpload, AServerWithoutTheWriteTokenRouteGetsTheLargeFileThroughTheBatch) {
  FaultyProxy proxy(shared_server().endpoint());
  ProxyFaults faults;
  faults.missing_route = "/xet-write-token/";
  proxy.set_faults(faults);
  const std::string id = new_model();
  const std::string content = random_bytes(12 << 20, 52);
  TempDir dir;
  ClientOptions o;
  o.endpoint = proxy.url();
  o.token = Tokens::alice_write;
  o.max_retries = 0;
  HfApi(o).upload_file(dir.write("b.bin", content), "b.bin", id, {message("batch")});
  EXPECT_EQ(proxy.count("GET", "/xet-write-token/"), 1);
  EXPECT_EQ(proxy.count("POST", ".git/info/lfs/objects/batch"), 1);  // hashed, then negotiated
  EXPECT_TRUE(resolve(id, "b.bin").body == content);
}

TEST(XetClientUpload, DisableXetUsesLfs) {
  const std::string id = new_model();
  const std::string content = random_bytes(2 << 20, 8);
  TempDir dir;
  auto before = usage("xet/xorbs");
  alice(true).upload_file(dir.write("lfs.bin", content), "lfs.bin", id, {message("lfs")});
  EXPECT_TRUE(lfs_object_exists(sha256_hex(content)));
  EXPECT_EQ(usage("xet/xorbs").files, before.files);
  auto r = resolve(id, "lfs.bin");
  EXPECT_TRUE(r.body == content);
  EXPECT_EQ(r.header("x-xet-hash"), "");
}

TEST(XetClientUpload, CliUploadUsesXet) {
  const std::string id = new_model();
  const std::string content = random_bytes(4 << 20, 9);
  TempDir dir;
  auto file = dir.write("cli.bin", content);
  auto before = usage("xet/xorbs");
  auto r = cli({"upload", id, file.string(), "cli.bin"}, Tokens::alice_write);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_GT(usage("xet/xorbs").files, before.files);
  EXPECT_FALSE(lfs_object_exists(sha256_hex(content)));
  EXPECT_TRUE(resolve(id, "cli.bin").body == content);
}

}  // namespace
}  // namespace hfhub::testing
