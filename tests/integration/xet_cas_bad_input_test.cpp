// Bad input to the Xet CAS (docs/xet.md#cas-api, #tokens, #transfer-urls): truncated, oversized
// and mis-hashed xorbs, shards naming missing xorbs or carrying wrong hashes or sha256, expired, foreign,
// forged and read-only tokens, tampered transfer URLs. Each gets a clear 4xx and stores nothing.
#include <gtest/gtest.h>

#include <cstring>

#include "commit_support.h"
#include "common/xet/merkle.h"
#include "common/xet/shard_layout.h"
#include "server/xet/xet_tokens.h"
#include "server_fixture.h"
#include "xet_cas_support.h"

namespace hfhub::testing {
namespace {

void expect_refused(const RawResponse& r, long status, const std::string& code) {
  EXPECT_EQ(r.status, status) << r.body;
  EXPECT_EQ(r.header("x-error-code"), code) << r.body;
  if (status != 413) {
    EXPECT_NE(r.body.find("\"error\""), std::string::npos) << r.body;
  }
}

struct Counts {
  size_t xorbs = stored_xet_objects("xorbs");
  size_t shards = stored_xet_objects("shards");
  void expect_unchanged() const {
    EXPECT_EQ(stored_xet_objects("xorbs"), xorbs);
    EXPECT_EQ(stored_xet_objects("shards"), shards);
  }
};

TEST(XetCasBadInput, Xorbs) {
  auto w = xet_token(new_model(), "write", Tokens::alice_write);
  auto u = make_xet_upload(100000, 30000, 41);
  Counts before;
  auto post = [&](const std::string& hash, const std::string& bytes) {
    return http("POST", w.cas + "/v1/xorbs/default/" + hash, {bearer_xet(w), "Expect:"}, bytes);
  };
  auto hash = u.index.hash.hex();
  expect_refused(post(hash, u.xorb.substr(0, u.xorb.size() - 10)), 400, "XetInvalidXorb");  // truncated
  expect_refused(post(hash, u.xorb + "junk"), 400, "XetInvalidXorb");                       // trailing garbage
  expect_refused(post(hash, ""), 400, "XetInvalidXorb");
  auto flipped = u.xorb;
  flipped[flipped.size() - 1] ^= 1;  // the last chunk's payload: decodes, hashes differently
  expect_refused(post(hash, flipped), 400, "XetInvalidXorb");
  auto other = make_xet_upload(50000, 30000, 42);
  auto mismatch = post(hash, other.xorb);
  expect_refused(mismatch, 400, "XetInvalidXorb");
  EXPECT_NE(mismatch.body.find("hash mismatch"), std::string::npos) << mismatch.body;
  expect_refused(post("xyz", u.xorb), 400, "BadRequest");
  // Over the route's limit: refused on Content-Length, never read.
  expect_refused(post(hash, std::string(size_t(xet::kMaxSerializedXorb) + (2 << 20), 'x')), 413, "PayloadTooLarge");
  before.expect_unchanged();
  EXPECT_EQ(post(hash, u.xorb).body, R"({"was_inserted":true})");  // nothing was stored under its name
}

TEST(XetCasBadInput, Shards) {
  auto repo = new_model();
  auto w = xet_token(repo, "write", Tokens::alice_write);
  auto u = make_xet_upload(120000, 40000, 43);
  ASSERT_EQ(post_xorb(w, u).status, 200);
  Counts before;

  auto missing = make_xet_upload(60000, 40000, 44);  // its xorb never uploaded
  auto r = post_shard(w, missing.shard_bytes());
  expect_refused(r, 400, "XetInvalidShard");
  EXPECT_NE(r.body.find("was not uploaded"), std::string::npos) << r.body;

  auto bad_verification = u;
  bad_verification.shard.files[0].verification[0].bytes[0] ^= 1;
  expect_refused(post_shard(w, bad_verification.shard_bytes()), 400, "XetInvalidShard");
  auto bad_file_hash = u;
  bad_file_hash.shard.files[0].file_hash.bytes[3] ^= 1;
  expect_refused(post_shard(w, bad_file_hash.shard_bytes()), 400, "XetInvalidShard");
  // The core's writer always adds verification entries now: strip them from its bytes (the file's
  // flag, then one 48-byte entry per term after the 48-byte header, file record and terms).
  auto no_verification = u.shard_bytes();
  const size_t terms = u.shard.files[0].terms.size();
  uint32_t flags = 0;
  std::memcpy(&flags, no_verification.data() + 48 + 32, 4);
  flags &= ~xet::shard::kFileHasVerification;
  std::memcpy(no_verification.data() + 48 + 32, &flags, 4);
  no_verification.erase(48 + 48 + 48 * terms, 48 * terms);
  expect_refused(post_shard(w, no_verification), 400, "XetInvalidShard");
  auto out_of_range = u;
  out_of_range.shard.files[0].terms[0].chunk_end = 9;
  expect_refused(post_shard(w, out_of_range.shard_bytes()), 400, "XetInvalidShard");
  auto wrong_size = u;
  wrong_size.shard.files[0].terms[0].unpacked_bytes -= 1;
  expect_refused(post_shard(w, wrong_size.shard_bytes()), 400, "XetInvalidShard");
  auto bad_sha256 = u;  // the LFS pointer a commit names must be the bytes' sha256
  bad_sha256.shard.files[0].sha256 = std::string(64, 'a');
  auto refused = post_shard(w, bad_sha256.shard_bytes());
  expect_refused(refused, 400, "XetInvalidShard");
  EXPECT_NE(refused.body.find("sha256 " + u.sha256), std::string::npos) << refused.body;
  auto bad_cas = u;
  bad_cas.shard.xorbs[0].chunks[1].unpacked_size += 1;
  expect_refused(post_shard(w, bad_cas.shard_bytes()), 400, "XetInvalidShard");
  auto bytes = u.shard_bytes();
  expect_refused(post_shard(w, bytes.substr(0, bytes.size() - 20)), 400, "XetInvalidShard");  // truncated
  expect_refused(post_shard(w, "not a shard"), 400, "XetInvalidShard");
  expect_refused(post_shard(w, std::string(size_t(xet::kMaxShardBytes) + (2 << 20), 'x')), 413, "PayloadTooLarge");
  before.expect_unchanged();

  // Nothing was recorded: the file is unknown and a commit of its pointer is refused.
  expect_refused(get_reconstruction(w, u.file_hash), 404, "XetNotFound");
  auto commit = post_commit(repo, {header_line("x"), lfs_line("f.bin", u.sha256, int64_t(u.data.size()))});
  EXPECT_EQ(commit.status, 400) << commit.body;
  EXPECT_EQ(post_shard(w, bytes).status, 200);
}

TEST(XetCasBadInput, Tokens) {
  auto repo = new_model();
  auto u = make_xet_upload(80000, 40000, 45);
  auto w = xet_token(repo, "write", Tokens::alice_write);
  auto read = xet_token(repo, "read", Tokens::alice_write);
  Counts before;
  expect_refused(post_xorb(read, u), 403, "XetTokenScope");  // a read token used to write
  expect_refused(post_shard(read, u.shard_bytes()), 403, "XetTokenScope");
  expect_refused(http("POST", w.cas + "/v1/xorbs/default/" + u.index.hash.hex(), {"Expect:"}, u.xorb), 401,
                 "XetTokenInvalid");
  // A Hub token is not a Xet token.
  expect_refused(http("POST", w.cas + "/v1/xorbs/default/" + u.index.hash.hex(), {bearer(Tokens::alice_write)}, u.xorb),
                 401, "XetTokenInvalid");
  auto forged = w;
  forged.token.back() = forged.token.back() == '0' ? '1' : '0';
  expect_refused(post_xorb(forged, u), 401, "XetTokenInvalid");
  // Expired: signed with the server's key, an hour in the past.
  server::XetTokens signer(shared_signing_key(), 60);
  auto repo_id = std::string(repo_info(repo).at("_id").as_string());
  XetToken expired{signer.issue(repo_id, server::XetScope::Write, time(nullptr) - 3600).token, w.cas};
  auto refused = post_xorb(expired, u);
  expect_refused(refused, 401, "XetTokenInvalid");
  EXPECT_NE(refused.body.find("Expired"), std::string::npos) << refused.body;
  expect_refused(get_reconstruction(expired, u.file_hash), 401, "XetTokenInvalid");
  before.expect_unchanged();

  // A token for another repo reads none of this repo's files, as if they did not exist.
  ASSERT_EQ(post_xorb(w, u).status, 200);
  ASSERT_EQ(post_shard(w, u.shard_bytes()).status, 200);
  EXPECT_EQ(get_reconstruction(read, u.file_hash).status, 200);
  auto elsewhere = new_model();
  auto foreign = xet_token(elsewhere, "write", Tokens::alice_write);
  expect_refused(get_reconstruction(foreign, u.file_hash), 404, "XetNotFound");
  expect_refused(get_reconstruction(foreign, u.file_hash, "", "v1"), 404, "XetNotFound");
  // Nor may another repo commit a pointer to it.
  auto commit = post_commit(elsewhere, {header_line("x"), lfs_line("f.bin", u.sha256, int64_t(u.data.size()))});
  EXPECT_EQ(commit.status, 400) << commit.body;
  EXPECT_EQ(commit.header("x-error-code"), "LfsObjectNotFound");
}

TEST(XetCasBadInput, TamperedTransferUrls) {
  auto repo = new_model();
  auto w = xet_token(repo, "write", Tokens::alice_write);
  auto u = make_xet_upload(90000, 30000, 46);
  ASSERT_EQ(post_xorb(w, u).status, 200);
  ASSERT_EQ(post_shard(w, u.shard_bytes()).status, 200);
  auto r = get_reconstruction(w, u.file_hash, "bytes=30000-59999");
  ASSERT_EQ(r.status, 200) << r.body;
  auto entry = r.json().at("xorbs").at(u.index.hash.hex()).as_array().at(0);
  auto url = std::string(entry.at("url").as_string());
  auto first = entry.at("ranges").at(0).at("bytes").at("start").to_number<uint64_t>();
  auto last = entry.at("ranges").at(0).at("bytes").at("end").to_number<uint64_t>();
  auto range = "Range: bytes=" + std::to_string(first) + "-" + std::to_string(last);
  auto ok = http_get(url, {range});
  ASSERT_EQ(ok.status, 206);
  EXPECT_EQ(ok.body, u.xorb.substr(first, last - first + 1));
  EXPECT_EQ(ok.header("content-range"),
            "bytes " + std::to_string(first) + "-" + std::to_string(last) + "/" + std::to_string(u.xorb.size()));
  EXPECT_EQ(http_get(url).status, 200);  // no Range: the signed window

  auto replace = [&](const std::string& from, const std::string& to) {
    auto at = url.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return url.substr(0, at) + to + url.substr(at + from.size());
  };
  auto r_param = "r=" + std::to_string(first) + "-" + std::to_string(last);
  auto e_at = url.find("&e=") + 3;
  auto e_param = url.substr(e_at, url.find('&', e_at) - e_at);
  for (auto tampered : {replace(r_param, "r=0-" + std::to_string(last)),                            // wider range
                        replace("&e=" + e_param, "&e=" + std::to_string(std::stoll(e_param) + 1)),  // later expiry
                        replace("&s=", "&s=0"), url.substr(0, url.size() - 1),                      // signature
                        replace(u.index.hash.hex(), std::string(64, 'a')),                          // another xorb
                        replace(r_param, "r=x")}) {
    expect_refused(http_get(tampered, {range}), 403, "XetTransferInvalid");
  }
  // A range outside the signed one.
  expect_refused(http_get(url, {"Range: bytes=0-10"}), 403, "XetTransferInvalid");
  // Expired, though correctly signed with the server's key.
  server::XetTokens signer(shared_signing_key(), 60);
  server::XetFetchGrant old{u.index.hash.hex(), first, last, time(nullptr) - 10};
  auto stale = shared_server().endpoint() + "/xet/fetch/" + old.xorb + "?r=" + std::to_string(first) + "-" +
               std::to_string(last) + "&e=" + std::to_string(old.expires) + "&s=" + signer.sign_fetch(old);
  expect_refused(http_get(stale, {range}), 403, "XetTransferInvalid");
}

}  // namespace
}  // namespace hfhub::testing
