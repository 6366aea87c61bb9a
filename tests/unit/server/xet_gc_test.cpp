// Garbage collection of Xet storage (server/xet/xet_gc.h): files no repo links go, then xorbs no
// remaining file names, but only once older than the grace period.
#include <sys/stat.h>

#include "server/xet/xet_gc.h"
#include "xet_fixture.h"

namespace hfhub::server {
namespace {

class XetGcTest : public ::testing::Test {
 protected:
  // Backdates a xorb's blob, as if it had been uploaded `age` ago.
  void age(const xet::XorbIndex& x, std::chrono::seconds age) {
    auto hex = x.hash.hex();
    auto path = fx_.temp.dir / "xorbs" / xet_blob_prefix(x.hash) / hex.substr(0, 2) / hex.substr(2, 2) / hex;
    auto when = std::chrono::system_clock::now() - age;
    timespec times[2];
    times[0].tv_sec = times[1].tv_sec = std::chrono::system_clock::to_time_t(when);
    times[0].tv_nsec = times[1].tv_nsec = 0;
    ASSERT_EQ(::utimensat(AT_FDCWD, path.c_str(), times, 0), 0) << path;
  }
  XetFileRecord file_over(const xet::XorbIndex& x, const std::string& sha256) {
    XetFileRecord f;
    f.terms = {XetFixture::term(x, 0, uint32_t(x.chunks.size()))};
    f.size = f.terms[0].unpacked_bytes;
    f.sha256 = sha256;
    f.file_hash = xet::chunk_hash(sha256);  // any distinct hash does for the index
    return f;
  }
  bool stored(const xet::XorbIndex& x) { return fx_.xorbs.size(xet_blob_prefix(x.hash), x.hash.hex()).has_value(); }

  XetFixture fx_;
};

TEST_F(XetGcTest, SweepsWhatNothingReferencesOnceOld) {
  auto kept = fx_.add_xorb(random_bytes(50000, 1), 10000);       // a linked file's
  auto orphaned = fx_.add_xorb(random_bytes(50000, 2), 10000);   // an unlinked file's
  auto abandoned = fx_.add_xorb(random_bytes(50000, 3), 10000);  // no file at all
  auto in_flight = fx_.add_xorb(random_bytes(50000, 4), 10000);  // no file yet: its shard is on its way
  std::string sha_kept(64, 'a'), sha_gone(64, 'b');
  std::vector<XetFileRecord> files{file_over(kept, sha_kept), file_over(orphaned, sha_gone)};
  fx_.store.put_files(files, "0123456789abcdef01234567");
  ASSERT_TRUE(fx_.store.unlink_repo_file("0123456789abcdef01234567", sha_gone));
  for (auto* x : {&kept, &orphaned, &abandoned}) age(*x, std::chrono::hours(48));

  XetGcOptions options{.grace = std::chrono::hours(24), .settle = std::chrono::milliseconds(0)};
  auto dry = collect_xet_garbage(fx_.store, fx_.xorbs, {.grace = options.grace, .settle = {}, .dry_run = true});
  EXPECT_EQ(dry.files_removed, 1u);
  EXPECT_EQ(dry.xorbs_removed, 1u);  // the orphaned file is still recorded in a dry run
  EXPECT_TRUE(stored(orphaned) && stored(abandoned));

  auto r = collect_xet_garbage(fx_.store, fx_.xorbs, options);
  EXPECT_EQ(r.files_removed, 1u);
  EXPECT_EQ(r.xorbs_removed, 2u);
  EXPECT_EQ(r.xorbs_young, 1u);
  EXPECT_GT(r.bytes_freed, 0u);
  EXPECT_FALSE(fx_.store.file(files[1].file_hash));
  EXPECT_TRUE(fx_.store.file(files[0].file_hash));
  EXPECT_TRUE(fx_.store.has_xorb(kept.hash) && stored(kept));
  EXPECT_TRUE(fx_.store.has_xorb(in_flight.hash) && stored(in_flight));
  EXPECT_FALSE(fx_.store.has_xorb(orphaned.hash) || stored(orphaned));
  EXPECT_FALSE(fx_.store.has_xorb(abandoned.hash) || stored(abandoned));

  // Nothing left to do: a second run removes nothing.
  auto again = collect_xet_garbage(fx_.store, fx_.xorbs, options);
  EXPECT_EQ(again.files_removed + again.xorbs_removed, 0u);
}

}  // namespace
}  // namespace hfhub::server
