// User and organization objects as huggingface_hub's User and Organization read them
// (docs/accounts.md#overviews), into libhfhub's User and Organization.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "client/api/social.h"

namespace hfhub::client {
namespace {

TEST(SocialJson, UserOverview) {
  auto v = boost::json::parse(R"({"_id":"x","user":"alice","fullname":"Alice","avatarUrl":"http://h/avatars/alice.svg",
    "isPro":false,"type":"user","details":"","createdAt":"2026-12-03T14:00:00.000Z","numModels":3,"numDatasets":1,
    "numSpaces":0,"numDiscussions":0,"numPapers":0,"numUpvotes":0,"numLikes":7,"numFollowers":2,"numFollowing":1,
    "isFollowing":true,"orgs":[{"name":"acme","fullname":"Acme","avatarUrl":"a"}]})");
  auto u = parse_listed_user(v.as_object());
  EXPECT_EQ(u.name, "alice");
  EXPECT_EQ(u.type.value_or(""), "user");
  EXPECT_EQ(u.num_models.value_or(-1), 3);
  EXPECT_EQ(u.num_likes.value_or(-1), 7);
  EXPECT_EQ(u.num_followers.value_or(-1), 2);
  EXPECT_EQ(u.num_following.value_or(-1), 1);
  EXPECT_EQ(u.is_following.value_or(false), true);
  EXPECT_EQ(u.is_pro.value_or(true), false);
  ASSERT_EQ(u.orgs.size(), 1u);
  EXPECT_EQ(u.orgs[0].name, "acme");
  EXPECT_FALSE(u.role);
}

TEST(SocialJson, MemberWithRoleAndLikerWithoutCounts) {
  auto m = parse_listed_user(boost::json::parse(R"({"user":"bob","fullname":"Bob","role":"read"})").as_object());
  EXPECT_EQ(m.role.value_or(""), "read");
  EXPECT_FALSE(m.num_models);
  auto empty = parse_listed_user(boost::json::parse("{}").as_object());
  EXPECT_EQ(empty.name, "");
}

TEST(SocialJson, OrganizationOverview) {
  auto o = parse_org_overview(boost::json::parse(R"({"name":"acme","fullname":"Acme","avatarUrl":"a","numUsers":2,
    "numModels":4,"numDatasets":0,"numSpaces":1,"numFollowers":5,"numPapers":0,"isVerified":false})")
                                  .as_object());
  EXPECT_EQ(o.name, "acme");
  EXPECT_EQ(o.num_users.value_or(-1), 2);
  EXPECT_EQ(o.num_models.value_or(-1), 4);
  EXPECT_EQ(o.num_spaces.value_or(-1), 1);
  EXPECT_EQ(o.num_followers.value_or(-1), 5);
  EXPECT_EQ(o.is_verified.value_or(true), false);
  EXPECT_FALSE(o.plan);
}

}  // namespace
}  // namespace hfhub::client
