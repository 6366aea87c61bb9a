// Likes, users and organizations (docs/accounts.md) over raw HTTP: who may like, what a private
// repo's likes and likers show to others (nothing), unknown accounts, paging cursors, the
// generated avatar's caching headers.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "raw_http.h"
#include "server_fixture.h"

namespace hfhub::testing {
namespace {

std::string api(const std::string& path) { return shared_server().endpoint() + path; }

std::string make_repo(const char* token, const std::string& ns, bool is_private) {
  auto id = ns + "/" + unique_name("social");
  CreateRepoParams p;
  p.private_ = is_private;
  client(token).create_repo(id, p);
  return id;
}

RawResponse like(const std::string& id, const char* token, const std::string& method = "POST") {
  return http(method, api("/api/models/" + id + "/like"),
              token ? std::vector{bearer(token)} : std::vector<std::string>{});
}

TEST(SocialHttp, LikeNeedsAWriteTokenOfASignedInUser) {
  auto id = make_repo(Tokens::alice_write, "alice", false);
  EXPECT_EQ(like(id, nullptr).status, 401);
  auto read = like(id, Tokens::alice_read);
  EXPECT_EQ(read.status, 403) << read.body;
  EXPECT_EQ(like(id, Tokens::carol_write).status, 200);
  EXPECT_EQ(like(id, Tokens::carol_expired).status, 401);
  auto info = http_get(api("/api/models/" + id)).json().as_object();
  EXPECT_EQ(info.at("likes").as_int64(), 1);
}

TEST(SocialHttp, APrivateRepoYouCannotSeeIsNotFound) {
  auto id = make_repo(Tokens::alice_write, "alice", true);
  auto r = like(id, Tokens::carol_write);
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.header("x-error-code"), "RepoNotFound");
  EXPECT_EQ(like(id, Tokens::carol_write, "DELETE").status, 404);
  auto likers = http_get(api("/api/models/" + id + "/likers"), {bearer(Tokens::carol_write)});
  EXPECT_EQ(likers.status, 404);
  EXPECT_EQ(likers.header("x-error-code"), "RepoNotFound");
  // The answer for a missing repo is the same one.
  EXPECT_EQ(like("alice/" + unique_name("missing"), Tokens::carol_write).status, 404);
  // The owner's like of it is not in the public list of likes.
  EXPECT_EQ(like(id, Tokens::alice_write).status, 200);
  for (auto& item : json_array(http_get(api("/api/users/alice/likes?limit=1000"))))
    EXPECT_NE(item.at("repo").at("name").as_string(), id);
}

TEST(SocialHttp, UnknownAccountsAre404) {
  for (auto path : {"/api/users/nobody-here/overview", "/api/users/nobody-here/likes",
                    "/api/users/nobody-here/followers", "/api/users/nobody-here/following",
                    "/api/organizations/nobody-here/overview", "/api/organizations/nobody-here/members",
                    "/api/organizations/nobody-here/followers", "/avatars/nobody-here.svg"}) {
    EXPECT_EQ(http_get(api(path)).status, 404) << path;
  }
  // A user is not an organization, nor an organization a user.
  EXPECT_EQ(http_get(api("/api/organizations/alice/overview")).status, 404);
  EXPECT_EQ(http_get(api("/api/users/acme/overview")).status, 404);
}

TEST(SocialHttp, LikesPageWithCursorsAndRefuseBadOnes) {
  std::vector<std::string> ids;
  for (int i = 0; i < 5; ++i) {
    ids.push_back(make_repo(Tokens::alice_write, "alice", false));
    ASSERT_EQ(like(ids.back(), Tokens::carol_write).status, 200);
  }
  std::vector<std::string> seen;
  std::string url = api("/api/users/carol/likes?limit=2");
  for (int pages = 0; !url.empty(); ++pages) {
    ASSERT_LT(pages, 100);
    auto r = http_get(url);
    ASSERT_EQ(r.status, 200) << r.body;
    for (auto& item : json_array(r)) seen.emplace_back(item.at("repo").at("name").as_string());
    auto link = r.header("link");
    url = link.empty() ? "" : link.substr(1, link.find('>') - 1);
  }
  for (auto& id : ids) EXPECT_NE(std::find(seen.begin(), seen.end(), id), seen.end()) << id;
  EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()).size(), seen.size());  // no repeats
  for (auto bad : {"cursor=abc", "cursor=12-", "cursor=-5", "limit=0", "limit=x", "limit=100000"}) {
    auto r = http_get(api("/api/users/carol/likes?") + bad);
    EXPECT_EQ(r.status, 400) << bad;
    EXPECT_EQ(r.header("x-error-code"), "InvalidParameter") << bad;
  }
}

TEST(SocialHttp, OverviewCountsAndMembers) {
  auto u = http_get(api("/api/users/alice/overview")).json().as_object();
  EXPECT_EQ(u.at("user").as_string(), "alice");
  EXPECT_EQ(u.at("type").as_string(), "user");
  EXPECT_EQ(u.at("isPro").as_bool(), false);
  EXPECT_TRUE(u.at("avatarUrl").as_string().ends_with("/avatars/alice.svg"));
  auto o = http_get(api("/api/organizations/acme/overview")).json().as_object();
  EXPECT_GE(o.at("numUsers").as_int64(), 2);
  auto members = json_array(http_get(api("/api/organizations/acme/members")));
  std::map<std::string, std::string> roles;
  for (auto& m : members) roles[std::string(m.at("user").as_string())] = m.at("role").as_string();
  EXPECT_EQ(roles["alice"], "admin");
  EXPECT_EQ(roles["bob"], "read");
}

TEST(SocialHttp, FollowsFromAdminShowInListsAndCounts) {
  auto& server = shared_server();
  ASSERT_EQ(admin(server.data_dir(), {"user", "follow", "bob", "carol"}).exit_code, 0);
  auto followers = json_array(http_get(api("/api/users/carol/followers")));
  ASSERT_FALSE(followers.empty());
  EXPECT_EQ(followers[0].at("user").as_string(), "bob");
  auto as_bob = http_get(api("/api/users/carol/overview"), {bearer(Tokens::bob_read)}).json().as_object();
  EXPECT_EQ(as_bob.at("isFollowing").as_bool(), true);
  EXPECT_GE(as_bob.at("numFollowers").as_int64(), 1);
  EXPECT_NE(admin(server.data_dir(), {"user", "follow", "bob", "bob"}).exit_code, 0);
  ASSERT_EQ(admin(server.data_dir(), {"user", "follow", "bob", "carol", "--remove"}).exit_code, 0);
  EXPECT_TRUE(json_array(http_get(api("/api/users/carol/followers"))).empty());
}

TEST(SocialHttp, DefaultAvatarIsACacheableSvg) {
  auto r = http_get(api("/avatars/alice.svg"));
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.header("content-type"), "image/svg+xml");
  EXPECT_TRUE(r.body.starts_with("<svg"));
  EXPECT_NE(r.header("cache-control").find("max-age="), std::string::npos);
  auto etag = r.header("etag");
  ASSERT_FALSE(etag.empty());
  auto again = http_get(api("/avatars/alice.svg"), {"If-None-Match: " + etag});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
  EXPECT_NE(http_get(api("/avatars/bob.svg")).body, r.body);
  EXPECT_EQ(http_get(api("/avatars/alice.png")).status, 404);
}

TEST(SocialClient, LikesOverviewsAndVisibilityThroughLibhfhub) {
  auto alice = client(Tokens::alice_write);
  auto carol = client(Tokens::carol_write);
  auto id = make_repo(Tokens::alice_write, "alice", false);
  carol.like(id);
  alice.like(id);
  EXPECT_EQ(alice.model_info(id).likes.value_or(-1), 2);
  auto likes = carol.list_liked_repos();
  EXPECT_EQ(likes.user, "carol");
  EXPECT_NE(std::find(likes.models.begin(), likes.models.end(), id), likes.models.end());
  std::vector<std::string> likers;
  for (auto& u : alice.list_repo_likers(id)) likers.push_back(u.name);
  EXPECT_EQ(likers.size(), 2u);
  carol.unlike(id);
  EXPECT_EQ(alice.model_info(id).likes.value_or(-1), 1);

  auto me = alice.get_user_overview("alice");
  EXPECT_EQ(me.name, "alice");
  EXPECT_GE(me.num_models.value_or(0), 1);
  auto org = alice.get_organization_overview("acme");
  EXPECT_GE(org.num_users.value_or(0), 2);
  std::vector<std::string> members;
  for (auto& u : alice.list_organization_members("acme")) members.push_back(u.name + ":" + u.role.value_or(""));
  EXPECT_NE(std::find(members.begin(), members.end(), "alice:admin"), members.end());
  EXPECT_EQ(alice.get_full_repo_name("m"), "alice/m");
  EXPECT_EQ(alice.get_full_repo_name("m", "acme"), "acme/m");
  EXPECT_THROW(alice.get_user_overview("a/b"), std::invalid_argument);

  EXPECT_TRUE(alice.update_repo_visibility(id, true).at("private"));
  EXPECT_THROW(carol.model_info(id), RepositoryNotFoundError);
  EXPECT_FALSE(alice.update_repo_visibility(id, false).at("private"));
  EXPECT_NO_THROW(carol.model_info(id));
}

}  // namespace
}  // namespace hfhub::testing
