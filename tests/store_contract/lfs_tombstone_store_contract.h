#pragma once
// What every LfsTombstoneStore does, whatever its engine: the objects lfs-files deleted from a
// repo, per repo, until stored again, copied to a duplicate, and gone with their repo.
// Instantiated once per engine with INSTANTIATE_TYPED_TEST_SUITE_P(Engine,
// LfsTombstoneStoreContract, EngineType); an engine type gives lfs_tombstones(),
// add_repo(RepoRecord&) and delete_repo(RepoRecord).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "server/model/repo.h"
#include "server/stores/lfs_tombstone_store.h"

namespace hfhub::server::contract {

inline std::string tombstone_oid(char c) { return std::string(64, c); }

template <class Engine>
class LfsTombstoneStoreContract : public ::testing::Test {
 protected:
  Engine engine_;
  LfsTombstoneStore& store_ = engine_.lfs_tombstones();
};
TYPED_TEST_SUITE_P(LfsTombstoneStoreContract);

TYPED_TEST_P(LfsTombstoneStoreContract, RecordsPerRepoUntilCleared) {
  auto& store = this->store_;
  const std::string repo = "65d000000000000000000001", other = "65d000000000000000000002";
  const auto a = tombstone_oid('a'), b = tombstone_oid('b'), c = tombstone_oid('c');
  EXPECT_FALSE(store.deleted(repo, a));
  store.record(repo, a);
  store.record(repo, a);  // again: a no-op
  store.record(repo, b);
  store.record(repo, c);
  EXPECT_TRUE(store.deleted(repo, a));
  EXPECT_TRUE(store.deleted(repo, b));
  EXPECT_FALSE(store.deleted(other, a));  // another repo's object is not this one's

  store.clear(repo, std::vector<std::string>{a, c, tombstone_oid('d')});  // d: never recorded
  EXPECT_FALSE(store.deleted(repo, a));
  EXPECT_TRUE(store.deleted(repo, b));
  EXPECT_FALSE(store.deleted(repo, c));
  store.clear(repo, std::vector<std::string>{});  // nothing: a no-op
  EXPECT_TRUE(store.deleted(repo, b));
  store.clear(other, std::vector<std::string>{b});  // another repo's clear leaves this one's
  EXPECT_TRUE(store.deleted(repo, b));
}

TYPED_TEST_P(LfsTombstoneStoreContract, GoWithTheirRepo) {
  auto& store = this->store_;
  RepoRecord repo{.type = RepoType::Model, .id = "alice/gone", .author = "alice", .object_id = "65d000000000000000000003"};
  RepoRecord kept{.type = RepoType::Model, .id = "alice/kept", .author = "alice", .object_id = "65d000000000000000000004"};
  this->engine_.add_repo(repo);
  this->engine_.add_repo(kept);
  store.record(repo.object_id, tombstone_oid('a'));
  store.record(kept.object_id, tombstone_oid('a'));
  ASSERT_TRUE(this->engine_.delete_repo(repo));
  EXPECT_FALSE(store.deleted(repo.object_id, tombstone_oid('a')));  // a new repo with that _id starts clean
  EXPECT_TRUE(store.deleted(kept.object_id, tombstone_oid('a')));
}

TYPED_TEST_P(LfsTombstoneStoreContract, ADuplicateGetsTheRecordsOfItsSource) {
  auto& store = this->store_;
  const std::string from = "65d000000000000000000005", to = "65d000000000000000000006";
  store.record(from, tombstone_oid('a'));
  store.record(to, tombstone_oid('b'));
  store.copy(from, to);
  store.copy(from, to);  // again: a no-op
  EXPECT_TRUE(store.deleted(to, tombstone_oid('a')));
  EXPECT_TRUE(store.deleted(to, tombstone_oid('b')));
  EXPECT_FALSE(store.deleted(from, tombstone_oid('b')));
  store.clear(to, std::vector<std::string>{tombstone_oid('a')});
  EXPECT_TRUE(store.deleted(from, tombstone_oid('a')));  // each repo's own
}

REGISTER_TYPED_TEST_SUITE_P(LfsTombstoneStoreContract, RecordsPerRepoUntilCleared, GoWithTheirRepo,
                           ADuplicateGetsTheRecordsOfItsSource);

}  // namespace hfhub::server::contract
