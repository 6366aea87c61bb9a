// Reading LFS batch answers for uploads (docs/hub-behaviour.md#lfs-batch).
#include "client/upload/lfs_batch.h"

#include <gtest/gtest.h>

#include "client/upload/lfs_transfer.h"
#include "hfhub/errors.h"

namespace hfhub::client {
namespace {

TEST(LfsBatchAnswer, StoredObjectHasNoActions) {
  auto objects = parse_lfs_batch_response(R"({"objects":[{"oid":"aa","size":3}]})", "u");
  ASSERT_EQ(objects.size(), 1u);
  EXPECT_FALSE(objects[0].upload);
  EXPECT_FALSE(objects[0].verify);
}

TEST(LfsBatchAnswer, BasicUploadAndVerify) {
  auto objects = parse_lfs_batch_response(
      R"({"transfer":"basic","objects":[{"oid":"aa","size":3,"actions":{"upload":{"href":"https://s/put"},
          "verify":{"href":"https://h/verify","header":{"Authorization":"Bearer x"}}}}]})",
      "u");
  ASSERT_TRUE(objects[0].upload);
  EXPECT_EQ(objects[0].upload->href, "https://s/put");
  EXPECT_FALSE(multipart_plan(*objects[0].upload, 3));
  ASSERT_TRUE(objects[0].verify);
  EXPECT_EQ(objects[0].verify->href, "https://h/verify");
}

TEST(LfsBatchAnswer, PerObjectErrorIsTyped) {
  try {
    parse_lfs_batch_response(R"({"objects":[{"oid":"aa","size":3,"error":{"code":422,"message":"too big"}}]})", "u");
    FAIL() << "no exception";
  } catch (const HfHubHttpError& e) {
    EXPECT_EQ(e.status(), 422);
    EXPECT_EQ(e.server_message(), "too big");
  }
  EXPECT_THROW(parse_lfs_batch_response("[]", "u"), InvalidResponseError);
  EXPECT_THROW(parse_lfs_batch_response(R"({"objects":[{"size":1}]})", "u"), InvalidResponseError);
}

TEST(LfsMultipartPlan, PartsOrderedByNumberAndCountChecked) {
  LfsAction upload{"https://s/complete", {{"chunk_size", "10"}, {"00002", "p2"}, {"1", "p1"}, {"3", "p3"}}};
  auto plan = multipart_plan(upload, 25);
  ASSERT_TRUE(plan);
  EXPECT_EQ(plan->chunk_size, 10);
  EXPECT_EQ(plan->part_urls, (std::vector<std::string>{"p1", "p2", "p3"}));
  EXPECT_THROW(multipart_plan(upload, 35), InvalidResponseError);
  LfsAction bad{"h", {{"chunk_size", "zero"}, {"1", "p1"}}};
  EXPECT_THROW(multipart_plan(bad, 5), InvalidResponseError);
}

}  // namespace
}  // namespace hfhub::client
