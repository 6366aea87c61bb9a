// POST /api/repos/create, DELETE /api/repos/delete, POST /api/repos/move, PUT .../settings,
// and private-repo visibility, through libhfhub and raw HTTP.
#include <gtest/gtest.h>

#include "raw_http.h"
#include "server_fixture.h"

namespace hfhub::testing {
namespace {

std::string api(const std::string& path) { return shared_server().endpoint() + path; }

TEST(RepoManagement, CreateInfoDeleteInOwnNamespace) {
  auto alice = client(Tokens::alice_write);
  auto id = "alice/" + unique_name("model");
  auto url = alice.create_repo(id);
  EXPECT_EQ(url.url, shared_server().endpoint() + "/" + id);
  EXPECT_TRUE(alice.repo_exists(id));
  auto info = alice.model_info(id);
  EXPECT_EQ(info.id, id);
  EXPECT_EQ(info.author.value_or(""), "alice");
  EXPECT_FALSE(info.private_.value_or(true));
  alice.delete_repo(id);
  EXPECT_FALSE(alice.repo_exists(id));
  EXPECT_THROW(alice.delete_repo(id), RepositoryNotFoundError);
  EXPECT_NO_THROW(alice.delete_repo(id, RepoType::Model, /*missing_ok=*/true));
}

TEST(RepoManagement, CreateConflictCarriesUrlAndExistOkReturnsIt) {
  auto alice = client(Tokens::alice_write);
  auto id = "acme/" + unique_name("dup");
  alice.create_repo(id);
  try {
    alice.create_repo(id);
    FAIL() << "expected a conflict";
  } catch (const ConflictError& e) {
    EXPECT_EQ(e.status(), 409);
    EXPECT_NE(e.server_message().find("already created"), std::string::npos);
  }
  auto raw = http("POST", api("/api/repos/create"), {bearer(Tokens::alice_write)},
                  R"({"name":")" + id.substr(5) + R"(","organization":"acme"})");
  EXPECT_EQ(raw.status, 409);
  EXPECT_EQ(raw.json().at("url").as_string(), shared_server().endpoint() + "/" + id);
  EXPECT_EQ(alice.create_repo(id, {.exist_ok = true}).url, shared_server().endpoint() + "/" + id);
  // A bare name means the caller's namespace; exist_ok reports the URL the server names.
  auto bare = unique_name("bare");
  alice.create_repo(bare);
  EXPECT_EQ(alice.create_repo(bare, {.exist_ok = true}).url, shared_server().endpoint() + "/alice/" + bare);
}

TEST(RepoManagement, DatasetsAndSpacesNeedTheirPrefixAndSdk) {
  auto alice = client(Tokens::alice_write);
  auto ds = "alice/" + unique_name("data");
  EXPECT_EQ(alice.create_repo(ds, {.repo_type = RepoType::Dataset}).url,
            shared_server().endpoint() + "/datasets/" + ds);
  EXPECT_TRUE(alice.repo_exists(ds, RepoType::Dataset));
  EXPECT_FALSE(alice.repo_exists(ds, RepoType::Model));
  auto sp = "alice/" + unique_name("space");
  // The client refuses locally, as Python does; the server refuses too.
  EXPECT_THROW(alice.create_repo(sp, {.repo_type = RepoType::Space}), std::invalid_argument);
  auto no_sdk = http("POST", api("/api/repos/create"), {bearer(Tokens::alice_write)},
                     R"({"name":")" + sp.substr(6) + R"(","type":"space"})");
  EXPECT_EQ(no_sdk.status, 400);
  EXPECT_EQ(no_sdk.header("x-error-code"), "InvalidParameter");
  alice.create_repo(sp, {.repo_type = RepoType::Space, .space_sdk = "gradio"});
  EXPECT_EQ(alice.space_info(sp).sdk.value_or(""), "gradio");
}

TEST(RepoManagement, PrivateReposAreInvisibleWithoutRights) {
  auto alice = client(Tokens::alice_write);
  auto id = "acme/" + unique_name("private");
  alice.create_repo(id, {.private_ = true});
  // Anonymous: 401 RepoNotFound. Signed in without rights: 404 RepoNotFound. Never a 403.
  auto anon = http_get(api("/api/models/" + id));
  EXPECT_EQ(anon.status, 401);
  EXPECT_EQ(anon.header("x-error-code"), "RepoNotFound");
  auto carol = http_get(api("/api/models/" + id), {bearer(Tokens::carol_write)});
  EXPECT_EQ(carol.status, 404);
  EXPECT_EQ(carol.header("x-error-code"), "RepoNotFound");
  EXPECT_THROW(client(Tokens::carol_write).model_info(id), RepositoryNotFoundError);
  EXPECT_FALSE(client().repo_exists(id));
  // bob reads acme: he sees it, in info and in listings; others do not.
  EXPECT_TRUE(client(Tokens::bob_read).model_info(id).private_.value_or(false));
  auto listed = [&](const char* token) {
    std::vector<std::string> headers;
    if (token) headers.push_back(bearer(token));
    auto body = http_get(api("/api/models?author=acme&limit=1000"), headers).body;
    return body.find(id) != std::string::npos;
  };
  EXPECT_TRUE(listed(Tokens::bob_read));
  EXPECT_FALSE(listed(nullptr));
  EXPECT_FALSE(listed(Tokens::carol_write));
}

TEST(RepoManagement, ListingsShowWritesAtOnceDespiteTheResponseCache) {
  auto url = api("/api/models?author=alice&sort=createdAt&limit=1000&expand=private");
  auto before = http_get(url).body;
  EXPECT_EQ(http_get(url).body, before);  // served from the cache
  auto id = "alice/" + unique_name("fresh");
  client(Tokens::alice_write).create_repo(id);
  auto after = http_get(url).body;
  EXPECT_NE(after.find(id), std::string::npos);
  client(Tokens::alice_write).update_repo_settings(id, {.private_ = true});
  EXPECT_EQ(http_get(url).body.find(id), std::string::npos);
  EXPECT_EQ(http_get(api("/api/models/" + id)).status, 401);
}

TEST(RepoManagement, OrgPrivateByDefault) {
  auto alice = client(Tokens::alice_write);
  auto id = "secretlab/" + unique_name("m");
  alice.create_repo(id);
  EXPECT_TRUE(alice.model_info(id).private_.value_or(false));
  auto pub = "secretlab/" + unique_name("m");
  alice.create_repo(pub, {.private_ = false});
  EXPECT_FALSE(alice.model_info(pub).private_.value_or(true));
}

TEST(RepoManagement, WritesNeedAWriteTokenAndRightsOnTheNamespace) {
  auto bob_id = "acme/" + unique_name("bob");
  // bob: read token, read role.
  EXPECT_THROW(client(Tokens::bob_read).create_repo(bob_id), HfHubHttpError);
  // carol: write token, but acme is not hers.
  auto r =
      http("POST", api("/api/repos/create"), {bearer(Tokens::carol_write)}, R"({"name":"x1","organization":"acme"})");
  EXPECT_EQ(r.status, 403);
  EXPECT_FALSE(r.header("x-error-code").empty());
  EXPECT_EQ(r.json().at("error").as_string(),
            R"(You don't have the rights to create a model under the namespace "acme")");
  // alice's read token cannot write even to her own namespace.
  EXPECT_EQ(http("POST", api("/api/repos/create"), {bearer(Tokens::alice_read)}, R"({"name":"x2"})").status, 403);
  // Anonymous writes: 401.
  EXPECT_EQ(http("POST", api("/api/repos/create"), {}, R"({"name":"x3"})").status, 401);
  // carol cannot delete alice's repo (a public one: she sees it, so 403, not 404).
  auto id = "alice/" + unique_name("keep");
  client(Tokens::alice_write).create_repo(id);
  EXPECT_EQ(http("DELETE", api("/api/repos/delete"), {bearer(Tokens::carol_write)},
                 R"({"name":")" + id.substr(6) + R"(","organization":"alice"})")
                .status,
            403);
  EXPECT_TRUE(client().repo_exists(id));
}

TEST(RepoManagement, MoveRenamesAndTheOldNameRedirects) {
  auto alice = client(Tokens::alice_write);
  auto from = "alice/" + unique_name("old");
  auto to = "acme/" + unique_name("new");
  alice.create_repo(from);
  alice.move_repo(from, to);
  EXPECT_EQ(alice.model_info(to).id, to);
  auto r = http_get(api("/api/models/" + from + "?expand=author"));
  EXPECT_EQ(r.status, 307);
  EXPECT_EQ(r.header("location"), "/api/models/" + to + "?expand=author");
  // The typed client follows the redirect to the renamed repo.
  EXPECT_EQ(alice.model_info(from).id, to);
  // Moving onto an existing repo is a conflict.
  auto other = "alice/" + unique_name("other");
  alice.create_repo(other);
  EXPECT_THROW(alice.move_repo(other, to), ConflictError);
  // The Hub's wording, which clients match.
  auto onto = http("POST", api("/api/repos/move"), {bearer(Tokens::alice_write)},
                   R"({"fromRepo":")" + other + R"(","toRepo":")" + to + R"(","type":"model"})");
  EXPECT_EQ(onto.status, 409);
  EXPECT_EQ(onto.json().at("error").as_string(), "A model repository called " + to + " already exists");
}

TEST(RepoManagement, ProtectedVisibilityIsForSpacesAndKeepsTheFilesPrivate) {
  auto create = [](const std::string& body) {
    return http("POST", api("/api/repos/create"), {bearer(Tokens::alice_write)}, body);
  };
  auto space = unique_name("protected");
  auto r = create(R"({"name":")" + space + R"(","type":"space","sdk":"static","visibility":"protected"})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(http_get(api("/api/spaces/alice/" + space)).status, 401);  // no app here: the repo is private
  auto model = unique_name("protected");
  r = create(R"({"name":")" + model + R"(","visibility":"protected"})");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.json().at("error").as_string(),
            "Only Spaces can be 'protected'. Please set visibility to 'public' or 'private'.");
  EXPECT_EQ(create(R"({"name":")" + model + R"(","visibility":"hidden"})").status, 400);
}

TEST(RepoManagement, DeleteWithoutOrganizationIsInTheCallersNamespace) {
  auto alice = client(Tokens::alice_write);
  for (std::string org : {"", R"(,"organization":null)"}) {
    auto name = unique_name("bare-delete");
    alice.create_repo("alice/" + name, {.repo_type = RepoType::Dataset});
    auto r = http("DELETE", api("/api/repos/delete"), {bearer(Tokens::alice_write)},
                  R"({"name":")" + name + R"(","type":"dataset")" + org + "}");
    EXPECT_EQ(r.status, 200) << r.body;
    EXPECT_FALSE(alice.repo_exists("alice/" + name, RepoType::Dataset));
  }
  // Anonymous: still 401.
  EXPECT_EQ(http("DELETE", api("/api/repos/delete"), {}, R"({"name":"x"})").status, 401);
}

TEST(RepoManagement, SettingsVisibilityGatedAndTheOpenApiAlias) {
  auto alice = client(Tokens::alice_write);
  auto id = "alice/" + unique_name("settings");
  alice.create_repo(id);
  alice.update_repo_settings(id, {.private_ = true});
  EXPECT_TRUE(alice.model_info(id).private_.value_or(false));
  EXPECT_EQ(http_get(api("/api/models/" + id)).status, 401);
  auto r = http("PUT", api("/api/repos/models/" + id + "/settings"), {bearer(Tokens::alice_write)},
                R"({"visibility":"public","gated":"manual","discussionsDisabled":true})");
  ASSERT_EQ(r.status, 200) << r.body;
  auto info = http_get(api("/api/models/" + id)).json();
  EXPECT_EQ(info.at("gated").as_string(), "manual");
  EXPECT_FALSE(info.at("private").as_bool());
  // Gated: visible, but auth-check says GatedRepo: 401 anonymous, 403 signed in without access.
  auto anon = http_get(api("/api/models/" + id + "/auth-check"));
  EXPECT_EQ(anon.status, 401);
  EXPECT_EQ(anon.header("x-error-code"), "GatedRepo");
  auto carol = http_get(api("/api/models/" + id + "/auth-check"), {bearer(Tokens::carol_write)});
  EXPECT_EQ(carol.status, 403);
  EXPECT_EQ(carol.header("x-error-code"), "GatedRepo");
  EXPECT_THROW(client().auth_check(id), GatedRepoError);
  EXPECT_TRUE(client().repo_exists(id));  // gated still exists
  EXPECT_NO_THROW(alice.auth_check(id, RepoType::Model, /*write=*/true));
  EXPECT_EQ(
      http("PUT", api("/api/models/" + id + "/settings"), {bearer(Tokens::alice_write)}, R"({"gated":"sometimes"})")
          .status,
      400);
  alice.update_repo_settings(id, {.gated = GatedMode::Off});
  EXPECT_EQ(http_get(api("/api/models/" + id + "/auth-check")).status, 200);
}

TEST(RepoManagement, RevisionsAndLegacyIds) {
  // The oldest model: a demo one with a commit sha (repos created by tests have none yet).
  auto listing = http_get(api("/api/models?limit=1&full=true&sort=createdAt&direction=1")).json().at(0);
  std::string id(listing.at("id").as_string()), sha(listing.at("sha").as_string());
  for (const std::string& rev : std::vector<std::string>{"main", "HEAD", sha}) {
    auto r = http_get(api("/api/models/" + id + "/revision/" + rev));
    EXPECT_EQ(r.status, 200) << rev;
    EXPECT_EQ(r.json().at("sha").as_string(), sha);
  }
  auto missing = http_get(api("/api/models/" + id + "/revision/no-such-branch"));
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.header("x-error-code"), "RevisionNotFound");
  EXPECT_THROW(client().model_info(id, {.revision = "v9"}), RevisionNotFoundError);
  // A legacy one-segment id (imported by the fixture) answers like any other.
  auto legacy = http_get(api("/api/models/gpt-legacy"));
  ASSERT_EQ(legacy.status, 200) << legacy.body;
  EXPECT_EQ(legacy.json().at("id").as_string(), "gpt-legacy");
  EXPECT_EQ(http_get(api("/api/models/gpt-legacy/revision/main")).status, 200);
  EXPECT_EQ(client().model_info("gpt-legacy").id, "gpt-legacy");
  auto none = http_get(api("/api/models/gpt2"));
  EXPECT_EQ(none.status, 401);
  EXPECT_EQ(none.header("x-error-code"), "RepoNotFound");
}

}  // namespace
}  // namespace hfhub::testing
