// The pure pieces of the Xet upload (docs/xet.md#client): the batch answer's xet transfer and its
// token headers, the token route's JSON, and the shard split at the 64 MiB limit.
#include "client/upload/xet_upload.h"

#include <gtest/gtest.h>

#include "client/upload/lfs_batch.h"
#include "client/upload/xet_upload_token.h"
#include "hfhub/errors.h"

namespace hfhub::client {
namespace {

TEST(XetUploadNegotiation, XetTransferCarriesTheTokenInTheUploadAction) {
  auto objects = parse_lfs_batch_response(
      R"({"transfer":"xet","objects":[{"oid":"aa","size":3,"actions":{"upload":{"href":"http://h/api/models/a/b/xet-write-token/main",
          "header":{"X-Xet-Cas-Url":"http://h/xet/","X-Xet-Access-Token":"tok","X-Xet-Token-Expiration":"1900000000"}}}},
          {"oid":"bb","size":4}]})",
      "u");
  ASSERT_EQ(objects.size(), 2u);
  EXPECT_TRUE(objects[0].xet && objects[1].xet);
  ASSERT_TRUE(objects[0].upload);
  EXPECT_FALSE(objects[1].upload);  // present already
  auto token = xet_token_from_headers(objects[0].upload->header);
  ASSERT_TRUE(token);
  EXPECT_EQ(token->cas_url, "http://h/xet");
  EXPECT_EQ(token->access_token, "tok");
  EXPECT_EQ(token->exp, 1900000000);
  EXPECT_FALSE(parse_lfs_batch_response(R"({"transfer":"basic","objects":[]})", "u").size());
}

TEST(XetUploadNegotiation, TokenRouteJson) {
  auto token = parse_xet_token(R"({"accessToken":"t","exp":12,"casUrl":"https://c/x"})", "u");
  EXPECT_EQ(token.access_token, "t");
  EXPECT_EQ(token.exp, 12);
  EXPECT_EQ(token.cas_url, "https://c/x");
  EXPECT_THROW(parse_xet_token(R"({"accessToken":"t"})", "u"), InvalidResponseError);
  EXPECT_FALSE(xet_token_from_headers({{"X-Xet-Cas-Url", "c"}}));
}

xet::Shard sample_shard(size_t xorbs, size_t chunks_each, size_t files) {
  xet::Shard shard;
  for (size_t x = 0; x < xorbs; ++x) {
    xet::ShardXorb xorb;
    xorb.hash.bytes[0] = uint8_t(x + 1);
    for (size_t c = 0; c < chunks_each; ++c) {
      xet::ShardChunk chunk;
      chunk.hash.bytes[1] = uint8_t(c);
      chunk.unpacked_offset = uint32_t(c * 100);
      chunk.unpacked_size = 100;
      xorb.chunks.push_back(chunk);
    }
    xorb.unpacked_bytes = uint32_t(chunks_each * 100);
    shard.xorbs.push_back(xorb);
  }
  for (size_t f = 0; f < files; ++f) {
    xet::FileRecipe file;
    file.file_hash.bytes[2] = uint8_t(f + 1);
    file.terms.push_back({shard.xorbs[f % xorbs].hash, 100, 0, 1});
    file.verification.push_back({});
    file.sha256 = std::string(64, 'a');
    shard.files.push_back(file);
  }
  return shard;
}

TEST(XetUploadShards, SmallShardIsOnePiece) {
  auto shard = sample_shard(2, 10, 3);
  auto pieces = split_upload_shard(shard);
  ASSERT_EQ(pieces.size(), 1u);
  EXPECT_EQ(pieces[0], xet::serialize_upload_shard(shard));
}

TEST(XetUploadShards, LargeShardSplitsUnderTheLimitAndKeepsEverything) {
  auto shard = sample_shard(6, 100, 40);
  const size_t limit = 20000;
  auto pieces = split_upload_shard(shard, limit);
  EXPECT_GE(pieces.size(), 2u);
  size_t xorbs = 0, files = 0;
  for (const auto& piece : pieces) {
    EXPECT_LE(piece.size(), limit);
    auto parsed = xet::parse_shard(piece);
    xorbs += parsed.xorbs.size();
    files += parsed.files.size();
  }
  EXPECT_EQ(xorbs, 6u);
  EXPECT_EQ(files, 40u);
}

}  // namespace
}  // namespace hfhub::client
