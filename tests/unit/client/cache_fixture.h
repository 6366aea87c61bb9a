#pragma once
// Builds Hugging Face caches by hand in a temp dir for the cache management tests: real etags
// (sha256 for "LFS" blobs, git blob sha1 for regular ones), links made by RepoCache.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "client/cache/hub_cache.h"
#include "common/hash.h"

namespace hfhub::testing {

namespace fs = std::filesystem;

inline const std::string kCommitA = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
inline const std::string kCommitB = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
inline const std::string kCommitC = "cccccccccccccccccccccccccccccccccccccccc";

inline std::string git_blob_sha1(const std::string& content) {
  return sha1_hex("blob " + std::to_string(content.size()) + std::string(1, '\0') + content);
}

inline void write_bytes(const fs::path& path, const std::string& content) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary | std::ios::trunc) << content;
}

inline std::string read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

class CacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root = fs::temp_directory_path() / ("hfhub-cache-mgmt-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root);
    fs::create_directories(root / "hub");
    cache = root / "hub";
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(root, ec);
  }

  RepoCache repo(const std::string& id, RepoType type = RepoType::Model) const { return RepoCache(cache, type, id); }

  // Stores content as a blob; lfs: etag = sha256, else git blob sha1. Returns the etag.
  static std::string add_blob(const RepoCache& r, const std::string& content, bool lfs) {
    std::string etag = lfs ? sha256_hex(content) : git_blob_sha1(content);
    write_bytes(r.blob_path(etag), content);
    return etag;
  }
  // Blob + snapshot link at commit/path.
  static std::string add_file(const RepoCache& r, const std::string& commit, const std::string& path,
                              const std::string& content, bool lfs = false) {
    std::string etag = add_blob(r, content, lfs);
    r.link_snapshot(commit, path, etag);
    return etag;
  }

  fs::path root;  // temp dir; the cache is root/hub, anything "outside" goes in root/outside
  fs::path cache;
};

}  // namespace hfhub::testing
