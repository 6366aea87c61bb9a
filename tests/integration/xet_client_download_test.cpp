// libhfhub downloads Xet-backed files through the CAS (docs/xet.md#client, docs/client.md#xet-downloads):
// the reconstruction query and the transfer URLs instead of the plain resolve GET, into the
// shared cache as the plain path does; HF_HUB_DISABLE_XET's option; resume from the term journal;
// the chunk cache's reuse across revisions and its self-check. Every request goes through a
// FaultyProxy, whose log says which routes moved how many bytes.
#include <gtest/gtest.h>

#include <fstream>

#include "commit_support.h"
#include "download_fixture.h"
#include "server_fixture.h"
#include "xet_support.h"

namespace hfhub::testing {
namespace {

constexpr const char* kFetch = "/xet/fetch/";

// The proxy, options and temp cache of DownloadTest; a repo of its own (the shared one's file
// list is checked by other suites).
class XetClientDownload : public DownloadTest {
 protected:
  static void SetUpTestSuite() { xid_ = new_model("alice"); }
  fs::path xrepo_dir(const fs::path& hub_dir) const {
    std::string name = "models--" + xid_;
    name.replace(name.find('/'), 1, "--");
    return hub_dir / name;
  }
  fs::path xblob(const std::string& etag) const { return xrepo_dir(hub()) / "blobs" / etag; }

  // A Xet file of `size` bytes in xorbs of 1 MiB, committed as `path`; the commit.
  std::string put(const std::string& path, const std::string& content) {
    uploaded_ = put_xet_file(xid_, content, 1 << 20);
    return commit_ok(xid_, {header_line("xet " + path), lfs_line(path, uploaded_.sha256, int64_t(content.size()))});
  }
  ClientOptions xet_options(bool chunk_cache = false) const {
    ClientOptions o = options();
    if (chunk_cache) o.xet_chunk_cache = temp_ / "chunks";
    return o;
  }
  DownloadParams in(const fs::path& hub_dir) const {
    DownloadParams p;
    p.cache_dir = hub_dir;
    return p;
  }
  static inline std::string xid_;
  XetUploaded uploaded_;
};

TEST_F(XetClientDownload, FetchesThroughTheCasIntoTheSharedCache) {
  std::string content = random_bytes(3 * 1024 * 1024 + 4321, 11);
  for (size_t i = 0; i < content.size(); i += 8192) content.replace(i, 4096, 4096, 'x');  // LZ4 chunks too
  std::string commit = put("xet/model.bin", content);
  proxy_->clear_log();
  auto path = HfApi(xet_options()).hf_hub_download(xid_, "xet/model.bin", params());
  EXPECT_TRUE(read_bytes(path) == content);
  EXPECT_EQ(path, xrepo_dir(hub()) / "snapshots" / commit / "xet" / "model.bin");
  EXPECT_TRUE(fs::is_symlink(path));
  EXPECT_TRUE(fs::exists(xblob(uploaded_.sha256)));
  // HEAD for the metadata, then the CAS: no plain resolve GET.
  EXPECT_EQ(proxy_->count("GET", "/resolve/"), 0);
  EXPECT_EQ(proxy_->count("GET", "/xet-read-token/"), 1);
  EXPECT_EQ(proxy_->count("GET", "/xet/v2/reconstructions/" + uploaded_.file_hash), 1);
  EXPECT_GE(proxy_->count("GET", kFetch), 4);  // one range per xorb
  for (const auto& r : proxy_->requests())
    if (r.target.find(kFetch) != std::string::npos) {
      EXPECT_EQ(r.headers.count("authorization"), 0u) << "a transfer URL must not get a token";
      EXPECT_EQ(r.status, 206);
    }
  EXPECT_EQ(files_under(xrepo_dir(hub()) / "blobs"), std::set<std::string>{uploaded_.sha256});
}

TEST_F(XetClientDownload, DisableXetDownloadsOverPlainResolve) {
  std::string content = random_bytes(2 * 1024 * 1024 + 5, 12);
  put("xet/plain.bin", content);
  proxy_->clear_log();
  ClientOptions o = xet_options();
  o.disable_xet = true;
  auto path = HfApi(o).hf_hub_download(xid_, "xet/plain.bin", params());
  EXPECT_TRUE(read_bytes(path) == content);
  EXPECT_GE(proxy_->count("GET", "/resolve/"), 1);
  EXPECT_EQ(proxy_->count("GET", kFetch), 0);
}

TEST_F(XetClientDownload, SnapshotUsesTheTreesXetHash) {
  std::string content = random_bytes(1536 * 1024 + 9, 13);
  std::string commit = put("xet/snap.bin", content);
  proxy_->clear_log();
  SnapshotParams p = snapshot_params();
  p.allow_patterns = {"xet/snap.bin"};
  auto dir = HfApi(xet_options()).snapshot_download(xid_, p);
  EXPECT_TRUE(read_bytes(dir / "xet" / "snap.bin") == content);
  EXPECT_EQ(proxy_->count("GET", "/resolve/"), 0);
  EXPECT_EQ(proxy_->count("HEAD", "/resolve/"), 0);
  EXPECT_GE(proxy_->count("GET", kFetch), 2);
}

TEST_F(XetClientDownload, ResumesWithoutFetchingFinishedTermsAgain) {
  std::string content = random_bytes(4 * 1024 * 1024 + 77, 14);
  put("xet/resume.bin", content);
  ClientOptions o = xet_options();
  o.transfer.connections_per_file = 1;  // ranges one after the other, in file order
  // Killed while the third range is on its way: the first two terms are journaled.
  o.cancelled = [this] { return proxy_->count("GET", kFetch) >= 3; };
  EXPECT_THROW(HfApi(o).hf_hub_download(xid_, "xet/resume.bin", params()), CancelledError);
  EXPECT_FALSE(fs::exists(xblob(uploaded_.sha256)));
  int first_fetches = proxy_->count("GET", kFetch);
  EXPECT_GE(first_fetches, 3);
  proxy_->clear_log();
  auto path = HfApi(xet_options()).hf_hub_download(xid_, "xet/resume.bin", params());
  EXPECT_TRUE(read_bytes(path) == content);
  int total_ranges = 5;  // 4 MiB + 77 bytes in xorbs of 1 MiB
  EXPECT_LE(proxy_->count("GET", kFetch), total_ranges - 2) << "finished terms were fetched again";
  EXPECT_EQ(files_under(xrepo_dir(hub()) / "blobs"), std::set<std::string>{uploaded_.sha256});
}

TEST_F(XetClientDownload, CorruptChunkCacheEntryIsRefetchedNotServed) {
  std::string content = random_bytes(3 * 1024 * 1024 + 1, 15);
  put("xet/cached.bin", content);
  ClientOptions o = xet_options(true);
  auto first = HfApi(o).hf_hub_download(xid_, "xet/cached.bin", in(temp_ / "hub1"));
  size_t entries = 0;
  for (auto& e : fs::recursive_directory_iterator(temp_ / "chunks")) entries += e.is_regular_file();
  EXPECT_GE(entries, 4u);
  // The bytes behind the first range's entry go bad (a damaged disk, an edited local-dir file).
  fs::path blob = fs::canonical(first);
  fs::permissions(blob, fs::perms::owner_write, fs::perm_options::add);
  {
    std::fstream f(blob, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(300 * 1024);
    f.put(char(~content[300 * 1024]));
  }
  proxy_->clear_log();
  auto path = HfApi(o).hf_hub_download(xid_, "xet/cached.bin", in(temp_ / "hub2"));
  EXPECT_TRUE(read_bytes(path) == content);
  EXPECT_EQ(proxy_->count("GET", kFetch), 1) << "only the damaged range is fetched again";
  // Its new entry points at the good copy: a third cache needs no fetch at all.
  proxy_->clear_log();
  auto third = HfApi(o).hf_hub_download(xid_, "xet/cached.bin", in(temp_ / "hub3"));
  EXPECT_TRUE(read_bytes(third) == content);
  EXPECT_EQ(proxy_->count("GET", kFetch), 0);
}

TEST_F(XetClientDownload, SecondRevisionFetchesOnlyWhatChanged) {
  const size_t size = 8 * 1024 * 1024;
  std::string v1 = random_bytes(size, 16);
  put("xet/versions.bin", v1);
  ClientOptions o = xet_options(true);
  proxy_->clear_log();
  HfApi(o).hf_hub_download(xid_, "xet/versions.bin", in(temp_ / "hub1"));
  int64_t first = proxy_->body_bytes("GET", kFetch);
  EXPECT_GE(first, int64_t(size));
  // 1 MiB changed at 6 MiB.
  std::string v2 = v1;
  std::string changed = random_bytes(1 << 20, 17);
  v2.replace(6 << 20, changed.size(), changed);
  put("xet/versions.bin", v2);
  proxy_->clear_log();
  auto path = HfApi(o).hf_hub_download(xid_, "xet/versions.bin", in(temp_ / "hub1"));
  EXPECT_TRUE(read_bytes(path) == v2);
  int64_t second = proxy_->body_bytes("GET", kFetch);
  EXPECT_GT(second, int64_t(1 << 20) / 2);
  // The xorbs before the change are the same objects in both revisions (this test's packer cuts
  // xorbs by size, so those after it differ): about 3 of 8 MiB are new.
  EXPECT_LT(second, int64_t(size) / 2) << "the unchanged ranges come from the chunk cache";
}

TEST_F(XetClientDownload, CorruptTransferIsRefusedAndNeverCached) {
  std::string content = random_bytes(2 * 1024 * 1024 + 3, 18);
  put("xet/flipped.bin", content);
  ProxyFaults faults;
  faults.xet_transfers = true;
  faults.flip_byte_at = 300 * 1024;  // inside the first range of each xorb
  proxy_->set_faults(faults);
  ClientOptions o = xet_options(true);
  EXPECT_THROW(HfApi(o).hf_hub_download(xid_, "xet/flipped.bin", params()), ChecksumMismatchError);
  EXPECT_FALSE(fs::exists(xblob(uploaded_.sha256)));
  EXPECT_TRUE(files_under(xrepo_dir(hub()) / "snapshots").empty());
  EXPECT_TRUE(files_under(temp_ / "chunks").empty()) << "unverified bytes were cached";
  proxy_->set_faults({});
  auto path = HfApi(o).hf_hub_download(xid_, "xet/flipped.bin", params());
  EXPECT_TRUE(read_bytes(path) == content);
}

TEST_F(XetClientDownload, DroppedAndStalledRangesAreRetried) {
  std::string content = random_bytes(3 * 1024 * 1024 + 11, 19);
  put("xet/flaky.bin", content);
  ProxyFaults faults;
  faults.xet_transfers = true;
  faults.drop_after = 200 * 1024;   // the first range's connection drops
  faults.stall_after = 100 * 1024;  // and a later one stalls past the 2 s watchdog
  proxy_->set_faults(faults);
  auto path = HfApi(xet_options()).hf_hub_download(xid_, "xet/flaky.bin", params());
  EXPECT_TRUE(read_bytes(path) == content);
  EXPECT_GE(proxy_->count("GET", kFetch), 6) << "4 ranges and 2 retries";
}

TEST_F(XetClientDownload, ExpiredTransferUrlGetsAFreshReconstruction) {
  std::string content = random_bytes(2 * 1024 * 1024 + 5, 20);
  put("xet/expired.bin", content);
  ProxyFaults faults;
  faults.xet_transfers = true;
  faults.forbid_once = true;
  proxy_->set_faults(faults);
  auto path = HfApi(xet_options()).hf_hub_download(xid_, "xet/expired.bin", params());
  EXPECT_TRUE(read_bytes(path) == content);
  EXPECT_EQ(proxy_->count("GET", "/xet/v2/reconstructions/"), 2) << "a 403 asks for new URLs";
}

}  // namespace
}  // namespace hfhub::testing
