// Gated repos (docs/client.md#gated-repos) through libhfhub and the hfhub CLI: GatedRepoError
// with the server's message, the access-request methods, and `hfhub access-requests`.
#include <gtest/gtest.h>

#include "raw_http.h"
#include "server_fixture.h"

namespace hfhub::testing {
namespace {

std::string api(const std::string& path) { return shared_server().endpoint() + path; }

// A manual-gated repo of alice's with one file; carol has asked for access.
std::string gated_with_request(const std::string& stem) {
  auto alice = client(Tokens::alice_write);
  auto id = "alice/" + unique_name(stem);
  alice.create_repo(id);
  alice.create_commit(
      id,
      {CommitOperationAdd{"README.md", std::nullopt, "---\nextra_gated_fields:\n  Company: text\n---\n"},
       CommitOperationAdd{"a.txt", std::nullopt, "hello\n"}},
      {.commit_message = "files"});
  alice.update_repo_settings(id, {.gated = GatedMode::Manual});
  auto asked = http("POST", api("/" + id + "/ask-access"),
                    {bearer(Tokens::carol_write), "Content-Type: application/x-www-form-urlencoded"}, "Company=ACME");
  EXPECT_EQ(asked.status, 303) << asked.body;
  return id;
}

template <class T>
std::vector<AccessRequest> all(T&& paginated) {
  std::vector<AccessRequest> out;
  for (const auto& r : paginated) out.push_back(r);
  return out;
}

TEST(GatedClient, GatedRepoErrorCarriesTheServersMessage) {
  auto id = gated_with_request("gated-client-err");
  try {
    client(Tokens::carol_write).auth_check(id);
    FAIL() << "expected GatedRepoError";
  } catch (const GatedRepoError& e) {
    EXPECT_EQ(e.status(), 403);
    EXPECT_EQ(e.server_message(),
              "Your request to access model " + id + " is awaiting a review from the repo authors.");
    EXPECT_NE(std::string(e.what()).find("Cannot access gated repo for url"), std::string::npos) << e.what();
  }
  EXPECT_THROW(client(Tokens::carol_write).file_exists(id, "a.txt"), GatedRepoError);
  auto dir = std::filesystem::temp_directory_path() / unique_name("gated-dl");
  DownloadParams params;
  params.local_dir = dir;
  EXPECT_THROW(client(Tokens::carol_write).hf_hub_download(id, "a.txt", params), GatedRepoError);
  EXPECT_THROW(client().hf_hub_download(id, "a.txt", params), GatedRepoError);
  std::filesystem::remove_all(dir);
}

TEST(GatedClient, ReviewMethodsListAcceptRejectCancelGrant) {
  auto id = gated_with_request("gated-client");
  auto alice = client(Tokens::alice_write);
  auto pending = all(alice.list_pending_access_requests(id));
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(pending[0].username.value_or(""), "carol");
  EXPECT_EQ(pending[0].fullname.value_or(""), "Carol");
  EXPECT_EQ(pending[0].status, "pending");
  EXPECT_EQ(pending[0].request_id.size(), 24u);
  EXPECT_FALSE(pending[0].timestamp.empty());
  ASSERT_TRUE(pending[0].fields.has_value());
  EXPECT_EQ(pending[0].fields->at("Company"), "ACME");

  alice.accept_access_request(id, "carol");
  EXPECT_NO_THROW(client(Tokens::carol_write).auth_check(id));
  EXPECT_EQ(all(alice.list_accepted_access_requests(id)).size(), 1u);
  alice.reject_access_request(id, "carol", std::string("not now"));
  EXPECT_THROW(client(Tokens::carol_write).auth_check(id), GatedRepoError);
  EXPECT_EQ(all(alice.list_rejected_access_requests(id)).size(), 1u);
  alice.cancel_access_request(id, "carol");
  EXPECT_EQ(all(alice.list_pending_access_requests(id)).size(), 1u);
  alice.grant_access(id, "carol");
  EXPECT_NO_THROW(client(Tokens::carol_write).auth_check(id));
  EXPECT_THROW(alice.grant_access(id, "carol"), BadRequestError);          // already has access
  EXPECT_THROW(alice.accept_access_request(id, "carol"), HfHubHttpError);  // already accepted: 404
  EXPECT_THROW(alice.accept_access_request(id, "nobody-at-all"), HfHubHttpError);
  RepoCall dataset;
  dataset.repo_type = RepoType::Dataset;
  EXPECT_THROW(alice.cancel_access_request(id, "carol", dataset), RepositoryNotFoundError);
  EXPECT_THROW(all(client(Tokens::carol_write).list_pending_access_requests(id)), HfHubHttpError);  // 403
}

TEST(GatedClient, CliListsAsTableAndJsonAndReviews) {
  auto id = gated_with_request("gated-cli");
  auto table = cli({"access-requests", "ls", id}, Tokens::alice_write);
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_NE(table.out.find("USER"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("carol"), std::string::npos);
  EXPECT_NE(table.out.find("Company=ACME"), std::string::npos);
  auto listed = cli({"access-requests", "ls", id, "--json"}, Tokens::alice_write);
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  auto items = boost::json::parse(listed.out).as_array();
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].at("username").as_string(), "carol");
  EXPECT_EQ(items[0].at("fields").at("Company").as_string(), "ACME");

  ASSERT_EQ(cli({"access-requests", "accept", id, "carol"}, Tokens::alice_write).exit_code, 0);
  auto accepted = cli({"access-requests", "ls", id, "--status", "accepted", "--json"}, Tokens::alice_write);
  EXPECT_EQ(boost::json::parse(accepted.out).as_array().size(), 1u);
  ASSERT_EQ(cli({"access-requests", "reject", id, "carol", "--reason", "no"}, Tokens::alice_write).exit_code, 0);
  auto rejected = cli({"access-requests", "ls", id, "--status", "rejected", "--json"}, Tokens::alice_write);
  EXPECT_EQ(boost::json::parse(rejected.out).as_array().size(), 1u);
  ASSERT_EQ(cli({"access-requests", "cancel", id, "carol"}, Tokens::alice_write).exit_code, 0);
  ASSERT_EQ(cli({"access-requests", "grant", id, "carol"}, Tokens::alice_write).exit_code, 0);
  EXPECT_NO_THROW(client(Tokens::carol_write).auth_check(id));

  auto denied = cli({"access-requests", "ls", id}, Tokens::carol_write);
  EXPECT_EQ(denied.exit_code, 1);
  EXPECT_NE(denied.err.find("403"), std::string::npos) << denied.err;
  EXPECT_EQ(cli({"access-requests", "ls", id, "--status", "maybe"}, Tokens::alice_write).exit_code, 2);
}

}  // namespace
}  // namespace hfhub::testing
