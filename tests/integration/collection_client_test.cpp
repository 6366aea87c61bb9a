// libhfhub's collection methods and `hfhub collections` against hfhubd (docs/client.md#collections).
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "server_fixture.h"

namespace hfhub::testing {
namespace {

std::string model(const char* token = Tokens::alice_write, bool is_private = false) {
  auto id = "alice/" + unique_name("colc");
  CreateRepoParams p;
  p.private_ = is_private;
  client(token).create_repo(id, p);
  return id;
}

TEST(CollectionClient, LifeCycle) {
  auto api = client(Tokens::alice_write);
  auto title = unique_name("Client Life");
  CreateCollectionParams cp;
  cp.description = "made by libhfhub";
  auto c = api.create_collection(title, cp);  // namespace from whoami
  EXPECT_EQ(c.owner, "alice");
  EXPECT_EQ(c.slug.substr(0, 6), "alice/");
  EXPECT_EQ(c.description, "made by libhfhub");
  EXPECT_EQ(c.url(), c.endpoint + "/collections/" + c.slug);

  // exists_ok returns the existing collection; without it, 409.
  EXPECT_THROW(api.create_collection(title), HfHubHttpError);
  cp.exists_ok = true;
  EXPECT_EQ(api.create_collection(title, cp).slug, c.slug);

  std::vector<std::string> repos;
  for (int i = 0; i < 5; ++i) {
    repos.push_back(model());
    AddCollectionItemParams ap;
    ap.note = "n" + std::to_string(i);
    c = api.add_collection_item(c.slug, repos.back(), "model", ap);
  }
  ASSERT_EQ(c.items.size(), 5u);
  EXPECT_EQ(c.items[4].item_id, repos[4]);
  EXPECT_EQ(c.items[4].note, "n4");
  EXPECT_THROW(api.add_collection_item(c.slug, repos[0], "model"), ConflictError);
  AddCollectionItemParams again;
  again.exists_ok = true;
  EXPECT_EQ(api.add_collection_item(c.slug, repos[0], "model", again).items.size(), 5u);

  ListCollectionsParams lp;
  lp.owner = {"alice"};
  lp.item = {"models/" + repos[2]};
  auto listed = api.list_collections(lp).to_vector();
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].slug, c.slug);
  EXPECT_EQ(listed[0].items.size(), 4u);
  EXPECT_EQ(listed[0].position, 0);

  UpdateCollectionItemParams up;
  up.position = 0;
  up.note = "";
  api.update_collection_item(c.slug, c.items[4].item_object_id, up);
  auto got = api.get_collection(c.slug);
  EXPECT_EQ(got.items[0].item_id, repos[4]);
  EXPECT_FALSE(got.items[0].note.has_value());
  api.delete_collection_item(c.slug, got.items[0].item_object_id);
  DeleteCollectionParams missing;
  missing.missing_ok = true;
  api.delete_collection_item(c.slug, got.items[0].item_object_id, missing);
  EXPECT_EQ(api.get_collection(c.slug).items.size(), 4u);

  UpdateCollectionMetadataParams mp;
  mp.title = title + " renamed";
  mp.private_ = true;
  mp.theme = "indigo";
  auto renamed = api.update_collection_metadata(c.slug, mp);
  EXPECT_NE(renamed.slug, c.slug);
  EXPECT_EQ(renamed.slug.substr(renamed.slug.size() - 24), c.slug.substr(c.slug.size() - 24));
  EXPECT_TRUE(renamed.private_);
  EXPECT_EQ(renamed.theme, "indigo");
  EXPECT_EQ(api.get_collection(c.slug).slug, renamed.slug);  // the old slug resolves by id
  EXPECT_THROW(client(Tokens::carol_write).get_collection(renamed.slug), HfHubHttpError);

  api.delete_collection(renamed.slug);
  EXPECT_THROW(api.get_collection(renamed.slug), HfHubHttpError);
  api.delete_collection(renamed.slug, missing);
  EXPECT_THROW(api.get_collection("not a slug"), std::invalid_argument);
}

TEST(CollectionClient, Cli) {
  auto title = unique_name("Cli Col");
  auto created = cli({"collections", "create", title, "--json"}, Tokens::alice_write);
  ASSERT_EQ(created.exit_code, 0) << created.err;
  auto slug = std::string(boost::json::parse(created.out).at("slug").as_string());
  auto repo = model();
  auto added = cli({"collections", "add-item", slug, repo, "model", "--note", "hello", "--json"}, Tokens::alice_write);
  ASSERT_EQ(added.exit_code, 0) << added.err;
  auto item = boost::json::parse(added.out).at("items").at(0);
  EXPECT_EQ(item.at("note"), "hello");
  auto info = cli({"collections", "info", slug}, Tokens::alice_write);
  EXPECT_NE(info.out.find(repo), std::string::npos);
  auto ls = cli({"collections", "ls", "--owner", "alice", "--limit", "100"}, Tokens::alice_write);
  EXPECT_NE(ls.out.find(slug), std::string::npos);
  std::string item_id(item.at("item_object_id").as_string());
  EXPECT_EQ(cli({"collections", "delete-item", slug, item_id}, Tokens::alice_write).exit_code, 0);
  EXPECT_EQ(cli({"collections", "update", slug, "--theme", "pink"}, Tokens::alice_write).exit_code, 0);
  EXPECT_EQ(cli({"collections", "delete", slug}, Tokens::alice_write).exit_code, 0);
  EXPECT_NE(cli({"collections", "delete", slug}, Tokens::alice_write).exit_code, 0);
  EXPECT_EQ(cli({"collections", "delete", slug, "--missing-ok"}, Tokens::alice_write).exit_code, 0);
}

}  // namespace
}  // namespace hfhub::testing
