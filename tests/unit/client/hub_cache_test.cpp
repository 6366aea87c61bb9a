#include "client/cache/hub_cache.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <stdexcept>
#include <vector>

#include "client/util/atomic_file.h"
#include "env_guard.h"

namespace hfhub {
namespace {

namespace fs = std::filesystem;
using client::testing::EnvGuard;

const std::string kCommit = "0123456789abcdef0123456789abcdef01234567";
const std::string kEtag = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
const std::string kSha256 = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

class HubCacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root = fs::temp_directory_path() / ("hfhub-hub-cache-test-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root);
    fs::create_directories(root);
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(root, ec);
  }
  // Every file and folder below root (to check nothing escaped the repo folder).
  std::vector<fs::path> all_entries() const {
    std::vector<fs::path> out;
    for (const auto& e : fs::recursive_directory_iterator(root)) out.push_back(e.path());
    return out;
  }
  fs::path root;
};

TEST(HubCacheEnv, Precedence) {
  EnvGuard env;
  env.set("HOME", "/home/u");
  env.unset("HF_HUB_CACHE");
  env.unset("HUGGINGFACE_HUB_CACHE");
  env.unset("HF_HOME");
  env.unset("XDG_CACHE_HOME");
  EXPECT_EQ(default_hub_cache(), fs::path("/home/u/.cache/huggingface/hub"));
  env.set("XDG_CACHE_HOME", "/xdg");
  EXPECT_EQ(default_hub_cache(), fs::path("/xdg/huggingface/hub"));
  env.set("HF_HOME", "/hfhome");
  EXPECT_EQ(default_hub_cache(), fs::path("/hfhome/hub"));
  env.set("HUGGINGFACE_HUB_CACHE", "/legacy");
  EXPECT_EQ(default_hub_cache(), fs::path("/legacy"));
  env.set("HF_HUB_CACHE", "/hubcache");
  EXPECT_EQ(default_hub_cache(), fs::path("/hubcache"));
}

TEST(HubCacheEnv, EmptyIsUnsetAndTildeExpands) {
  EnvGuard env;
  env.set("HOME", "/home/u");
  env.set("HF_HUB_CACHE", "");
  env.unset("HUGGINGFACE_HUB_CACHE");
  env.set("HF_HOME", "~/hf");
  env.set("XDG_CACHE_HOME", "/xdg");
  EXPECT_EQ(default_hub_cache(), fs::path("/home/u/hf/hub"));
}

TEST(HubCacheFolder, Names) {
  EXPECT_EQ(repo_folder_name(RepoType::Model, "openai-community/gpt2"), "models--openai-community--gpt2");
  EXPECT_EQ(repo_folder_name(RepoType::Dataset, "org/ds"), "datasets--org--ds");
  EXPECT_EQ(repo_folder_name(RepoType::Space, "user/app"), "spaces--user--app");
  EXPECT_EQ(repo_folder_name(RepoType::Model, "gpt2"), "models--gpt2");
  EXPECT_THROW(repo_folder_name(RepoType::Model, "../x"), std::invalid_argument);
  EXPECT_THROW(repo_folder_name(RepoType::Model, "a/b/c"), std::invalid_argument);
  EXPECT_THROW(repo_folder_name(RepoType::Model, ""), std::invalid_argument);
}

TEST_F(HubCacheTest, Paths) {
  RepoCache c(root, RepoType::Dataset, "org/ds");
  fs::path repo = root / "datasets--org--ds";
  EXPECT_EQ(c.repo_dir(), repo);
  EXPECT_EQ(c.blob_path(kEtag), repo / "blobs" / kEtag);
  EXPECT_EQ(c.blob_path(kSha256), repo / "blobs" / kSha256);
  EXPECT_EQ(c.incomplete_path(kEtag), repo / "blobs" / (kEtag + ".incomplete"));
  EXPECT_EQ(c.snapshot_path(kCommit, "a/b.txt"), repo / "snapshots" / kCommit / "a" / "b.txt");
  EXPECT_EQ(c.ref_path("main"), repo / "refs" / "main");
  EXPECT_EQ(c.ref_path("refs/pr/1"), repo / "refs" / "refs" / "pr" / "1");
  EXPECT_EQ(c.no_exist_path(kCommit, "x/y.json"), repo / ".no_exist" / kCommit / "x" / "y.json");
  EXPECT_EQ(c.lock_path(kEtag), root / ".locks" / "datasets--org--ds" / (kEtag + ".lock"));
}

TEST_F(HubCacheTest, NestedSnapshotSymlinkIsRelativeAndResolves) {
  RepoCache c(root, RepoType::Model, "ns/name");
  client::write_file_atomic(c.blob_path(kEtag), "blob bytes");
  fs::path link = c.link_snapshot(kCommit, "a/b/c.bin", kEtag);
  EXPECT_EQ(link, c.snapshot_path(kCommit, "a/b/c.bin"));
  ASSERT_TRUE(fs::is_symlink(link));
  EXPECT_EQ(fs::read_symlink(link), fs::path("../../../../blobs/" + kEtag));
  EXPECT_EQ(client::read_file(link), "blob bytes");

  fs::path top = c.link_snapshot(kCommit, "config.json", kEtag);
  EXPECT_EQ(fs::read_symlink(top), fs::path("../../blobs/" + kEtag));
  EXPECT_EQ(client::read_file(top), "blob bytes");
}

TEST_F(HubCacheTest, LinkSnapshotReplacesExisting) {
  RepoCache c(root, RepoType::Model, "ns/name");
  client::write_file_atomic(c.blob_path(kEtag), "old");
  client::write_file_atomic(c.blob_path(kSha256), "new");
  c.link_snapshot(kCommit, "f.bin", kEtag);
  fs::path link = c.link_snapshot(kCommit, "f.bin", kSha256);
  EXPECT_EQ(fs::read_symlink(link), fs::path("../../blobs/" + kSha256));
  EXPECT_EQ(client::read_file(link), "new");
  // A plain file in the way is replaced too.
  fs::remove(link);
  client::write_file_atomic(link, "stale");
  c.link_snapshot(kCommit, "f.bin", kEtag);
  EXPECT_EQ(client::read_file(link), "old");
  // No temp files left behind.
  size_t n = 0;
  for (const auto& e : fs::directory_iterator(c.snapshot_dir(kCommit))) {
    (void)e;
    ++n;
  }
  EXPECT_EQ(n, 1u);
}

TEST_F(HubCacheTest, RefRoundTrip) {
  RepoCache c(root, RepoType::Model, "ns/name");
  EXPECT_EQ(c.read_ref("main"), std::nullopt);
  c.write_ref("main", kCommit);
  EXPECT_EQ(client::read_file(c.ref_path("main")), kCommit);  // no newline, as Python writes it
  EXPECT_EQ(c.read_ref("main"), kCommit);
  c.write_ref("refs/pr/1", kCommit);
  EXPECT_TRUE(fs::is_regular_file(c.repo_dir() / "refs" / "refs" / "pr" / "1"));
  EXPECT_EQ(c.read_ref("refs/pr/1"), kCommit);
  // Overwrite.
  const std::string other = "fedcba9876543210fedcba9876543210fedcba98";
  c.write_ref("main", other);
  EXPECT_EQ(c.read_ref("main"), other);
}

TEST_F(HubCacheTest, ReadRefToleratesNewlineRejectsGarbage) {
  RepoCache c(root, RepoType::Model, "ns/name");
  client::write_file_atomic(c.ref_path("main"), kCommit + "\n");
  EXPECT_EQ(c.read_ref("main"), kCommit);
  client::write_file_atomic(c.ref_path("v1"), "not a commit");
  EXPECT_EQ(c.read_ref("v1"), std::nullopt);
  EXPECT_THROW(c.write_ref("main", "../../etc"), std::invalid_argument);
  EXPECT_THROW(c.write_ref("main", std::string(40, 'A')), std::invalid_argument);
}

TEST_F(HubCacheTest, TraversalRefused) {
  RepoCache c(root, RepoType::Model, "ns/name");
  client::write_file_atomic(c.blob_path(kEtag), "x");
  // A backslash is part of a name in a repo, but '..' between backslashes (or a Windows anchor)
  // would leave the cache on Windows: the cache refuses those everywhere.
  for (const std::string& bad :
       std::vector<std::string>{"../x", "/abs", "a/../../x", "a//b", "a/", ".", "a\\..\\x", "folder/..\\x", "..\\x",
                                "a/\\x", "C:x", ".git/config", std::string("a\0b", 3), ""}) {
    SCOPED_TRACE(bad);
    EXPECT_THROW(c.snapshot_path(kCommit, bad), std::invalid_argument);
    EXPECT_THROW(c.link_snapshot(kCommit, bad, kEtag), std::invalid_argument);
    EXPECT_THROW(c.mark_missing(kCommit, bad), std::invalid_argument);
    EXPECT_THROW(c.no_exist_path(kCommit, bad), std::invalid_argument);
  }
  for (const std::string& bad : std::vector<std::string>{"../../x", "../" + kEtag.substr(3), kEtag.substr(1),
                                                         std::string(40, 'A'), kEtag + "/x", ""}) {
    SCOPED_TRACE(bad);
    EXPECT_THROW(c.blob_path(bad), std::invalid_argument);
    EXPECT_THROW(c.lock_path(bad), std::invalid_argument);
    EXPECT_THROW(c.incomplete_path(bad), std::invalid_argument);
    EXPECT_THROW(c.link_snapshot(kCommit, "f", bad), std::invalid_argument);
  }
  for (const std::string& bad : std::vector<std::string>{"../main", "/main", "refs/../../x", "a..b", "refs//pr",
                                                         "main/", "a\\b", std::string("ma\0in", 5), ""}) {
    SCOPED_TRACE(bad);
    EXPECT_THROW(c.ref_path(bad), std::invalid_argument);
    EXPECT_THROW(c.write_ref(bad, kCommit), std::invalid_argument);
    EXPECT_THROW(c.read_ref(bad), std::invalid_argument);
  }
  for (const std::string& bad :
       std::vector<std::string>{"../" + kCommit, "main", kCommit + "/..", std::string(40, 'G')}) {
    SCOPED_TRACE(bad);
    EXPECT_THROW(c.snapshot_path(bad, "f"), std::invalid_argument);
    EXPECT_THROW(c.mark_missing(bad, "f"), std::invalid_argument);
  }
  // Nothing was created besides the blob written above.
  for (const auto& p : all_entries()) {
    auto rel = fs::relative(p, c.repo_dir());
    EXPECT_FALSE(rel.empty() || *rel.begin() == "..") << p;
  }
}

TEST_F(HubCacheTest, NoExistMarkers) {
  RepoCache c(root, RepoType::Space, "user/app");
  EXPECT_FALSE(c.is_marked_missing(kCommit, "a/b.json"));
  c.mark_missing(kCommit, "a/b.json");
  EXPECT_TRUE(c.is_marked_missing(kCommit, "a/b.json"));
  fs::path marker = c.repo_dir() / ".no_exist" / kCommit / "a" / "b.json";
  EXPECT_TRUE(fs::is_regular_file(marker));
  EXPECT_EQ(fs::file_size(marker), 0u);
  c.mark_missing(kCommit, "a/b.json");  // idempotent
  EXPECT_TRUE(c.is_marked_missing(kCommit, "a/b.json"));
  EXPECT_FALSE(c.is_marked_missing(kCommit, "a/c.json"));
}

TEST_F(HubCacheTest, CacheDirTag) {
  RepoCache c(root, RepoType::Model, "gpt2");
  c.ensure_cachedir_tag();
  auto content = client::read_file(root / "CACHEDIR.TAG");
  ASSERT_TRUE(content);
  EXPECT_EQ(*content, kCacheDirTagContent);
  EXPECT_EQ(content->rfind("Signature: 8a477f597d28d172789f06886806bc55\n#", 0), 0u);
  // An existing tag is kept as is.
  client::write_file_atomic(root / "CACHEDIR.TAG", "Signature: 8a477f597d28d172789f06886806bc55\n");
  c.ensure_cachedir_tag();
  EXPECT_EQ(client::read_file(root / "CACHEDIR.TAG"), "Signature: 8a477f597d28d172789f06886806bc55\n");
}

TEST_F(HubCacheTest, LinkBeforeBlobExists) {
  // The symlink does not need the blob yet (only the copy fallback does).
  RepoCache c(root, RepoType::Model, "ns/name");
  fs::path link = c.link_snapshot(kCommit, "dangling.bin", kEtag);
  EXPECT_TRUE(fs::is_symlink(link));
  EXPECT_FALSE(fs::exists(link));
}

}  // namespace
}  // namespace hfhub
