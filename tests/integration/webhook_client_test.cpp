// libhfhub's webhook methods and the `hfhub webhooks` CLI against hfhubd (docs/client.md#webhooks).
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "server_fixture.h"

namespace hfhub::testing {
namespace {

namespace json = boost::json;

TEST(WebhookClient, LibraryMethods) {
  auto api = client(Tokens::alice_write);
  CreateWebhookParams p{"http://203.0.114.20/hook", {{"user", "alice"}}, std::nullopt, "s1"};
  auto w = api.create_webhook(p);
  EXPECT_EQ(w.url, "http://203.0.114.20/hook");
  EXPECT_EQ(w.domains, (std::vector<std::string>{"repo", "discussion"}));  // Python's default: all
  EXPECT_EQ(w.secret, "s1");
  EXPECT_FALSE(w.disabled);
  ASSERT_EQ(w.watched.size(), 1u);
  EXPECT_EQ(w.watched[0].type, "user");

  auto listed = api.list_webhooks();
  EXPECT_TRUE(std::any_of(listed.begin(), listed.end(), [&](auto& x) { return x.id == w.id; }));
  EXPECT_EQ(api.get_webhook(w.id).url, w.url);

  UpdateWebhookParams u;
  u.url = "http://203.0.114.21/v2";
  u.domains = std::vector<std::string>{"discussion"};
  auto updated = api.update_webhook(w.id, u);
  EXPECT_EQ(updated.url, "http://203.0.114.21/v2");
  EXPECT_EQ(updated.domains, (std::vector<std::string>{"discussion"}));
  EXPECT_EQ(updated.watched.size(), 1u);  // an empty `watched` leaves them as they were
  EXPECT_TRUE(api.disable_webhook(w.id).disabled);
  EXPECT_FALSE(api.enable_webhook(w.id).disabled);

  // Someone else's webhook does not exist for them.
  try {
    client(Tokens::carol_write).get_webhook(w.id);
    FAIL() << "expected 404";
  } catch (const HfHubHttpError& e) {
    EXPECT_EQ(e.status(), 404);
  }
  EXPECT_THROW(client(Tokens::alice_write).create_webhook({"http://127.0.0.1/x", {{"user", "alice"}}, {}, {}}),
               BadRequestError);
  EXPECT_THROW(api.get_webhook("../../api/whoami-v2"), std::invalid_argument);

  api.delete_webhook(w.id);
  try {
    api.get_webhook(w.id);
    FAIL() << "expected 404";
  } catch (const HfHubHttpError& e) {
    EXPECT_EQ(e.status(), 404);
  }
}

TEST(WebhookClient, Cli) {
  auto created = cli({"webhooks", "create", "--url", "http://203.0.114.30/h", "--watch", "user:alice", "--watch",
                      "org:acme", "--domain", "repo", "--secret", "x", "--json"},
                     Tokens::alice_write);
  ASSERT_EQ(created.exit_code, 0) << created.err;
  auto hooks = json::parse(created.out).as_array();
  ASSERT_EQ(hooks.size(), 1u);
  std::string id(hooks[0].at("id").as_string());
  EXPECT_EQ(hooks[0].at("watched").as_array().size(), 2u);
  EXPECT_EQ(hooks[0].at("domains"), (json::array{"repo"}));

  auto table = cli({"webhooks", "ls"}, Tokens::alice_write);
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_NE(table.out.find("ID"), std::string::npos);
  EXPECT_NE(table.out.find(id), std::string::npos);
  EXPECT_NE(table.out.find("user:alice,org:acme"), std::string::npos);

  auto disabled = cli({"webhooks", "disable", id, "--json"}, Tokens::alice_write);
  ASSERT_EQ(disabled.exit_code, 0) << disabled.err;
  EXPECT_EQ(json::parse(disabled.out).as_array()[0].at("disabled"), true);
  EXPECT_EQ(cli({"webhooks", "enable", id}, Tokens::alice_write).exit_code, 0);
  auto updated = cli({"webhooks", "update", id, "--url", "http://203.0.114.31/h", "--json"}, Tokens::alice_write);
  ASSERT_EQ(updated.exit_code, 0) << updated.err;
  EXPECT_EQ(json::parse(updated.out).as_array()[0].at("url"), "http://203.0.114.31/h");

  EXPECT_NE(
      cli({"webhooks", "create", "--url", "http://10.0.0.1/", "--watch", "user:alice"}, Tokens::alice_write).exit_code,
      0);
  EXPECT_NE(cli({"webhooks", "create", "--url", "http://203.0.114.30/h", "--watch", "nocolon"}, Tokens::alice_write)
                .exit_code,
            0);
  EXPECT_EQ(cli({"webhooks", "delete", id}, Tokens::alice_write).exit_code, 0);
  EXPECT_NE(cli({"webhooks", "show", id}, Tokens::alice_write).exit_code, 0);
}

}  // namespace
}  // namespace hfhub::testing
