// The Hub's payload shape for each scope (docs/webhooks.md#payload), including the community
// scopes that the discussions service publishes.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "server/webhooks/webhook_payload.h"

namespace hfhub::server {
namespace {

PayloadContext context() {
  return {"https://hub.example", [](std::string_view name) { return "id-of-" + std::string(name); }};
}

HubEvent base(std::string scope, std::string action) {
  HubEvent e;
  e.scope = std::move(scope);
  e.action = std::move(action);
  e.repo = {RepoType::Dataset, "acme/data", "repo-oid", "acme", true, "headsha"};
  return e;
}

boost::json::object payload(const HubEvent& e) {
  return boost::json::parse(payload_for_webhook(event_payload(e, context()), "hook-1")).as_object();
}

TEST(WebhookPayload, RepoEvents) {
  auto p = payload(base("repo", "create"));
  EXPECT_EQ(p["event"], (boost::json::object{{"action", "create"}, {"scope", "repo"}}));
  auto& repo = p["repo"].as_object();
  EXPECT_EQ(repo["type"], "dataset");
  EXPECT_EQ(repo["name"], "acme/data");
  EXPECT_EQ(repo["id"], "repo-oid");
  EXPECT_EQ(repo["private"], true);
  EXPECT_EQ(repo["headSha"], "headsha");
  EXPECT_EQ(repo["owner"], (boost::json::object{{"id", "id-of-acme"}}));
  EXPECT_EQ(repo["url"], (boost::json::object{{"web", "https://hub.example/datasets/acme/data"},
                                              {"api", "https://hub.example/api/datasets/acme/data"}}));
  EXPECT_EQ(p["webhook"], (boost::json::object{{"id", "hook-1"}, {"version", 3}}));
  EXPECT_FALSE(p.contains("updatedRefs"));

  auto moved = base("repo", "move");
  moved.moved_to = "other/data2";
  EXPECT_EQ(payload(moved)["movedTo"],
            (boost::json::object{{"name", "other/data2"}, {"owner", {{"id", "id-of-other"}}}}));
}

TEST(WebhookPayload, ContentAndConfig) {
  auto e = base("repo.content", "update");
  e.updated_refs = {{"refs/heads/main", "a", "b"}, {"refs/tags/v1", "", "b"}, {"refs/heads/old", "c", ""}};
  auto refs = payload(e)["updatedRefs"].as_array();
  ASSERT_EQ(refs.size(), 3u);
  EXPECT_EQ(refs[0], (boost::json::object{{"ref", "refs/heads/main"}, {"oldSha", "a"}, {"newSha", "b"}}));
  EXPECT_TRUE(refs[1].at("oldSha").is_null());
  EXPECT_TRUE(refs[2].at("newSha").is_null());

  auto c = base("repo.config", "update");
  c.updated_config = {"private", "gated"};
  EXPECT_EQ(payload(c)["updatedConfig"], (boost::json::object{{"private", true}}));
}

TEST(WebhookPayload, DiscussionAndComment) {
  auto e = base("discussion.comment", "create");
  e.discussion = HubEventDiscussion{"disc-oid", 7, "Fix it", "open", "bob", true, "refs/heads/main"};
  e.comment = HubEventComment{"comment-oid", "carol", "Looks good", false};
  auto p = payload(e);
  EXPECT_FALSE(p["repo"].as_object().contains("headSha"));  // only on repo scopes
  auto& d = p["discussion"].as_object();
  EXPECT_EQ(d["id"], "disc-oid");
  EXPECT_EQ(d["num"], 7);
  EXPECT_EQ(d["title"], "Fix it");
  EXPECT_EQ(d["status"], "open");
  EXPECT_EQ(d["isPullRequest"], true);
  EXPECT_EQ(d["author"], (boost::json::object{{"id", "id-of-bob"}}));
  EXPECT_EQ(d["changes"], (boost::json::object{{"base", "refs/heads/main"}}));
  EXPECT_EQ(d["url"], (boost::json::object{{"web", "https://hub.example/datasets/acme/data/discussions/7"},
                                           {"api", "https://hub.example/api/datasets/acme/data/discussions/7"}}));
  auto& m = p["comment"].as_object();
  EXPECT_EQ(m["id"], "comment-oid");
  EXPECT_EQ(m["content"], "Looks good");
  EXPECT_EQ(m["hidden"], false);
  EXPECT_EQ(m["author"], (boost::json::object{{"id", "id-of-carol"}}));
  EXPECT_EQ(m["url"],
            (boost::json::object{{"web", "https://hub.example/datasets/acme/data/discussions/7#comment-oid"}}));

  auto plain = base("discussion", "update");
  plain.discussion = HubEventDiscussion{"d2", 8, "Question", "closed", "bob", false, ""};
  auto q = payload(plain);
  EXPECT_FALSE(q["discussion"].as_object().contains("changes"));
  EXPECT_FALSE(q.contains("comment"));
}

}  // namespace
}  // namespace hfhub::server
