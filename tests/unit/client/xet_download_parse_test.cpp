// The parsing of a Xet download (docs/xet.md#client): Xet fields of the file-metadata HEAD, the
// read-token answer and its refresh rule, reconstruction answers v2 and v1 and the fetch plan,
// the term journal and the chunk cache's self-check.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "client/content/file_metadata.h"
#include "client/xet/xet_download_chunk_cache.h"
#include "client/xet/xet_download_journal.h"
#include "client/xet/xet_download_reconstruction.h"
#include "client/xet/xet_token.h"
#include "hfhub/errors.h"

namespace hfhub::client {
namespace {

namespace fs = std::filesystem;

const std::string kA(64, 'a'), kB(64, 'b');

TEST(XetMetadata, HeadCarriesHashAndLinks) {
  HttpResponse r;
  r.status = 200;
  r.headers = {{"X-Xet-Hash", kA},
               {"Link",
                "<https://hub.test/api/models/a/b/xet-read-token/c0>; rel=\"xet-auth\", "
                "<https://cas.test/v1/reconstructions/" +
                    kA + ">; rel=\"xet-reconstruction-info\""}};
  auto m = file_metadata_from_response(r, "https://hub.test/a/b/resolve/main/f");
  ASSERT_TRUE(m.xet_file_data);
  EXPECT_EQ(m.xet_file_data->file_hash, kA);
  EXPECT_EQ(m.xet_file_data->refresh_route, "https://hub.test/api/models/a/b/xet-read-token/c0");
  EXPECT_EQ(m.xet_file_data->reconstruction_url, "https://cas.test/v1/reconstructions/" + kA);
}

TEST(XetMetadata, OlderRefreshRouteHeaderAndMissingPieces) {
  HttpResponse r;
  r.headers = {{"X-Xet-Hash", kA}, {"X-Xet-Refresh-Route", "/api/models/a/b/xet-read-token/main"}};
  auto m = file_metadata_from_response(r, "u");
  ASSERT_TRUE(m.xet_file_data);
  EXPECT_EQ(m.xet_file_data->refresh_route, "/api/models/a/b/xet-read-token/main");
  r.headers = {{"X-Xet-Hash", kA}};  // a hash without a way to a token is not Xet (as Python)
  EXPECT_FALSE(file_metadata_from_response(r, "u").xet_file_data);
  r.headers = {{"Link", "<https://x/t>; rel=\"xet-auth\""}};
  EXPECT_FALSE(file_metadata_from_response(r, "u").xet_file_data);
}

TEST(XetToken, ParsesBodyAndRefreshesThirtySecondsEarly) {
  auto c = parse_xet_token(R"({"accessToken":"tok","exp":1000,"casUrl":"https://cas.test/xet/"})", "u");
  EXPECT_EQ(c.access_token, "tok");
  EXPECT_EQ(c.exp, 1000);
  EXPECT_EQ(c.cas_url, "https://cas.test/xet");
  EXPECT_FALSE(xet_token_needs_refresh(c, 969));
  EXPECT_TRUE(xet_token_needs_refresh(c, 970));
  EXPECT_THROW(parse_xet_token(R"({"exp":1000,"casUrl":"x"})", "u"), InvalidResponseError);
  EXPECT_THROW(parse_xet_token(R"({"accessToken":"t","exp":"soon","casUrl":"x"})", "u"), InvalidResponseError);
  EXPECT_THROW(parse_xet_token("nope", "u"), InvalidResponseError);
}

TEST(XetToken, SourceFetchesOnceWhileValidAndAgainWhenExpiring) {
  int fetches = 0;
  int64_t exp = 4'000'000'000;  // far future
  XetTokenSource source("https://hub.test/t", [&](const std::string& url) {
    EXPECT_EQ(url, "https://hub.test/t");
    ++fetches;
    return R"({"accessToken":"t)" + std::to_string(fetches) + R"(","exp":)" + std::to_string(exp) +
           R"(,"casUrl":"https://cas"})";
  });
  EXPECT_EQ(source.get().access_token, "t1");
  EXPECT_EQ(source.get().access_token, "t1");
  source.invalidate();
  exp = 10;  // already expired: every get() refreshes
  EXPECT_EQ(source.get().access_token, "t2");
  EXPECT_EQ(source.get().access_token, "t3");
  EXPECT_EQ(fetches, 3);
}

TEST(XetReconstruction, V2WithSeveralRangesAndThePlan) {
  std::string body =
      R"({"offset_into_first_range":0,"terms":[
      {"hash":")" +
      kA + R"(","unpacked_length":100,"range":{"start":0,"end":2}},
      {"hash":")" +
      kB + R"(","unpacked_length":50,"range":{"start":3,"end":4}},
      {"hash":")" +
      kA + R"(","unpacked_length":70,"range":{"start":1,"end":3}}],
    "xorbs":{")" +
      kA + R"(":[{"url":"https://x/a","ranges":[{"chunks":{"start":0,"end":3},"bytes":{"start":0,"end":299}}]}],
             ")" +
      kB + R"(":[{"url":"https://x/b","ranges":[{"chunks":{"start":0,"end":1},"bytes":{"start":0,"end":9}},
                                                         {"chunks":{"start":3,"end":5},"bytes":{"start":30,"end":59}}]}]}})";
  auto r = parse_reconstruction_v2(body, "u");
  ASSERT_EQ(r.terms.size(), 3u);
  EXPECT_EQ(r.terms[1].chunk_start, 3u);
  EXPECT_EQ(r.terms[1].unpacked_length, 50u);
  ASSERT_EQ(r.fetch[*xet::MerkleHash::from_hex(kB)].size(), 2u);
  EXPECT_EQ(r.fetch[*xet::MerkleHash::from_hex(kB)][1].byte_end, 59u);
  auto units = plan_fetch_units(r, "u");
  ASSERT_EQ(units.size(), 2u);  // xorb a's range serves terms 0 and 2; b's second range term 1
  EXPECT_EQ(units[0].terms, (std::vector<size_t>{0, 2}));
  EXPECT_EQ(units[1].terms, (std::vector<size_t>{1}));
  EXPECT_EQ(units[1].range.url, "https://x/b");
  EXPECT_EQ(units[1].range.byte_start, 30u);
}

TEST(XetReconstruction, V1FetchInfoAndErrors) {
  std::string body = R"({"offset_into_first_range":0,"terms":[
      {"hash":")" + kA +
                     R"(","unpacked_length":10,"range":{"start":0,"end":1}}],
    "fetch_info":{")" +
                     kA + R"(":[{"range":{"start":0,"end":1},"url":"https://x/a","url_range":{"start":0,"end":17}}]}})";
  auto r = parse_reconstruction_v1(body, "u");
  auto units = plan_fetch_units(r, "u");
  ASSERT_EQ(units.size(), 1u);
  EXPECT_EQ(units[0].range.byte_end, 17u);
  EXPECT_EQ(units[0].range.chunk_end, 1u);
  EXPECT_THROW(parse_reconstruction_v2(body, "u"), InvalidResponseError);  // no "xorbs"
  r.fetch.clear();
  EXPECT_THROW(plan_fetch_units(r, "u"), InvalidResponseError);  // a term without a range
  EXPECT_THROW(parse_reconstruction_v1(R"({"offset_into_first_range":0,"terms":[{"hash":"zz"}]})", "u"),
               InvalidResponseError);
}

class TempDir : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("hfhub-xet-unit-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

using XetJournal = TempDir;

TEST_F(XetJournal, ResumesFinishedTermsAndIgnoresATornLine) {
  fs::path path = dir_ / "j";
  auto j = XetTermJournal::fresh("k", 3);
  j.create(path);
  xet::MerkleHash h = *xet::MerkleHash::from_hex(kA);
  j.append(path, 1, {{h, 5}, {h, 7}});
  { std::ofstream(path, std::ios::app) << "2 " << kA << ":3"; }  // killed mid-line
  auto loaded = XetTermJournal::load(path, "k", {1, 2, 1}, {4, 12, 3});
  ASSERT_TRUE(loaded);
  EXPECT_EQ(loaded->done, (std::vector<bool>{false, true, false}));
  EXPECT_EQ(loaded->hashes[1].size(), 2u);
  EXPECT_FALSE(XetTermJournal::load(path, "other", {1, 2, 1}, {4, 12, 3}));
  auto mismatch = XetTermJournal::load(path, "k", {1, 2, 1}, {4, 13, 3});  // sizes disagree: refetch
  EXPECT_EQ(mismatch->done, (std::vector<bool>{false, false, false}));
}

using XetChunkCacheTest = TempDir;

// A verified "download" holding `chunks` back to back, and the refs the fetch would record.
std::vector<XetChunkRef> write_file(const fs::path& file, const std::vector<std::string>& chunks) {
  std::ofstream out(file, std::ios::binary);
  std::vector<XetChunkRef> refs;
  uint64_t at = 0;
  for (const auto& c : chunks) {
    out << c;
    refs.push_back({at, uint32_t(c.size()), xet::chunk_hash(c)});
    at += c.size();
  }
  return refs;
}

TEST_F(XetChunkCacheTest, ServesSubrangesVerifiesAndDropsStaleEntries) {
  XetChunkCache cache(dir_ / "cache", 1 << 30);
  xet::MerkleHash xorb = *xet::MerkleHash::from_hex(kB);
  std::vector<std::string> chunks = {std::string(1000, 'a'), std::string(2000, 'b'), "ccc"};
  cache.put(xorb, 4, dir_ / "blob", write_file(dir_ / "blob", chunks));
  std::vector<std::pair<uint32_t, std::string>> seen;
  auto record = [&](uint32_t index, std::string_view data, const xet::MerkleHash&) { seen.emplace_back(index, data); };
  EXPECT_TRUE(cache.read(xorb, 5, 7, record));
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0], (std::pair<uint32_t, std::string>{5, chunks[1]}));
  EXPECT_EQ(seen[1].second, "ccc");
  EXPECT_FALSE(cache.read(xorb, 3, 5, record));  // not held
  // The file changed under the entry: refused, and the entry is deleted.
  fs::path entry = dir_ / "cache" / kB.substr(0, 2) / kB / "4-7";
  ASSERT_TRUE(fs::exists(entry));
  {
    std::fstream f(dir_ / "blob", std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(1500);
    f.put('X');
  }
  seen.clear();
  EXPECT_FALSE(cache.read(xorb, 4, 7, record));
  EXPECT_FALSE(fs::exists(entry));
  // A deleted file, and an entry with a chunk this download did not place, are no entries.
  cache.put(xorb, 4, dir_ / "gone", write_file(dir_ / "gone", chunks));
  fs::remove(dir_ / "gone");
  EXPECT_FALSE(cache.read(xorb, 4, 7, record));
  auto refs = write_file(dir_ / "blob2", chunks);
  refs[1].size = 0;
  cache.put(xorb, 4, dir_ / "blob2", refs);
  EXPECT_FALSE(fs::exists(entry));
}

TEST_F(XetChunkCacheTest, EvictsLeastRecentlyUsedOverTheCap) {
  XetChunkCache cache(dir_ / "cache", 300);  // one entry of three chunks is about 200 bytes
  fs::path last;
  for (char c : {'1', '2', '3'}) {
    xet::MerkleHash xorb = *xet::MerkleHash::from_hex(std::string(64, c));
    cache.put(xorb, 0, dir_ / "blob", write_file(dir_ / "blob", {"x", "y", "z"}));
    last = dir_ / "cache" / std::string(2, c) / std::string(64, c) / "0-3";
    cache.evict(last);
  }
  int entries = 0;
  for (auto& e : fs::recursive_directory_iterator(dir_ / "cache"))
    if (e.is_regular_file()) ++entries;
  EXPECT_EQ(entries, 1);
  EXPECT_TRUE(fs::exists(last));
}

}  // namespace
}  // namespace hfhub::client
