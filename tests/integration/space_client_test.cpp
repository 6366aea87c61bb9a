// libhfhub's Space settings methods against hfhubd (docs/spaces.md, docs/client.md): variables,
// write-only secrets, runtime through pause and restart, hardware, sleep time, storage and
// duplicate_space; plus the duplicate route's bad input over raw HTTP.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>

#include "hfhub/errors.h"
#include "raw_http.h"
#include "server_fixture.h"

namespace hfhub::testing {
namespace {

std::string unique(const std::string& prefix) {
  static std::atomic<int> n{0};
  return prefix + "-" + std::to_string(++n) + "-" +
         std::to_string(std::chrono::steady_clock::now().time_since_epoch().count() % 100000000);
}

std::string new_space(const HfApi& api, bool is_private = false) {
  auto id = "alice/" + unique("client-space");
  CreateRepoParams p{.repo_type = RepoType::Space, .private_ = is_private, .space_sdk = "gradio"};
  api.create_repo(id, p);
  return id;
}

UploadFileParams to_space() {
  UploadFileParams p;
  p.repo_type = RepoType::Space;
  return p;
}

TEST(SpaceClient, VariablesAndSecrets) {
  auto api = client(Tokens::alice_write);
  auto space = new_space(api);
  auto vars = api.add_space_variable(space, "MODEL", "m1", "the model");
  ASSERT_EQ(vars.size(), 1u);
  EXPECT_EQ(vars["MODEL"].value, "m1");
  EXPECT_EQ(vars["MODEL"].description, "the model");
  EXPECT_TRUE(vars["MODEL"].updated_at.has_value());
  api.add_space_variable(space, "OTHER", "2");
  EXPECT_EQ(api.delete_space_variable(space, "OTHER").size(), 1u);
  EXPECT_EQ(client(Tokens::bob_read).get_space_variables(space).at("MODEL").value, "m1");
  api.add_space_secret(space, "TOKEN", "s3cret", "a token");
  auto secrets = api.get_space_secrets(space);
  ASSERT_EQ(secrets.size(), 1u);
  EXPECT_EQ(secrets["TOKEN"].description, "a token");
  api.delete_space_secret(space, "TOKEN");
  EXPECT_TRUE(api.get_space_secrets(space).empty());
  EXPECT_THROW(client(Tokens::carol_write).add_space_secret(space, "A", "b"), HfHubHttpError);
  EXPECT_THROW(api.add_space_variable(space, "1BAD", "x"), BadRequestError);
}

TEST(SpaceClient, RuntimeThroughPauseAndRestart) {
  auto api = client(Tokens::alice_write);
  auto space = new_space(api);
  auto r = api.get_space_runtime(space);
  EXPECT_EQ(r.stage, "NO_APP_FILE");
  EXPECT_FALSE(r.hardware.has_value());
  EXPECT_EQ(r.requested_hardware, "cpu-basic");
  EXPECT_EQ(r.sleep_time, 172800);
  api.upload_bytes("import gradio\n", "app.py", space, to_space());
  EXPECT_EQ(api.get_space_runtime(space).stage, "STOPPED");
  EXPECT_EQ(api.pause_space(space).stage, "PAUSED");
  EXPECT_EQ(api.restart_space(space, true).stage, "STOPPED");
  r = api.request_space_hardware(space, "t4-medium", 600);
  EXPECT_EQ(r.requested_hardware, "t4-medium");
  EXPECT_EQ(r.sleep_time, 600);
  EXPECT_EQ(api.set_space_sleep_time(space, -1).sleep_time, -1);
  EXPECT_EQ(api.request_space_storage(space, "medium").storage, "medium");
  EXPECT_FALSE(api.delete_space_storage(space).storage.has_value());
  EXPECT_THROW(api.request_space_hardware(space, "warp-drive"), BadRequestError);
  EXPECT_THROW(client(Tokens::carol_write).get_space_runtime(new_space(api, true)), RepositoryNotFoundError);
}

TEST(SpaceClient, DuplicateSpace) {
  auto api = client(Tokens::alice_write);
  auto space = new_space(api);
  api.upload_bytes("import gradio\n", "app.py", space, to_space());
  api.upload_bytes(std::string(2 << 20, 'w'), "weights.bin", space, to_space());
  api.add_space_variable(space, "V", "1");
  api.add_space_secret(space, "S", "2");
  api.request_space_hardware(space, "t4-small");
  auto target = "alice/" + unique("client-dup");
  DuplicateSpaceParams p;
  p.to_id = target;
  p.private_ = true;
  p.variables = {{"EXTRA", "x", std::nullopt}};
  auto url = api.duplicate_space(space, p);
  EXPECT_EQ(url.repo_id, target);
  auto copy = api.space_info(target);
  EXPECT_EQ(copy.private_, true);
  EXPECT_EQ(copy.sha, api.space_info(space).sha);
  auto vars = api.get_space_variables(target);
  EXPECT_EQ(vars.size(), 2u);
  EXPECT_TRUE(api.get_space_secrets(target).empty());  // secrets never go along
  EXPECT_EQ(api.get_space_runtime(target).requested_hardware, "t4-small");
  EXPECT_THROW(api.duplicate_space(space, p), ConflictError);
  p.exist_ok = true;
  EXPECT_EQ(api.duplicate_space(space, p).repo_id, target);
}

RawResponse post(const std::string& path, const std::string& body, const char* token = Tokens::alice_write) {
  return http("POST", shared_server().endpoint() + path, {"Content-Type: application/json", bearer(token)}, body);
}

TEST(SpaceClient, DuplicateBadInput) {
  auto api = client(Tokens::alice_write);
  auto space = new_space(api);
  auto other = new_space(api);
  auto path = "/api/spaces/" + space + "/duplicate";
  EXPECT_EQ(post(path, "{\"repository\":\"" + other + "\"}").status, 409);
  EXPECT_EQ(post(path, "{}").status, 400);
  EXPECT_EQ(post(path, R"({"repository":"no-namespace"})").status, 400);
  auto fresh = "alice/" + unique("never");
  for (auto* extra : {R"("hardware":"warp-drive")", R"("sleepTimeSeconds":0)", R"("storageTier":"huge")",
                      R"("secrets":[{"key":"1X","value":"v"}])", R"("variables":[{"key":"A"}])", R"("variables":3)"}) {
    auto r = post(path, "{\"repository\":\"" + fresh + "\"," + extra + "}");
    EXPECT_EQ(r.status, 400) << extra << " " << r.body;
  }
  // Nothing was created by the refusals.
  EXPECT_THROW(api.space_info(fresh), RepositoryNotFoundError);
  // Onto a namespace the caller cannot write, and from a private Space it cannot see.
  EXPECT_EQ(post(path, "{\"repository\":\"" + unique("acme/x").substr(0) + "\"}", Tokens::carol_write).status, 403);
  auto hidden = new_space(api, true);
  EXPECT_EQ(
      post("/api/spaces/" + hidden + "/duplicate", R"({"repository":"carol/stolen"})", Tokens::carol_write).status,
      404);
}

}  // namespace
}  // namespace hfhub::testing
