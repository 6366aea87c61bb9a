// PgSocialStore: likes and follows, their keyset pages and counts.
#include <gtest/gtest.h>

#include "common/object_id.h"
#include "pg_stores_fixture.h"

namespace hfhub::server {
namespace {

struct Social : ::testing::Test {
  PgStores s;
  std::vector<Account> users;
  std::vector<RepoRecord> repos;

  void SetUp() override {
    for (int i = 0; i < 4; ++i) {
      Account a;
      a.object_id = make_object_id(100 + i);
      a.name = "user" + std::to_string(i);
      s.accounts.create_account(a);
      users.push_back(a);
    }
    for (int i = 0; i < 4; ++i) {
      RepoRecord r;
      r.id = (i == 3 ? "User0/m" : "user0/m") + std::to_string(i);
      r.author = i == 3 ? "User0" : "user0";
      r.object_id = make_object_id(200 + i);
      r.sha = std::string(40, 'a');
      r.type = i == 2 ? RepoType::Dataset : RepoType::Model;
      r.is_private = i == 1;
      s.repos.insert_repo(r);
      repos.push_back(r);
    }
  }
};

TEST_F(Social, LikesArePagedNewestFirstAndCountPublicRepos) {
  auto fan = users[1].rowid;
  EXPECT_TRUE(s.social.add_like(fan, repos[0].rowid, 10));
  EXPECT_FALSE(s.social.add_like(fan, repos[0].rowid, 11));  // already liked
  EXPECT_TRUE(s.social.add_like(fan, repos[1].rowid, 20));   // private: not listed nor counted
  EXPECT_TRUE(s.social.add_like(fan, repos[2].rowid, 30));
  EXPECT_TRUE(s.social.add_like(fan, repos[3].rowid, 30));
  EXPECT_TRUE(s.social.has_like(fan, repos[2].rowid));
  EXPECT_EQ(s.social.like_count(fan), 3);
  EXPECT_EQ(s.repos.find_repo(RepoType::Model, "user0/m0")->likes, 1);
  auto first = s.social.likes_of(fan, std::nullopt, 2);
  ASSERT_EQ(first.size(), 2u);
  EXPECT_EQ(first[0].repo_rowid, std::max(repos[2].rowid, repos[3].rowid));  // a tie on time: higher rowid first
  EXPECT_EQ(first[1].liked_at_ms, 30);
  auto rest = s.social.likes_of(fan, SocialCursor{first[1].liked_at_ms, first[1].repo_rowid}, 2);
  ASSERT_EQ(rest.size(), 1u);
  EXPECT_EQ(rest[0].id, "user0/m0");
  EXPECT_EQ(rest[0].type, RepoType::Model);
  auto likers = s.social.likers_of(repos[0].rowid, std::nullopt, 10);
  ASSERT_EQ(likers.size(), 1u);
  EXPECT_EQ(likers[0].account.name, "user1");
  EXPECT_EQ(likers[0].at_ms, 10);
  EXPECT_TRUE(s.social.remove_like(fan, repos[0].rowid));
  EXPECT_FALSE(s.social.remove_like(fan, repos[0].rowid));
  EXPECT_EQ(s.repos.find_repo(RepoType::Model, "user0/m0")->likes, 0);
  // Deleting a liked repo takes its likes along (the cascade's count update finds no row).
  EXPECT_TRUE(s.repos.delete_repo(RepoType::Dataset, "user0/m2"));
  EXPECT_FALSE(s.social.has_like(fan, repos[2].rowid));
  EXPECT_EQ(s.social.like_count(fan), 1);
}

TEST_F(Social, FollowsArePagedAndCounted) {
  for (int i = 1; i < 4; ++i) EXPECT_TRUE(s.social.add_follow(users[i].rowid, users[0].rowid, 100 + i));
  EXPECT_FALSE(s.social.add_follow(users[1].rowid, users[0].rowid, 999));
  EXPECT_TRUE(s.social.add_follow(users[0].rowid, users[3].rowid, 50));
  EXPECT_TRUE(s.social.is_following(users[2].rowid, users[0].rowid));
  EXPECT_FALSE(s.social.is_following(users[0].rowid, users[2].rowid));
  EXPECT_EQ(s.social.follower_count(users[0].rowid), 3);
  EXPECT_EQ(s.social.following_count(users[0].rowid), 1);
  auto page = s.social.followers_of(users[0].rowid, std::nullopt, 2);
  ASSERT_EQ(page.size(), 2u);
  EXPECT_EQ(page[0].account.name, "user3");
  EXPECT_EQ(page[1].account.name, "user2");
  auto next = s.social.followers_of(users[0].rowid, SocialCursor{page[1].at_ms, page[1].account.rowid}, 2);
  ASSERT_EQ(next.size(), 1u);
  EXPECT_EQ(next[0].account.name, "user1");
  auto following = s.social.following_of(users[0].rowid, std::nullopt, 10);
  ASSERT_EQ(following.size(), 1u);
  EXPECT_EQ(following[0].account.name, "user3");
  EXPECT_TRUE(s.social.remove_follow(users[1].rowid, users[0].rowid));
  EXPECT_EQ(s.social.follower_count(users[0].rowid), 2);
}

TEST_F(Social, RepoCountsPerTypeCaseInsensitively) {
  auto pub = s.social.repo_counts("USER0", false);
  EXPECT_EQ(pub.models, 2);  // m0 and User0/m3; m1 is private
  EXPECT_EQ(pub.datasets, 1);
  EXPECT_EQ(pub.spaces, 0);
  EXPECT_EQ(s.social.repo_counts("user0", true).models, 3);
  EXPECT_EQ(s.social.repo_counts("nobody", true).models, 0);
}

}  // namespace
}  // namespace hfhub::server
