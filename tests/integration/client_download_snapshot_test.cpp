// snapshot_download through a FaultyProxy: exact file sets for allow/ignore patterns, a dry
// run that agrees with what is downloaded, max_workers, force_download, two paths sharing one
// blob, the local_dir mode and its metadata, and no second download of what is current.
#include <gtest/gtest.h>

#include "commit_support.h"
#include "download_fixture.h"
#include "raw_http.h"

namespace hfhub::testing {
namespace {

class ClientDownloadSnapshot : public DownloadTest {
 protected:
  const std::set<std::string> all_files_{".gitattributes", "README.md",  "dir/sub/nested.txt",    "dir/top.txt",
                                         "big.bin",        "medium.bin", "copies/medium-copy.bin"};
};

TEST_F(ClientDownloadSnapshot, WholeRepoWithSharedBlobs) {
  for (int workers : {1, 8}) {
    SCOPED_TRACE(workers);
    fs::remove_all(hub());
    auto p = snapshot_params();
    p.max_workers = workers;
    fs::path dir = api().snapshot_download(id_, p);
    EXPECT_EQ(dir, repo_dir() / "snapshots" / head_);
    EXPECT_EQ(files_under(dir), all_files_);
    EXPECT_EQ(read_bytes(dir / "big.bin"), big_);
    EXPECT_EQ(read_bytes(dir / "copies" / "medium-copy.bin"), medium_);
    EXPECT_EQ(fs::read_symlink(dir / "copies" / "medium-copy.bin"), fs::path("../../../blobs/" + medium_oid_));
    EXPECT_EQ(read_bytes(dir / "dir" / "sub" / "nested.txt"), nested_);
    EXPECT_EQ(read_bytes(repo_dir() / "refs" / "main"), head_);
    EXPECT_EQ(files_under(repo_dir() / "blobs").size(), all_files_.size() - 1);  // one blob for both copies
  }
}

TEST_F(ClientDownloadSnapshot, PatternsSelectExactlyTheirFiles) {
  auto p = snapshot_params();
  p.allow_patterns = {"*.txt", "*.md"};
  p.ignore_patterns = {"dir/sub/*"};
  EXPECT_EQ(files_under(api().snapshot_download(id_, p)), (std::set<std::string>{"README.md", "dir/top.txt"}));
  EXPECT_EQ(proxy_->count("GET", "/resolve/"), 2);

  auto folder = snapshot_params();
  folder.allow_patterns = {"dir/"};  // "dir/*", nested folders included; added to the same snapshot
  EXPECT_EQ(files_under(api().snapshot_download(id_, folder)),
            (std::set<std::string>{"README.md", "dir/top.txt", "dir/sub/nested.txt"}));
}

TEST_F(ClientDownloadSnapshot, DryRunAgreesWithTheDownload) {
  auto p = snapshot_params();
  p.allow_patterns = {"*.md", "medium.bin"};
  auto before = api().snapshot_download_dry_run(id_, p);
  ASSERT_EQ(before.size(), 2u);
  for (const auto& f : before) {
    EXPECT_EQ(f.commit_hash, head_);
    EXPECT_FALSE(f.is_cached);
    EXPECT_TRUE(f.will_download);
    EXPECT_EQ(f.local_path, (repo_dir() / "snapshots" / head_ / f.file_path).string());
    EXPECT_EQ(f.file_size, f.file_path == "medium.bin" ? int64_t(medium_.size()) : int64_t(readme_.size()));
  }
  EXPECT_EQ(proxy_->count("GET", "/resolve/"), 0);
  EXPECT_FALSE(fs::exists(repo_dir() / "snapshots"));

  api().snapshot_download(id_, p);
  for (const auto& f : api().snapshot_download_dry_run(id_, p)) {
    EXPECT_TRUE(f.is_cached) << f.file_path;
    EXPECT_FALSE(f.will_download) << f.file_path;
  }
  p.force_download = true;
  for (const auto& f : api().snapshot_download_dry_run(id_, p)) EXPECT_TRUE(f.will_download) << f.file_path;
}

TEST_F(ClientDownloadSnapshot, SecondRunOnlyLinksAndForceDownloadsAgain) {
  auto p = snapshot_params();
  p.allow_patterns = {"*.bin"};
  api().snapshot_download(id_, p);
  proxy_->clear_log();
  fs::path dir = api().snapshot_download(id_, p);
  EXPECT_EQ(files_under(dir), (std::set<std::string>{"big.bin", "medium.bin", "copies/medium-copy.bin"}));
  EXPECT_EQ(proxy_->count("GET", "/resolve/"), 0);

  p.force_download = true;
  p.allow_patterns = {"medium.bin"};
  api().snapshot_download(id_, p);
  EXPECT_EQ(proxy_->count("GET", "/resolve/"), 1);
  EXPECT_EQ(read_bytes(dir / "medium.bin"), medium_);
}

TEST_F(ClientDownloadSnapshot, LocalDirHoldsRealFilesAndMetadata) {
  auto p = snapshot_params();
  p.local_dir = temp_ / "local";
  p.ignore_patterns = {"big.bin"};
  EXPECT_EQ(api().snapshot_download(id_, p), temp_ / "local");
  std::set<std::string> expected = all_files_;
  expected.erase("big.bin");
  std::set<std::string> files = files_under(temp_ / "local");
  std::erase_if(files, [](const std::string& f) { return f.starts_with(".cache/"); });
  EXPECT_EQ(files, expected);
  for (const auto& f : expected) {
    EXPECT_FALSE(fs::is_symlink(temp_ / "local" / f)) << f;
    fs::path meta_path = temp_ / "local" / ".cache" / "huggingface" / "download" / (f + ".metadata");
    std::string meta = read_bytes(meta_path);
    EXPECT_EQ(std::count(meta.begin(), meta.end(), '\n'), 3) << meta;
    EXPECT_TRUE(meta.starts_with(head_ + "\n")) << meta;
  }
  EXPECT_EQ(read_bytes(temp_ / "local" / "copies" / "medium-copy.bin"), medium_);
  EXPECT_EQ(read_bytes(temp_ / "local" / ".cache" / "huggingface" / "download" / "medium.bin.metadata").substr(41, 64),
            medium_oid_);
  EXPECT_FALSE(fs::exists(repo_dir()));

  proxy_->clear_log();
  api().snapshot_download(id_, p);
  EXPECT_EQ(proxy_->count("GET", "/resolve/"), 0);
}

TEST_F(ClientDownloadSnapshot, OfflineUsesTheLastSnapshot) {
  auto p = snapshot_params();
  p.allow_patterns = {"README.md"};
  fs::path dir = api().snapshot_download(id_, p);
  proxy_->clear_log();
  p.local_files_only = true;
  EXPECT_EQ(api().snapshot_download(id_, p), dir);
  p.revision = "no-such-branch";
  EXPECT_THROW(api().snapshot_download(id_, p), LocalEntryNotFoundError);
  EXPECT_TRUE(proxy_->requests().empty());

  // An unreachable Hub: the snapshot main last pointed to.
  auto o = options();
  o.endpoint = "http://127.0.0.1:1";
  p.local_files_only = false;
  p.revision.reset();
  EXPECT_EQ(HfApi(o).snapshot_download(id_, p), dir);
  p.revision = "other-branch";
  EXPECT_THROW(HfApi(o).snapshot_download(id_, p), LocalEntryNotFoundError);
}

TEST_F(ClientDownloadSnapshot, HubErrorsAreNotHiddenByTheCache) {
  auto p = snapshot_params();
  p.revision = "no-such-branch";
  EXPECT_THROW(api().snapshot_download(id_, p), RevisionNotFoundError);
  std::string gated = new_model("alice");
  commit_ok(gated, {header_line("x"), text_line("a.txt", "gated")});
  auto settings = http("PUT", api_url("/api/models/" + gated + "/settings"),
                       {bearer(Tokens::alice_write), "Content-Type: application/json"}, R"({"gated":"auto"})");
  ASSERT_EQ(settings.status, 200) << settings.body;
  EXPECT_THROW(HfApi(options(Tokens::carol_write)).snapshot_download(gated, snapshot_params()), GatedRepoError);
}

}  // namespace
}  // namespace hfhub::testing
