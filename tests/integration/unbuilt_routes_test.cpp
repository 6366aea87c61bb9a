// The Hub endpoints hfhubd does not serve (docs/endpoints.md#not-served) answer 501
// NotImplemented with a message that names what is missing, through the one error table, instead
// of the wider repo routes' RepoNotFound; the repo routes beside them keep answering.
#include <gtest/gtest.h>

#include "raw_http.h"
#include "server_fixture.h"

namespace hfhub::testing {
namespace {

struct Probe {
  const char* method;
  const char* path;
  const char* says;
};

constexpr Probe kProbes[] = {
    {"GET", "/api/spaces/hardware", "no Space apps"},
    {"GET", "/api/spaces/semantic-search?q=chat", "no semantic search"},
    {"GET", "/api/spaces/templates", "no Space templates"},
    {"GET", "/api/spaces/alice/some-space/logs/run", "no Space apps"},
    {"POST", "/api/spaces/alice/some-space/dev-mode", "no Space apps"},
    {"PUT", "/api/spaces/alice/some-space/volumes", "no Space apps"},
    {"DELETE", "/api/spaces/alice/some-space/volumes", "no Space apps"},
    {"GET", "/api/kernels/alice/some-kernel", "no kernel repositories"},
    {"GET", "/api/kernels/alice/some-kernel/revision/main", "no kernel repositories"},
    {"GET", "/api/datasets/alice/some-dataset/leaderboard", "no dataset leaderboards"},
    {"POST", "/api/models/alice/some-model/lfs-files/duplicate", "does not copy LFS files"},
    {"GET", "/api/settings/repositories", "does not list repository storage"},
    {"GET", "/api/organizations/acme/settings/repositories", "does not list repository storage"},
};

TEST(UnbuiltRoutes, AnswerNotImplementedWithTheReason) {
  for (const auto& p : kProbes) {
    for (const char* token : {static_cast<const char*>(nullptr), Tokens::alice_write}) {
      std::vector<std::string> headers{"Content-Type: application/json"};
      if (token) headers.push_back(bearer(token));
      auto r = http(p.method, shared_server().endpoint() + p.path, headers, p.method[0] == 'G' ? "" : "{}");
      EXPECT_EQ(r.status, 501) << p.method << " " << p.path << " " << r.body;
      EXPECT_EQ(r.header("x-error-code"), "NotImplemented") << p.path;
      EXPECT_NE(r.json().at("error").as_string().find(p.says), std::string::npos) << p.path << " " << r.body;
    }
  }
}

TEST(UnbuiltRoutes, TheRepoRoutesBesideThemStillAnswer) {
  auto id = "alice/" + unique_name("beside-unbuilt");
  CreateRepoParams p;
  p.repo_type = RepoType::Space;
  p.space_sdk = "static";
  client(Tokens::alice_write).create_repo(id, p);
  auto info = http("GET", shared_server().endpoint() + "/api/spaces/" + id, {bearer(Tokens::alice_write)});
  EXPECT_EQ(info.status, 200) << info.body;
  auto runtime = http("GET", shared_server().endpoint() + "/api/spaces/" + id + "/runtime", {bearer(Tokens::alice_write)});
  EXPECT_EQ(runtime.status, 200) << runtime.body;
  auto missing = http("GET", shared_server().endpoint() + "/api/spaces/alice/no-such-space", {bearer(Tokens::alice_write)});
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.header("x-error-code"), "RepoNotFound");
}

}  // namespace
}  // namespace hfhub::testing
