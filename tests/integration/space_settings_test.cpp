// Space settings routes with bad input (docs/spaces.md#input-rules): keys that are no environment
// variable names, unknown hardware flavors and storage tiers, bad sleep times, malformed bodies,
// and the secret key file's mode.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <atomic>
#include <chrono>

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

// A new gradio Space of alice's; returns its /api/spaces/<id> base.
std::string new_space(bool is_private = false) {
  static std::atomic<int> n{0};
  auto name = "settings-" + std::to_string(++n) + "-" +
              std::to_string(std::chrono::steady_clock::now().time_since_epoch().count() % 100000000);
  json::object body{{"name", name}, {"type", "space"}, {"sdk", "gradio"}, {"private", is_private}};
  auto r = call("POST", "/api/repos/create", json::serialize(body));
  EXPECT_EQ(r.status, 200) << r.body;
  return "/api/spaces/alice/" + name;
}

void expect_400(const RawResponse& r, const std::string& what) {
  EXPECT_EQ(r.status, 400) << what << ": " << r.body;
  auto code = r.header("x-error-code");
  EXPECT_TRUE(code == "InvalidParameter" || code == "InvalidJson" || code == "BadRequest") << what << ": " << code;
}

TEST(SpaceSettings, KeysMustBeEnvironmentVariableNames) {
  auto space = new_space();
  for (auto* key : {"", "1ABC", "A-B", "A B", "A.B", "É", "KEY=1", "A\nB"}) {
    json::object body{{"key", key}, {"value", "v"}};
    expect_400(call("POST", space + "/variables", json::serialize(body)), std::string("variable ") + key);
    expect_400(call("POST", space + "/secrets", json::serialize(body)), std::string("secret ") + key);
  }
  expect_400(
      call("POST", space + "/variables", json::serialize(json::object{{"key", std::string(257, 'A')}, {"value", "v"}})),
      "a 257-character key");
  expect_400(call("POST", space + "/variables", R"({"key":"A"})"), "no value");
  expect_400(call("POST", space + "/variables", R"({"key":"A","value":3})"), "a number value");
  expect_400(call("POST", space + "/secrets", "not json"), "not JSON");
  expect_400(call("POST", space + "/secrets", R"(["key"])"), "an array");
  expect_400(call("POST", space + "/variables",
                  json::serialize(json::object{{"key", "A"}, {"value", std::string(64 * 1024 + 1, 'x')}})),
             "a value over 64 KiB");
  EXPECT_EQ(call("GET", space + "/variables").body, "{}");
  EXPECT_EQ(call("POST", space + "/variables", R"({"key":"_Ok_9","value":"v"})").status, 200);
}

TEST(SpaceSettings, UnknownHardwareSleepTimesAndStorage) {
  auto space = new_space();
  for (auto* flavor : {"quantum-xl", "CPU-BASIC", "", "cpu-basic "})
    expect_400(call("POST", space + "/hardware", json::serialize(json::object{{"flavor", flavor}})), flavor);
  expect_400(call("POST", space + "/hardware", R"({"flavor":"t4-small","sleepTimeSeconds":0})"), "sleep 0");
  for (auto* seconds : {"0", "-2", "1.5", "\"60\"", "null", "99999999999", "2592001"})
    expect_400(call("POST", space + "/sleeptime", std::string(R"({"seconds":)") + seconds + "}"), seconds);
  for (auto* tier : {"huge", "", "SMALL"})
    expect_400(call("POST", space + "/storage", json::serialize(json::object{{"tier", tier}})), tier);
  // Nothing was recorded by the refusals.
  auto runtime = call("GET", space + "/runtime").json();
  EXPECT_EQ(runtime.at("hardware"), (json::object{{"current", nullptr}, {"requested", "cpu-basic"}}));
  EXPECT_EQ(runtime.at("storage"), nullptr);
  EXPECT_EQ(runtime.at("gcTimeout"), 172800);
  EXPECT_EQ(runtime.at("stage"), "NO_APP_FILE");
  auto ok = call("POST", space + "/hardware", R"({"flavor":"a10g-small","sleepTimeSeconds":-1})");
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.json().at("hardware").at("requested"), "a10g-small");
  EXPECT_EQ(ok.json().at("gcTimeout"), -1);
}

TEST(SpaceSettings, TokensAndVisibility) {
  auto space = new_space();
  EXPECT_EQ(call("POST", space + "/pause", "", nullptr).status, 401);
  EXPECT_EQ(call("POST", space + "/pause", "", Tokens::alice_read).status, 403);
  EXPECT_EQ(call("POST", space + "/variables", R"({"key":"A","value":"1"})", Tokens::bob_read).status, 403);
  EXPECT_EQ(call("GET", space + "/secrets", "", Tokens::carol_write).status, 403);
  auto hidden = new_space(true);
  for (auto* token : {Tokens::bob_read, Tokens::carol_write}) {
    for (auto* path : {"/runtime", "/variables", "/secrets"})
      EXPECT_EQ(call("GET", hidden + path, "", token).status, 404) << path;
    EXPECT_EQ(call("POST", hidden + "/pause", "", token).status, 404);
    EXPECT_EQ(call("POST", hidden + "/secrets", R"({"key":"A","value":"1"})", token).status, 404);
  }
  EXPECT_EQ(call("GET", hidden + "/runtime", "", nullptr).status, 401);
  EXPECT_EQ(call("GET", "/api/spaces/alice/no-such-space/runtime").status, 404);
}

TEST(SpaceSettings, SecretsAreSealedUnderAPrivateKeyFile) {
  auto space = new_space();
  auto r = call("POST", space + "/secrets", R"({"key":"TOKEN","value":"plain-s3cret-text","description":"d"})");
  ASSERT_EQ(r.status, 200) << r.body;
  struct stat st {};
  ASSERT_EQ(::stat((shared_server().data_dir() + "/space-secrets.key").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  auto listed = call("GET", space + "/secrets");
  ASSERT_EQ(listed.status, 200);
  EXPECT_EQ(listed.body.find("plain-s3cret-text"), std::string::npos);
  EXPECT_TRUE(listed.json().at("TOKEN").as_object().contains("updatedAt"));
  EXPECT_FALSE(listed.json().at("TOKEN").as_object().contains("value"));
  EXPECT_EQ(call("GET", space).body.find("plain-s3cret-text"), std::string::npos);
  EXPECT_EQ(call("GET", space + "/variables").body, "{}");
}

// list_spaces(expand=runtime) derives each runtime from hfhub's state, as space info does
// (docs/spaces.md#runtime), and follows a pause at once.
TEST(SpaceSettings, ListingsDeriveTheRuntimeAsInfoDoes) {
  auto space = new_space();
  auto id = space.substr(std::string("/api/spaces/").size());
  auto stage_in_listing = [&]() -> std::string {
    auto r = call("GET", "/api/spaces?author=alice&limit=1000&expand=runtime&expand=sdk");
    EXPECT_EQ(r.status, 200) << r.body;
    auto list = r.json();  // a local: the loop below must not outlive the parsed value
    for (auto& v : list.as_array())
      if (v.at("id") == json::value(id)) return std::string(v.at("runtime").at("stage").as_string());
    return "absent";
  };
  auto stage_in_info = [&] { return std::string(call("GET", space).json().at("runtime").at("stage").as_string()); };
  EXPECT_EQ(stage_in_listing(), stage_in_info());
  EXPECT_EQ(stage_in_listing(), "NO_APP_FILE");
  ASSERT_EQ(call("POST", space + "/pause").status, 200);
  EXPECT_EQ(stage_in_listing(), "PAUSED");
  // Without expand=runtime the listing carries no runtime, as on the Hub.
  auto plain = call("GET", "/api/spaces?author=alice&limit=1000").json();
  for (auto& v : plain.as_array()) EXPECT_FALSE(v.as_object().contains("runtime"));
}

}  // namespace
}  // namespace hfhub::testing
