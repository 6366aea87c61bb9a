// The Xet CAS over raw HTTP (docs/xet.md#cas-api, #transfer-urls, #resolve): an upload by hand
// (xorb, shard, commit of the LFS pointer), then resolve's advertising, reconstructions with
// ranges, transfer URLs and global dedup. Bad input is in xet_cas_bad_input_test.cpp.
#include <gtest/gtest.h>

#include "commit_support.h"
#include "common/xet/merkle.h"
#include "server_fixture.h"
#include "xet_cas_support.h"

namespace hfhub::testing {
namespace {

struct Uploaded {
  std::string repo;
  XetUpload upload;
  XetToken write;
};

// A repo with one Xet file at `path`, committed as an LFS pointer.
Uploaded upload_and_commit(size_t size, const std::string& path = "model.bin", unsigned seed = 7) {
  Uploaded out{new_model(), make_xet_upload(size, 40000, seed), {}};
  out.write = xet_token(out.repo, "write", Tokens::alice_write);
  auto x = post_xorb(out.write, out.upload);
  EXPECT_EQ(x.status, 200) << x.body;
  auto s = post_shard(out.write, out.upload.shard_bytes());
  EXPECT_EQ(s.status, 200) << s.body;
  commit_ok(out.repo, {header_line("xet"), lfs_line(path, out.upload.sha256, int64_t(size))});
  return out;
}

TEST(XetCas, UploadAnswersAndIdempotence) {
  auto repo = new_model();
  auto u = make_xet_upload(150000, 40000, 3);
  auto w = xet_token(repo, "write", Tokens::alice_write);
  EXPECT_EQ(w.cas, shared_server().endpoint() + "/xet");
  auto first = post_xorb(w, u);
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(first.body, R"({"was_inserted":true})");
  EXPECT_EQ(post_xorb(w, u).body, R"({"was_inserted":false})");
  auto shard = post_shard(w, u.shard_bytes());
  ASSERT_EQ(shard.status, 200) << shard.body;
  EXPECT_EQ(shard.body, R"({"result":1})");
  EXPECT_EQ(post_shard(w, u.shard_bytes()).body, R"({"result":0})");
  // v2: NDJSON events ending with the result; the legacy path takes the same shard.
  auto v2 = post_shard(w, u.shard_bytes(), "/v2/shards");
  ASSERT_EQ(v2.status, 200) << v2.body;
  EXPECT_EQ(v2.header("content-type"), "application/x-ndjson");
  EXPECT_NE(v2.body.find(R"({"type":"result","result":0})"), std::string::npos) << v2.body;
  EXPECT_EQ(post_shard(w, u.shard_bytes(), "/shards").status, 200);
  for (auto path : {"/v1/telemetry", "/../v1/telemetry"}) {
    auto t = http("POST", w.cas + path, {}, "{}");
    EXPECT_EQ(t.status, 200) << path;
  }
}

TEST(XetCas, ResolveAdvertisesAndReconstructionRoundTrips) {
  auto up = upload_and_commit(300000);
  auto head = http("HEAD", api_url("/" + up.repo + "/resolve/main/model.bin"));
  ASSERT_EQ(head.status, 200);
  EXPECT_EQ(head.header("x-xet-hash"), up.upload.file_hash.hex());
  EXPECT_EQ(head.header("x-linked-size"), "300000");
  auto commit = head.header("x-repo-commit");
  auto base = shared_server().endpoint();
  EXPECT_EQ(head.header("link"), "<" + base + "/api/models/" + up.repo + "/xet-read-token/" + commit +
                                     ">; rel=\"xet-auth\", <" + base + "/xet/v1/reconstructions/" +
                                     up.upload.file_hash.hex() + ">; rel=\"xet-reconstruction-info\"");
  EXPECT_NE(head.header("access-control-expose-headers").find("X-Xet-Hash"), std::string::npos);
  // Plain HTTP (no Xet client): the server reconstructs the bytes (docs/xet.md#resolve).
  auto get = http_get(api_url("/" + up.repo + "/resolve/main/model.bin"));
  EXPECT_EQ(get.status, 200);
  EXPECT_TRUE(get.body == up.upload.data);

  // Anyone who can read the repo gets a read token (public repo: anonymous too).
  auto read = xet_token(up.repo, "read", nullptr);
  auto whole = get_reconstruction(read, up.upload.file_hash);
  ASSERT_EQ(whole.status, 200) << whole.body;
  EXPECT_EQ(reconstruct_bytes(whole, 300000), up.upload.data);
  auto huge = get_reconstruction(read, up.upload.file_hash, "bytes=0-18446744073709551614");
  EXPECT_EQ(reconstruct_bytes(huge, 300000), up.upload.data);
}

TEST(XetCas, ReconstructionRanges) {
  auto up = upload_and_commit(300000, "w.bin", 11);
  auto read = xet_token(up.repo, "read", Tokens::alice_read);
  const auto& data = up.upload.data;
  // Inside one chunk, across chunk boundaries, to the end (clipped), the last byte.
  for (auto [a, b] : std::vector<std::pair<uint64_t, uint64_t>>{
           {10, 20}, {39990, 80010}, {100000, 299999}, {250000, 999999}, {299999, 299999}}) {
    auto r = get_reconstruction(read, up.upload.file_hash, "bytes=" + std::to_string(a) + "-" + std::to_string(b));
    ASSERT_EQ(r.status, 200) << r.body;
    auto want = data.substr(a, std::min<uint64_t>(b, 299999) - a + 1);
    EXPECT_EQ(reconstruct_bytes(r, want.size()), want) << a << "-" << b;
    // Whole chunks only: the first term starts at the chunk holding byte a.
    auto body = r.json().as_object();
    EXPECT_EQ(body.at("offset_into_first_range").to_number<uint64_t>(), a % 40000);
    EXPECT_EQ(body.at("terms").as_array().at(0).at("range").at("start").to_number<uint64_t>(), a / 40000);
  }
  auto past = get_reconstruction(read, up.upload.file_hash, "bytes=300000-300010");
  EXPECT_EQ(past.status, 416);
  EXPECT_EQ(past.header("x-error-code"), "RangeNotSatisfiable");
  // v1: fetch_info with url_range (inclusive) covering exactly the chunks.
  auto v1 = get_reconstruction(read, up.upload.file_hash, "bytes=0-99999", "v1");
  ASSERT_EQ(v1.status, 200) << v1.body;
  auto info = v1.json().at("fetch_info").at(up.upload.index.hash.hex()).as_array().at(0);
  EXPECT_EQ(info.at("range").at("start").to_number<int>(), 0);
  EXPECT_EQ(info.at("range").at("end").to_number<int>(), 3);
  EXPECT_EQ(info.at("url_range").at("start").to_number<uint64_t>(), 0u);
  EXPECT_EQ(info.at("url_range").at("end").to_number<uint64_t>(), up.upload.index.chunks[2].serialized_end - 1);
}

TEST(XetCas, EmptyFile) {
  auto repo = new_model();
  auto w = xet_token(repo, "write", Tokens::alice_write);
  xet::Shard shard;
  xet::FileRecipe empty;
  empty.file_hash = xet::file_hash({});
  empty.sha256 = std::string("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  shard.files.push_back(empty);
  auto s = post_shard(w, xet::serialize_upload_shard(shard));
  ASSERT_EQ(s.status, 200) << s.body;
  for (std::string range : {"", "bytes=0-100"}) {
    auto r = get_reconstruction(w, empty.file_hash, range);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_TRUE(r.json().at("terms").as_array().empty());
  }
}

TEST(XetCas, GlobalDedupAnswersWithKeyedHashes) {
  auto up = upload_and_commit(120000, "d.bin", 21);
  auto other = xet_token(new_model(), "write", Tokens::alice_write);
  auto first = up.upload.index.chunks[0].hash;
  auto r = http_get(other.cas + "/v1/chunks/default-merkledb/" + first.hex(), {bearer_xet(other)});
  ASSERT_EQ(r.status, 200) << r.body;
  auto shard = xet::parse_shard(r.body);
  ASSERT_EQ(shard.xorbs.size(), 1u);
  EXPECT_EQ(shard.xorbs[0].hash, up.upload.index.hash);
  EXPECT_FALSE(shard.hmac_key.is_zero());
  EXPECT_GT(shard.expiry, uint64_t(time(nullptr)) + 86400);
  ASSERT_EQ(shard.xorbs[0].chunks.size(), up.upload.index.chunks.size());
  EXPECT_EQ(shard.xorbs[0].chunks[0].hash, xet::hmac(first, shard.hmac_key));
  EXPECT_NE(shard.xorbs[0].chunks[0].hash, first);  // raw chunk hashes never leave the server
  // Another answer, another key.
  auto again = xet::parse_shard(http_get(other.cas + "/v1/chunks/default/" + first.hex(), {bearer_xet(other)}).body);
  EXPECT_NE(again.hmac_key, shard.hmac_key);
  auto unknown = http_get(other.cas + "/v1/chunks/default/" + std::string(64, '0'), {bearer_xet(other)});
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(unknown.header("x-error-code"), "XetNotFound");

  // A shard naming the known xorb (as a client that deduplicated) is accepted for the other
  // repo without uploading it again, and its file then reconstructs there.
  auto copy = up.upload;
  auto s = post_shard(other, [&] {
    auto sh = copy.shard;
    sh.xorbs.clear();
    return xet::serialize_upload_shard(sh);
  }());
  EXPECT_EQ(s.status, 200) << s.body;
  EXPECT_EQ(get_reconstruction(other, copy.file_hash).status, 200);
}

}  // namespace
}  // namespace hfhub::testing
