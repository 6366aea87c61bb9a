// The collection routes with raw HTTP: the Hub's shapes (single answers with `position`, list
// answers without), visibility of private collections and items, token roles, and bad input:
// slugs not in the Hub's format, positions out of range, duplicate and unknown items, notes
// over 500 characters (docs/collections.md).
#include <gtest/gtest.h>

#include "raw_http.h"
#include "server_fixture.h"

namespace hfhub::testing {
namespace {

namespace json = boost::json;

RawResponse call(const std::string& method, const std::string& path, const std::string& body = "",
                 const char* token = Tokens::alice_write) {
  std::vector<std::string> headers{"Content-Type: application/json"};
  if (token) headers.push_back(bearer(token));
  return http(method, shared_server().endpoint() + path, headers, body);
}

std::string create(const std::string& title, bool is_private = false, const std::string& ns = "alice",
                   const char* token = Tokens::alice_write) {
  auto r = call("POST", "/api/collections",
                json::serialize(json::object{{"title", title}, {"namespace", ns}, {"private", is_private}}), token);
  EXPECT_EQ(r.status, 200) << r.body;
  return std::string(r.json().at("slug").as_string());
}

RawResponse add(const std::string& slug, const std::string& type, const std::string& id,
                const char* token = Tokens::alice_write, std::optional<std::string> note = std::nullopt) {
  json::object body{{"item", json::object{{"type", type}, {"id", id}}}};
  if (note) body["note"] = *note;
  return call("POST", "/api/collections/" + slug + "/items", json::serialize(body), token);
}

std::string new_repo(bool is_private = false) {
  auto id = "alice/" + unique_name("col-repo");
  CreateRepoParams p;
  p.private_ = is_private;
  client(Tokens::alice_write).create_repo(id, p);
  return id;
}

TEST(CollectionHttp, ShapesOfGetAndList) {
  auto slug = create(unique_name("Shapes Of") + " Things!");
  EXPECT_EQ(slug.substr(0, 6), "alice/");
  EXPECT_NE(slug.find("shapes-of-"), std::string::npos) << slug;
  auto repo = new_repo();
  for (int i = 0; i < 5; ++i) ASSERT_EQ(add(slug, "paper", "2401.0000" + std::to_string(i)).status, 200);
  ASSERT_EQ(add(slug, "model", repo, Tokens::alice_write, "<b>why</b>").status, 200);
  auto got = call("GET", "/api/collections/" + slug, "", nullptr);
  ASSERT_EQ(got.status, 200) << got.body;
  auto o = got.json().as_object();
  for (auto* key : {"slug", "title", "owner", "items", "lastUpdated", "position", "private", "theme", "upvotes"})
    EXPECT_TRUE(o.contains(key)) << key;
  auto& items = o.at("items").as_array();
  ASSERT_EQ(items.size(), 6u);
  auto& model = items[5].as_object();
  EXPECT_EQ(model.at("id"), json::value(repo));
  EXPECT_EQ(model.at("repoType"), "model");
  EXPECT_EQ(model.at("note").at("text"), "<b>why</b>");
  EXPECT_EQ(model.at("note").at("html"), "&lt;b&gt;why&lt;/b&gt;");
  EXPECT_EQ(o.at("owner").at("name"), "alice");

  auto listed = call("GET", "/api/collections?owner=alice&limit=100", "", nullptr);
  ASSERT_EQ(listed.status, 200);
  bool found = false;
  for (auto& c : json_array(listed)) {
    EXPECT_FALSE(c.as_object().contains("position"));  // Python passes its own (docs/collections.md#listing)
    if (c.at("slug") != json::value(slug)) continue;
    found = true;
    EXPECT_EQ(c.at("items").as_array().size(), 4u);
  }
  EXPECT_TRUE(found);
}

TEST(CollectionHttp, BadSlugs) {
  for (std::string path :
       {"/api/collections/alice", "/api/collections/alice/no-id-here", "/api/collections/alice/short-0123456789abcdef",
        "/api/collections/alice/x-0123456789abcdef0123456Z", "/api/collections/al..ice/x-0123456789abcdef01234567",
        "/api/collections/alice/x%20y-0123456789abcdef01234567"}) {
    auto r = call("GET", path, "", nullptr);
    EXPECT_EQ(r.status, 400) << path << " " << r.body;
    EXPECT_EQ(r.header("x-error-code"), "InvalidParameter") << path;
  }
  // Well-formed but unknown, or the right id under another owner: 404.
  EXPECT_EQ(call("GET", "/api/collections/alice/x-0123456789abcdef01234567").status, 404);
  auto slug = create(unique_name("Owner Check"));
  EXPECT_EQ(call("GET", "/api/collections/carol/x-" + slug.substr(slug.size() - 24)).status, 404);
  // A stale title part still finds it by id.
  EXPECT_EQ(call("GET", "/api/collections/alice/old-title-" + slug.substr(slug.size() - 24)).status, 200);
}

TEST(CollectionHttp, PositionsAndItems) {
  auto slug = create(unique_name("Positions"));
  for (int i = 0; i < 3; ++i) ASSERT_EQ(add(slug, "paper", "2402.0000" + std::to_string(i)).status, 200);
  auto items = call("GET", "/api/collections/" + slug).json().at("items").as_array();
  std::string first(items[0].at("_id").as_string());
  auto item_path = "/api/collections/" + slug + "/items/" + first;
  EXPECT_EQ(call("PATCH", item_path, R"({"position": 3})").status, 400);
  EXPECT_EQ(call("PATCH", item_path, R"({"position": -1})").status, 400);
  EXPECT_EQ(call("PATCH", item_path, R"({"position": "1"})").status, 400);
  EXPECT_EQ(call("PATCH", item_path, R"({"position": 2})").status, 200);
  auto moved = call("GET", "/api/collections/" + slug).json().at("items").as_array();
  EXPECT_EQ(moved[2].at("_id"), json::value(first));
  EXPECT_EQ(moved[0].at("position"), 0);
  EXPECT_EQ(call("PATCH", item_path, json::serialize(json::object{{"note", std::string(501, 'n')}})).status, 400);
  EXPECT_EQ(call("PATCH", "/api/collections/" + slug + "/items/0123456789abcdef01234567", "{}").status, 404);
  EXPECT_EQ(call("PATCH", "/api/collections/" + slug, R"({"position": 100000})").status, 400);
  EXPECT_EQ(call("PATCH", "/api/collections/" + slug, R"({"theme": "rainbow"})").status, 400);
  EXPECT_EQ(call("PATCH", "/api/collections/" + slug, R"({"gating": "sometimes"})").status, 400);

  // Duplicates, unknown types, malformed papers, long notes, missing repos.
  EXPECT_EQ(add(slug, "paper", "2402.00000").status, 409);
  EXPECT_EQ(add(slug, "notebook", "alice/x").status, 400);
  EXPECT_EQ(add(slug, "bucket", "alice/x").status, 400);
  EXPECT_EQ(add(slug, "paper", "not-a-paper").status, 400);
  EXPECT_EQ(add(slug, "paper", "2402.00009", Tokens::alice_write, std::string(501, 'n')).status, 400);
  EXPECT_EQ(add(slug, "model", "alice/does-not-exist").status, 404);
  EXPECT_EQ(add(slug, "collection", "0123456789abcdef01234567").status, 404);
  EXPECT_EQ(call("POST", "/api/collections/" + slug + "/items", R"({"item": "x"})").status, 400);
  EXPECT_EQ(call("POST", "/api/collections", R"({"namespace": "alice"})").status, 400);
  EXPECT_EQ(call("POST", "/api/collections", R"({"title": "", "namespace": "alice"})").status, 400);
}

TEST(CollectionHttp, PrivateCollectionsAndItemsNeverLeak) {
  auto secret_repo = new_repo(true);
  auto slug = create(unique_name("Secret"), true);
  ASSERT_EQ(add(slug, "model", secret_repo).status, 200);
  // Others, signed in or not, get the 404 of an unknown slug.
  for (const char* token : {static_cast<const char*>(nullptr), Tokens::bob_read, Tokens::carol_write}) {
    auto r = call("GET", "/api/collections/" + slug, "", token);
    EXPECT_EQ(r.status, 404) << (token ? token : "anonymous");
    EXPECT_EQ(call("DELETE", "/api/collections/" + slug, "", token).status, 404);
    auto listed = call("GET", "/api/collections?owner=alice&limit=100", "", token);
    for (auto& c : json_array(listed)) EXPECT_NE(c.at("slug"), json::value(slug));
  }
  // A public collection: others do not see the private item, and cannot add it.
  auto open = create(unique_name("Open"));
  ASSERT_EQ(add(open, "model", secret_repo).status, 200);
  EXPECT_EQ(call("GET", "/api/collections/" + open, "", Tokens::carol_write).json().at("items").as_array().size(), 0u);
  auto carols = create(unique_name("Carols"), false, "carol", Tokens::carol_write);
  EXPECT_EQ(add(carols, "model", secret_repo, Tokens::carol_write).status, 404);
  EXPECT_EQ(add(carols, "model", "alice/no-such-repo", Tokens::carol_write).status, 404);
  // Item filters that name a hidden repo match nothing.
  auto filtered = call("GET", "/api/collections?item=models/" + secret_repo, "", Tokens::carol_write);
  EXPECT_EQ(filtered.json().as_array().size(), 0u);
  // Writes: read tokens and non-members are refused.
  EXPECT_EQ(add(open, "paper", "2403.00001", Tokens::alice_read).status, 403);
  EXPECT_EQ(add(open, "paper", "2403.00001", Tokens::carol_write).status, 403);
  EXPECT_EQ(add(open, "paper", "2403.00001", nullptr).status, 401);
  // Org collections: bob (read role in acme) sees a private one but cannot change it.
  auto org = create(unique_name("Acme Private"), true, "acme");
  EXPECT_EQ(call("GET", "/api/collections/" + org, "", Tokens::bob_read).status, 200);
  EXPECT_EQ(call("GET", "/api/collections/" + org, "", Tokens::carol_write).status, 404);
  EXPECT_EQ(call("PATCH", "/api/collections/" + org, R"({"title": "x"})", Tokens::bob_read).status, 403);
  EXPECT_EQ(call("POST", "/api/collections", R"({"title": "t", "namespace": "acme"})", Tokens::carol_write).status,
            403);
}

// A get's rendered answer is cached (docs/collections.md#caching): every write to the
// collection or to an item's repo shows at once, and access is checked before any cached answer.
TEST(CollectionHttp, CachedAnswersFollowEveryChange) {
  auto repo = new_repo();
  auto slug = create(unique_name("Cached"));
  ASSERT_EQ(add(slug, "model", repo).status, 200);
  auto items = [&](const char* token) {
    auto r = call("GET", "/api/collections/" + slug, "", token);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.status == 200 ? r.json().at("items").as_array() : json::array{};
  };
  ASSERT_EQ(items(nullptr).size(), 1u);
  EXPECT_EQ(items(nullptr)[0].at("likes"), json::value(0));
  // A like moves the item's count.
  ASSERT_EQ(call("POST", "/api/models/" + repo + "/like", "", Tokens::carol_write).status, 200);
  EXPECT_EQ(items(nullptr)[0].at("likes"), json::value(1));
  // A write to the collection: a new item.
  ASSERT_EQ(add(slug, "paper", "2405.00001").status, 200);
  EXPECT_EQ(items(nullptr).size(), 2u);
  // The repo turns private: others stop seeing it, its owner still does.
  RepoSettings hide;
  hide.private_ = true;
  client(Tokens::alice_write).update_repo_settings(repo, hide);
  EXPECT_EQ(items(nullptr).size(), 1u);
  EXPECT_EQ(items(Tokens::carol_write).size(), 1u);
  EXPECT_EQ(items(Tokens::alice_read).size(), 2u);
  // The collection turns private: the answer cached for others is not served to them.
  ASSERT_EQ(call("PATCH", "/api/collections/" + slug, R"({"private": true})").status, 200);
  EXPECT_EQ(call("GET", "/api/collections/" + slug, "", nullptr).status, 404);
  EXPECT_EQ(call("GET", "/api/collections/" + slug, "", Tokens::carol_write).status, 404);
  EXPECT_EQ(items(Tokens::alice_read).size(), 2u);
}

}  // namespace
}  // namespace hfhub::testing
