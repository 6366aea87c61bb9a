#pragma once
// Shared set-up of the ClientDownload* suites: one repo with regular, nested and LFS files (a
// 5 MB one fetched in parallel ranges, a 600 KB one fetched sequentially, and a copy of it, so
// two paths share one blob), a pull request, and per test a temporary cache and a FaultyProxy
// in front of hfhubd through which every download goes.
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <set>
#include <string>

#include "faulty_proxy.h"
#include "hfhub/hf_api.h"
#include "server_fixture.h"

namespace hfhub::testing {

namespace fs = std::filesystem;

class DownloadTest : public ::testing::Test {
 protected:
  static constexpr int64_t kChunk = 256 * 1024;

  static void SetUpTestSuite();
  void SetUp() override;
  void TearDown() override;

  // Through the proxy as alice (read), with small chunks and a short stall timeout.
  ClientOptions options(const char* token = Tokens::alice_read) const;
  HfApi api() const { return HfApi(options()); }
  DownloadParams params(const std::optional<std::string>& revision = std::nullopt) const;
  SnapshotParams snapshot_params() const;

  fs::path hub() const { return temp_ / "hub"; }
  fs::path repo_dir() const;
  fs::path blob(const std::string& etag) const { return repo_dir() / "blobs" / etag; }

  static inline std::string id_, first_, head_, pr_commit_;
  static inline std::string big_, medium_, big_oid_, medium_oid_;
  static inline const std::string readme_ = "# hello\n", nested_ = "deep\n";
  fs::path temp_;
  std::unique_ptr<FaultyProxy> proxy_;
};

std::string read_bytes(const fs::path& path);
void write_bytes(const fs::path& path, const std::string& bytes);
// Files and links under `dir`, relative, recursively ("" when dir is missing).
std::set<std::string> files_under(const fs::path& dir);
// Deterministic pseudo-random bytes.
std::string random_bytes(size_t size, unsigned seed);
// The start offsets of the Range headers the proxy saw on resolve GETs.
std::vector<int64_t> range_starts(const FaultyProxy& proxy);

}  // namespace hfhub::testing
