// The plain-HTTP stream of Xet-backed files (server/xet/xet_file_stream.h): every byte range of a
// file made of terms over several xorbs, a client that goes away, and a missing xorb.
#include <poll.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "common/posix_io.h"
#include "xet_fixture.h"

namespace hfhub::server {
namespace {

std::string drain(PipeStream& s) {
  std::string out = read_to_eof(s.file.fd());
  s.file.reset();
  if (s.finish) s.finish();
  return out;
}

class XetFileStreamTest : public ::testing::Test {
 protected:
  void SetUp() override {
    a_data_ = random_bytes(3 * 100000 + 123, 1);
    b_data_ = random_bytes(10 * 70000, 2);
    a_ = fx_.add_xorb(a_data_, 100000);  // 4 chunks, the last short
    b_ = fx_.add_xorb(b_data_, 70000);   // 10 chunks
    // A file that goes back and forth between xorbs and reuses a range, as dedup makes them.
    file_.terms = {XetFixture::term(a_, 0, 4), XetFixture::term(b_, 2, 7), XetFixture::term(a_, 1, 3),
                   XetFixture::term(b_, 9, 10)};
    expected_ =
        a_data_ + b_data_.substr(2 * 70000, 5 * 70000) + a_data_.substr(100000, 200000) + b_data_.substr(9 * 70000);
    file_.size = expected_.size();
  }

  XetFixture fx_;
  std::string a_data_, b_data_, expected_;
  xet::XorbIndex a_, b_;
  XetFileRecord file_;
};

TEST_F(XetFileStreamTest, EveryRangeIsTheFilesBytes) {
  XetStreamPool pool(fx_.store, fx_.xorbs, 2);
  const uint64_t n = expected_.size();
  std::vector<std::pair<uint64_t, uint64_t>> ranges = {
      {0, n}, {0, 1}, {n - 1, 1}, {1, n - 2}, {99999, 2}, {300123, 70000}, {450000, n - 450000}, {n - 70001, 70001}};
  for (auto [first, length] : ranges) {
    auto s = pool.stream(file_, first, length);
    ASSERT_EQ(s->length, int64_t(length));
    auto got = drain(*s);
    ASSERT_EQ(got.size(), length) << first;
    EXPECT_TRUE(got == expected_.substr(first, length)) << "range " << first << "+" << length;
  }
}

TEST_F(XetFileStreamTest, ReadAtOnce) {
  EXPECT_TRUE(read_xet_range(fx_.store, fx_.xorbs, file_, 0, 100) == expected_.substr(0, 100));
  EXPECT_TRUE(read_xet_range(fx_.store, fx_.xorbs, file_, 299000, 400000) == expected_.substr(299000, 400000));
  EXPECT_EQ(read_xet_range(fx_.store, fx_.xorbs, file_, 5, 0), "");
}

TEST_F(XetFileStreamTest, ManyStreamsShareTheFewThreads) {
  XetStreamPool pool(fx_.store, fx_.xorbs, 1);
  std::vector<std::shared_ptr<PipeStream>> streams;
  for (int i = 0; i < 8; ++i) streams.push_back(pool.stream(file_, uint64_t(i) * 1000, expected_.size() / 2));
  // Read them in reverse order: each job waits on its own full pipe without holding the thread.
  for (int i = 7; i >= 0; --i)
    EXPECT_TRUE(drain(*streams[size_t(i)]) == expected_.substr(size_t(i) * 1000, expected_.size() / 2));
}

TEST_F(XetFileStreamTest, AClientThatGoesAwayStopsTheJob) {
  XetStreamPool pool(fx_.store, fx_.xorbs, 1);
  auto s = pool.stream(file_, 0, expected_.size());
  char buf[1000];
  ASSERT_GT(::read(s->file.fd(), buf, sizeof buf), 0);
  s->file.reset();
  s->finish();
  for (int i = 0; i < 200 && pool.active() > 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  EXPECT_EQ(pool.active(), 0u);
}

TEST_F(XetFileStreamTest, AMissingXorbEndsTheStreamShort) {
  fx_.xorbs.remove(xet_blob_prefix(b_.hash), b_.hash.hex());
  XetStreamPool pool(fx_.store, fx_.xorbs, 1);
  auto got = drain(*pool.stream(file_, 0, expected_.size()));
  EXPECT_EQ(got.size(), a_data_.size());  // the first term, then nothing
  EXPECT_TRUE(got == a_data_);
}

}  // namespace
}  // namespace hfhub::server
