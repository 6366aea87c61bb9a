#pragma once
// What every CollectionStore does, whatever its engine (docs/collections.md): positions among an
// owner's collections and inside a collection stay 0..n-1 through inserts, moves and deletes;
// owners compare without case; listings filter by visibility, owner, item and text, and sort;
// items read their targets as they are now; every write moves the generation. A test binary
// instantiates it with an engine that has a member `collections` and a method
// `insert_repo(object_id, id)` that stores a model repo row.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "server/stores/collection_store.h"
#include "server/stores/store_error.h"

namespace hfhub::server::contract {

template <class Engine>
class CollectionStoreContract : public ::testing::Test {
 protected:
  Engine engine_;
  CollectionStore& store_ = engine_.collections;

  // A collection of `owner` with id "c<n>" (ids order as n does), appended to the owner's list.
  CollectionRecord add(const std::string& owner, int n, bool is_private = false, int64_t upvotes = 0) {
    CollectionRecord c{.id = "c" + std::to_string(n), .owner = owner, .title = "Title " + std::to_string(n)};
    c.title_slug = "title-" + std::to_string(n);
    c.description = "About " + std::to_string(n);
    c.is_private = is_private;
    c.theme = "green";
    c.position = store_.count_owned(owner);
    c.upvotes = upvotes;
    c.created_at_ms = c.updated_at_ms = n;
    store_.insert_collection(c);
    return c;
  }
  CollectionItemRecord add_item(const std::string& collection, const std::string& type, const std::string& ref) {
    CollectionItemRecord item{.id = collection + "-" + ref, .collection_id = collection, .type = type, .ref = ref};
    item.position = int64_t(store_.items_of(collection, 1000).size());
    store_.add_item(item, 100);
    return item;
  }
  std::vector<std::string> ids(const std::vector<CollectionRecord>& cs) {
    std::vector<std::string> out;
    for (auto& c : cs) out.push_back(c.id + "@" + std::to_string(c.position));
    return out;
  }
  std::vector<std::string> refs(const std::string& collection) {
    std::vector<std::string> out;
    for (auto& i : store_.items_of(collection, 1000)) out.push_back(i.ref + "@" + std::to_string(i.position));
    return out;
  }
};
TYPED_TEST_SUITE_P(CollectionStoreContract);

TYPED_TEST_P(CollectionStoreContract, OwnerPositionsFollowInsertsMovesAndDeletes) {
  auto& store = this->store_;
  auto g0 = store.generation();
  auto c1 = this->add("alice", 1);
  EXPECT_NE(store.generation(), g0);
  auto c2 = this->add("Alice", 2);  // the same owner, another case
  auto c3 = this->add("alice", 3);
  EXPECT_EQ(store.count_owned("ALICE"), 3);
  CollectionRecord first{.id = "c4", .owner = "alice", .title = "Top", .title_slug = "top", .position = 0};
  store.insert_collection(first);
  CollectionQuery mine{.owners = {"alice"}, .sort = CollectionSort::LastModified};
  EXPECT_EQ(this->ids(store.list(mine)), (std::vector<std::string>{"c3@3", "c2@2", "c1@1", "c4@0"}));

  c1.position = 3;  // to the end
  c1.title = "Renamed";
  auto g1 = store.generation();
  store.update_collection(c1, 1);
  EXPECT_NE(store.generation(), g1);
  EXPECT_EQ(store.find_collection("c1")->title, "Renamed");
  EXPECT_EQ(store.find_collection("c2")->position, 1);
  EXPECT_EQ(store.find_collection("c3")->position, 2);
  c1.position = 0;  // to the front
  store.update_collection(c1, 3);
  EXPECT_EQ(this->ids(store.list(mine)), (std::vector<std::string>{"c3@3", "c2@2", "c1@0", "c4@1"}));

  store.delete_collection(*store.find_collection("c4"));
  EXPECT_EQ(this->ids(store.list(mine)), (std::vector<std::string>{"c3@2", "c2@1", "c1@0"}));
  EXPECT_FALSE(store.find_collection("c4"));
  EXPECT_EQ(store.find_by_title("ALICE", "title-2")->id, "c2");
  EXPECT_FALSE(store.find_by_title("bob", "title-2"));
  (void)c2;
  (void)c3;
}

TYPED_TEST_P(CollectionStoreContract, ListingsFilterAndSort) {
  auto& store = this->store_;
  this->add("alice", 1, false, 5);
  this->add("alice", 2, true, 9);  // private
  this->add("bob", 3, false, 5);
  auto c4 = this->add("bob", 4, false, 1);
  c4.description = "100%_sure";
  store.update_collection(c4, c4.position);
  this->add_item("c3", "model", "m1");
  this->add_item("c1", "paper", "2401.00001");

  // Trending orders as upvotes, then newest change.
  EXPECT_EQ(this->ids(store.list({})), (std::vector<std::string>{"c3@0", "c1@0", "c4@1"}));
  EXPECT_EQ(this->ids(store.list({.readers = {"ALICE"}})), (std::vector<std::string>{"c2@1", "c3@0", "c1@0", "c4@1"}));
  EXPECT_EQ(this->ids(store.list({.owners = {"Bob"}, .sort = CollectionSort::Upvotes})),
            (std::vector<std::string>{"c3@0", "c4@1"}));
  EXPECT_EQ(this->ids(store.list({.items = {{"model", "m1"}, {"paper", "2401.00001"}}})),
            (std::vector<std::string>{"c3@0", "c1@0"}));
  EXPECT_TRUE(store.list({.items = {{"dataset", "m1"}}}).empty());
  EXPECT_EQ(this->ids(store.list({.q = "TITLE 4"})), std::vector<std::string>{"c4@1"});
  EXPECT_EQ(this->ids(store.list({.q = "%_"})), std::vector<std::string>{"c4@1"});  // not wildcards
  EXPECT_EQ(this->ids(store.list({.q = "about 2"})), std::vector<std::string>{});   // private
  EXPECT_EQ(this->ids(store.list({.offset = 1, .limit = 1})), std::vector<std::string>{"c1@0"});
  EXPECT_EQ(store.find_collection("c3")->item_count, 1);
}

TYPED_TEST_P(CollectionStoreContract, ItemsMoveAndCloseGaps) {
  auto& store = this->store_;
  this->add("alice", 1);
  for (auto ref : {"a", "b", "c", "d"}) this->add_item("c1", "paper", ref);
  EXPECT_THROW(store.add_item({.id = "dup", .collection_id = "c1", .type = "paper", .ref = "a", .position = 4}, 1),
               StoreConflict);
  auto d = *store.find_item_by_ref("c1", "paper", "d");
  EXPECT_EQ(d.position, 3);
  d.position = 0;
  d.note = "first";
  auto g = store.generation();
  store.update_item(d, 3, 500);
  EXPECT_NE(store.generation(), g);
  EXPECT_EQ(this->refs("c1"), (std::vector<std::string>{"d@0", "a@1", "b@2", "c@3"}));
  EXPECT_EQ(store.find_item("c1", d.id)->note, "first");
  EXPECT_EQ(store.find_collection("c1")->updated_at_ms, 500);
  auto a = *store.find_item("c1", "c1-a");
  a.position = 3;
  store.update_item(a, 1, 600);
  EXPECT_EQ(this->refs("c1"), (std::vector<std::string>{"d@0", "b@1", "c@2", "a@3"}));
  store.delete_item(*store.find_item_by_ref("c1", "paper", "b"), 700);
  EXPECT_EQ(this->refs("c1"), (std::vector<std::string>{"d@0", "c@1", "a@2"}));
  EXPECT_EQ(store.find_collection("c1")->updated_at_ms, 700);
  EXPECT_FALSE(store.find_item("c1", "c1-b"));
  EXPECT_EQ(store.items_of("c1", 2).size(), 2u);
}

TYPED_TEST_P(CollectionStoreContract, ItemsReadTheirTargetsAndADeletedCollectionLeavesOthers) {
  auto& store = this->store_;
  this->engine_.insert_repo("repo-object-id-1", "alice/model");
  this->add("alice", 1);
  this->add("alice", 2);
  this->add_item("c1", "paper", "p");
  this->add_item("c1", "collection", "c2");
  this->add_item("c1", "model", "repo-object-id-1");
  this->add_item("c1", "model", "gone-repo");
  this->add_item("c2", "paper", "q");
  auto items = store.items_of("c1", 10);
  ASSERT_EQ(items.size(), 4u);
  EXPECT_FALSE(items[0].repo);
  EXPECT_FALSE(items[0].collection);
  ASSERT_TRUE(items[1].collection);
  EXPECT_EQ(items[1].collection->title, "Title 2");
  EXPECT_EQ(items[1].collection->item_count, 1);
  ASSERT_TRUE(items[2].repo);
  EXPECT_EQ(items[2].repo->id, "alice/model");
  EXPECT_EQ(items[2].repo->type, RepoType::Model);
  EXPECT_FALSE(items[3].repo);  // no such repo any more

  store.delete_collection(*store.find_collection("c2"));
  EXPECT_EQ(this->refs("c1"), (std::vector<std::string>{"p@0", "repo-object-id-1@1", "gone-repo@2"}));
  EXPECT_FALSE(store.find_item_by_ref("c2", "paper", "q"));
  EXPECT_EQ(store.find_collection("c1")->position, 0);
}

REGISTER_TYPED_TEST_SUITE_P(CollectionStoreContract, OwnerPositionsFollowInsertsMovesAndDeletes, ListingsFilterAndSort,
                            ItemsMoveAndCloseGaps, ItemsReadTheirTargetsAndADeletedCollectionLeavesOthers);

}  // namespace hfhub::server::contract
