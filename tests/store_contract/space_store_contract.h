#pragma once
// What every SpaceStore does (docs/spaces.md#storage): variables and secrets by key, each kind
// apart, secrets' sealed bytes kept as bytes, the runtime settings, and all of it going with the
// Space's repo row. An engine type gives spaces(), add_repo(RepoRecord&) and delete_repo(RepoRecord).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "server/model/repo.h"
#include "server/stores/space_store.h"

namespace hfhub::server::contract {

template <class Engine>
class SpaceStoreContract : public ::testing::Test {
 protected:
  Engine engine_;
  SpaceStore& spaces_ = engine_.spaces();

  std::vector<std::string> keys(std::string_view space, SpaceEntryKind kind) {
    std::vector<std::string> out;
    for (auto& e : spaces_.entries(space, kind)) out.push_back(e.key);
    return out;
  }
};
TYPED_TEST_SUITE_P(SpaceStoreContract);

TYPED_TEST_P(SpaceStoreContract, EntriesAreSortedByKeyAndReplacedByKey) {
  auto& spaces = this->spaces_;
  const std::string space = "65c000000000000000000001";
  EXPECT_TRUE(spaces.entries(space, SpaceEntryKind::Variable).empty());
  spaces.put_entry(space, SpaceEntryKind::Variable, {.key = "b_MODEL", .value = "x", .updated_at_ms = 1});
  spaces.put_entry(space, SpaceEntryKind::Variable, {.key = "B_MODEL", .value = "y", .updated_at_ms = 2});
  spaces.put_entry(space, SpaceEntryKind::Variable, {.key = "A", .value = "z", .description = "d", .updated_at_ms = 3});
  // By bytes: upper case before lower case.
  EXPECT_EQ(this->keys(space, SpaceEntryKind::Variable), (std::vector<std::string>{"A", "B_MODEL", "b_MODEL"}));
  spaces.put_entry(space, SpaceEntryKind::Variable, {.key = "A", .value = "new", .updated_at_ms = 4});
  auto entries = spaces.entries(space, SpaceEntryKind::Variable);
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[0].value, "new");
  EXPECT_FALSE(entries[0].description);  // replaced whole
  EXPECT_EQ(entries[0].updated_at_ms, 4);
  EXPECT_TRUE(spaces.entries("65c000000000000000000002", SpaceEntryKind::Variable).empty());
  EXPECT_TRUE(spaces.delete_entry(space, SpaceEntryKind::Variable, "A"));
  EXPECT_FALSE(spaces.delete_entry(space, SpaceEntryKind::Variable, "A"));
  EXPECT_EQ(this->keys(space, SpaceEntryKind::Variable).size(), 2u);
}

TYPED_TEST_P(SpaceStoreContract, SecretsAreAKindApartAndKeepTheirBytes) {
  auto& spaces = this->spaces_;
  const std::string space = "65c000000000000000000001";
  const std::string sealed("\0\x01\xff\x80sealed\n", 11);
  spaces.put_entry(space, SpaceEntryKind::Variable, {.key = "TOKEN", .value = "plain", .updated_at_ms = 1});
  spaces.put_entry(space, SpaceEntryKind::Secret,
                   {.key = "TOKEN", .value = sealed, .description = "api", .updated_at_ms = 2});
  auto secrets = spaces.entries(space, SpaceEntryKind::Secret);
  ASSERT_EQ(secrets.size(), 1u);
  EXPECT_EQ(secrets[0].value, sealed);
  EXPECT_EQ(secrets[0].description.value_or(""), "api");
  EXPECT_EQ(secrets[0].updated_at_ms, 2);
  EXPECT_TRUE(spaces.delete_entry(space, SpaceEntryKind::Secret, "TOKEN"));
  ASSERT_EQ(spaces.entries(space, SpaceEntryKind::Variable).size(), 1u);  // the variable stays
  EXPECT_EQ(spaces.entries(space, SpaceEntryKind::Variable)[0].value, "plain");
}

TYPED_TEST_P(SpaceStoreContract, SettingsDefaultAndAreReplacedWhole) {
  auto& spaces = this->spaces_;
  const std::string space = "65c000000000000000000001";
  auto none = spaces.settings(space);
  EXPECT_FALSE(none.requested_hardware);
  EXPECT_FALSE(none.sleep_time);
  EXPECT_FALSE(none.storage);
  EXPECT_FALSE(none.paused);
  spaces.put_settings(space, {.requested_hardware = "t4-small", .sleep_time = -1, .storage = "small", .paused = true});
  auto back = spaces.settings(space);
  EXPECT_EQ(back.requested_hardware.value_or(""), "t4-small");
  EXPECT_EQ(back.sleep_time, -1);
  EXPECT_EQ(back.storage.value_or(""), "small");
  EXPECT_TRUE(back.paused);
  spaces.put_settings(space, {.sleep_time = 300});
  back = spaces.settings(space);
  EXPECT_FALSE(back.requested_hardware);
  EXPECT_EQ(back.sleep_time, 300);
  EXPECT_FALSE(back.storage);
  EXPECT_FALSE(back.paused);
  EXPECT_FALSE(spaces.settings("65c000000000000000000002").sleep_time);
}

TYPED_TEST_P(SpaceStoreContract, TheyGoWithTheSpacesRepo) {
  auto& spaces = this->spaces_;
  RepoRecord repo{
      .type = RepoType::Space, .id = "alice/app", .author = "alice", .object_id = "65c000000000000000000003"};
  RepoRecord other{
      .type = RepoType::Space, .id = "alice/kept", .author = "alice", .object_id = "65c000000000000000000004"};
  this->engine_.add_repo(repo);
  this->engine_.add_repo(other);
  for (auto* r : {&repo, &other}) {
    spaces.put_entry(r->object_id, SpaceEntryKind::Variable, {.key = "MODEL", .value = "x"});
    spaces.put_entry(r->object_id, SpaceEntryKind::Secret, {.key = "KEY", .value = "sealed"});
    spaces.put_settings(r->object_id, {.sleep_time = 300});
  }
  ASSERT_TRUE(this->engine_.delete_repo(repo));
  EXPECT_TRUE(spaces.entries(repo.object_id, SpaceEntryKind::Variable).empty());
  EXPECT_TRUE(spaces.entries(repo.object_id, SpaceEntryKind::Secret).empty());
  EXPECT_FALSE(spaces.settings(repo.object_id).sleep_time);
  EXPECT_EQ(spaces.entries(other.object_id, SpaceEntryKind::Secret).size(), 1u);
  EXPECT_EQ(spaces.settings(other.object_id).sleep_time, 300);
}

REGISTER_TYPED_TEST_SUITE_P(SpaceStoreContract, EntriesAreSortedByKeyAndReplacedByKey,
                            SecretsAreAKindApartAndKeepTheirBytes, SettingsDefaultAndAreReplacedWhole,
                            TheyGoWithTheSpacesRepo);

}  // namespace hfhub::server::contract
