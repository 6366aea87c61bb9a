// Downloads through a FaultyProxy that corrupts, cuts, stalls, ignores Range or redirects to
// another host: verified bytes or a ChecksumMismatchError with nothing left behind, resumes
// with Range (within one call, after a "restart", after a cancel), clean restarts when Range
// is ignored, and no token sent across hosts. Both the sequential path (600 KB) and the
// parallel-range path (5 MB with 256 KiB chunks) are exercised.
#include <gtest/gtest.h>

#include <algorithm>

#include "download_fixture.h"

namespace hfhub::testing {
namespace {

class ClientDownloadFaults : public DownloadTest {
 protected:
  std::set<std::string> blobs() const { return files_under(repo_dir() / "blobs"); }
  // Whether a resolve GET asked for a Range starting inside a chunk (a resumed request).
  bool resumed_mid_chunk() const {
    auto starts = range_starts(*proxy_);
    return std::any_of(starts.begin(), starts.end(), [](int64_t s) { return s % kChunk != 0; });
  }
};

TEST_F(ClientDownloadFaults, CorruptedBytesAreRejectedAndDeleted) {
  for (const char* file : {"medium.bin", "big.bin"}) {
    SCOPED_TRACE(file);
    proxy_->set_faults({.flip_byte_at = 300'000});
    EXPECT_THROW(api().hf_hub_download(id_, file, params()), ChecksumMismatchError);
    EXPECT_TRUE(blobs().empty()) << *blobs().begin();
    EXPECT_FALSE(fs::exists(repo_dir() / "snapshots" / head_ / file));
  }
  proxy_->set_faults({});
  EXPECT_EQ(read_bytes(api().hf_hub_download(id_, "big.bin", params())), big_);
}

TEST_F(ClientDownloadFaults, DroppedConnectionResumesWithRange) {
  proxy_->set_faults({.drop_after = 100'000});
  EXPECT_EQ(read_bytes(api().hf_hub_download(id_, "medium.bin", params())), medium_);
  auto starts = range_starts(*proxy_);
  EXPECT_EQ(starts, std::vector<int64_t>{100'000});
  EXPECT_EQ(proxy_->count("GET", "/medium.bin"), 2);

  proxy_->clear_log();
  proxy_->set_faults({.drop_after = 100'000});
  EXPECT_EQ(read_bytes(api().hf_hub_download(id_, "big.bin", params())), big_);
  EXPECT_TRUE(resumed_mid_chunk());
  EXPECT_EQ(blobs(), (std::set<std::string>{medium_oid_, big_oid_}));
}

TEST_F(ClientDownloadFaults, RepeatedDropsStillComplete) {
  proxy_->set_faults({.drop_after = 250'000, .drop_every_time = true});
  EXPECT_EQ(read_bytes(api().hf_hub_download(id_, "medium.bin", params())), medium_);
  EXPECT_EQ(range_starts(*proxy_), (std::vector<int64_t>{250'000, 500'000}));
}

TEST_F(ClientDownloadFaults, PartialFileOfAnEarlierRunIsResumed) {
  const size_t half = medium_.size() / 2;
  write_bytes(repo_dir() / "blobs" / (medium_oid_ + ".incomplete"), medium_.substr(0, half));
  EXPECT_EQ(read_bytes(api().hf_hub_download(id_, "medium.bin", params())), medium_);
  EXPECT_EQ(range_starts(*proxy_), std::vector<int64_t>{int64_t(half)});
  EXPECT_EQ(proxy_->body_bytes("GET", "/medium.bin"), int64_t(medium_.size() - half));

  // A large file adopts the partial file as its first chunks.
  proxy_->clear_log();
  write_bytes(repo_dir() / "blobs" / (big_oid_ + ".incomplete"), big_.substr(0, big_.size() / 2));
  EXPECT_EQ(read_bytes(api().hf_hub_download(id_, "big.bin", params())), big_);
  EXPECT_LE(proxy_->body_bytes("GET", "/big.bin"), int64_t(big_.size() / 2) + kChunk);
  EXPECT_EQ(blobs(), (std::set<std::string>{medium_oid_, big_oid_}));
}

TEST_F(ClientDownloadFaults, ServerIgnoringRangeRestartsCleanly) {
  proxy_->set_faults({.ignore_range = true});
  write_bytes(repo_dir() / "blobs" / (medium_oid_ + ".incomplete"), medium_.substr(0, 1000));
  EXPECT_EQ(read_bytes(api().hf_hub_download(id_, "medium.bin", params())), medium_);
  // Stale garbage in the partial file must not survive the restart either.
  write_bytes(repo_dir() / "blobs" / (big_oid_ + ".incomplete"), std::string(1000, 'x'));
  EXPECT_EQ(read_bytes(api().hf_hub_download(id_, "big.bin", params())), big_);
  EXPECT_EQ(blobs(), (std::set<std::string>{medium_oid_, big_oid_}));
}

TEST_F(ClientDownloadFaults, StalledTransferIsRetried) {
  proxy_->set_faults({.stall_after = 100'000});
  EXPECT_EQ(read_bytes(api().hf_hub_download(id_, "medium.bin", params())), medium_);
  EXPECT_EQ(range_starts(*proxy_), std::vector<int64_t>{100'000});
  proxy_->set_faults({.stall_after = 100'000});
  EXPECT_EQ(read_bytes(api().hf_hub_download(id_, "big.bin", params())), big_);
}

TEST_F(ClientDownloadFaults, TokenIsNotSentAcrossHosts) {
  proxy_->set_faults({.redirect_to_localhost = true});
  EXPECT_EQ(read_bytes(api().hf_hub_download(id_, "big.bin", params())), big_);
  // snapshot_download GETs the resolve URL directly: libcurl follows the redirect itself.
  auto p = snapshot_params();
  p.allow_patterns = {"medium.bin"};
  EXPECT_EQ(read_bytes(api().snapshot_download(id_, p) / "medium.bin"), medium_);

  int on_localhost = 0, with_token_on_loopback = 0;
  for (const auto& r : proxy_->requests()) {
    if (r.host.starts_with("localhost")) {
      ++on_localhost;
      EXPECT_FALSE(r.headers.contains("authorization")) << r.method << " " << r.target;
    } else if (r.headers.contains("authorization")) {
      ++with_token_on_loopback;
    }
  }
  EXPECT_GE(on_localhost, 2);
  EXPECT_GE(with_token_on_loopback, 2);
}

// The proxy stalls the first response, so the download is reliably under way when the
// cancellation (polled by the transfer loop) arrives: once the partial file has bytes, or once
// the chunk journal records a finished chunk.
TEST_F(ClientDownloadFaults, CancelledDownloadResumesOnTheNextCall) {
  fs::path partial = blob(medium_oid_);
  partial += ".incomplete";
  proxy_->set_faults({.stall_after = 300'000});
  auto o = options();
  o.cancelled = [partial] {
    std::error_code ec;
    auto size = fs::file_size(partial, ec);
    return !ec && size > 0;
  };
  EXPECT_THROW(HfApi(o).hf_hub_download(id_, "medium.bin", params()), CancelledError);
  EXPECT_FALSE(fs::exists(blob(medium_oid_)));
  int64_t kept = int64_t(fs::file_size(partial));
  proxy_->clear_log();
  proxy_->set_faults({});
  EXPECT_EQ(read_bytes(api().hf_hub_download(id_, "medium.bin", params())), medium_);
  EXPECT_EQ(range_starts(*proxy_), std::vector<int64_t>{kept});
  EXPECT_EQ(proxy_->body_bytes("GET", "/medium.bin"), int64_t(medium_.size()) - kept);

  fs::path journal = blob(big_oid_);
  journal += ".chunks.incomplete";
  proxy_->set_faults({.stall_after = 1000});
  o.cancelled = [journal] { return fs::exists(journal); };
  EXPECT_THROW(HfApi(o).hf_hub_download(id_, "big.bin", params()), CancelledError);
  EXPECT_FALSE(fs::exists(blob(big_oid_)));
  proxy_->clear_log();
  proxy_->set_faults({});
  EXPECT_EQ(read_bytes(api().hf_hub_download(id_, "big.bin", params())), big_);
  EXPECT_LE(proxy_->body_bytes("GET", "/big.bin"), int64_t(big_.size()) - kChunk);
  EXPECT_EQ(files_under(repo_dir() / "blobs"), (std::set<std::string>{medium_oid_, big_oid_}));
}

}  // namespace
}  // namespace hfhub::testing
