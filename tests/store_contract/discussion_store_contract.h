#pragma once
// What every DiscussionStore does, whatever its engine: shared numbering, filters, totals kept by
// triggers, events. A test binary instantiates it with an engine that has a member `discussions`:
//   INSTANTIATE_TYPED_TEST_SUITE_P(Sqlite, DiscussionStoreContract, SqliteEngine);
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "server/stores/discussion_store.h"

namespace hfhub::server::contract {

template <class Engine>
class DiscussionStoreContract : public ::testing::Test {
 protected:
  Engine engine_;
};
TYPED_TEST_SUITE_P(DiscussionStoreContract);

inline DiscussionRecord make(const std::string& repo, bool pr, const std::string& author, int64_t at) {
  DiscussionRecord d;
  d.repo = repo;
  d.object_id = "obj-" + repo + "-" + std::to_string(at);
  d.is_pull_request = pr;
  d.title = "Title " + std::to_string(at);
  d.status = pr ? DiscussionStatus::Draft : DiscussionStatus::Open;
  d.author = author;
  d.created_at_ms = d.last_activity_ms = at;
  d.target_ref = pr ? "refs/heads/main" : "";
  return d;
}

inline std::vector<int64_t> nums(const DiscussionPage& page) {
  std::vector<int64_t> out;
  for (auto& d : page.items) out.push_back(d.num);
  return out;
}

TYPED_TEST_P(DiscussionStoreContract, NumbersFiltersAndTotals) {
  DiscussionStore& store = this->engine_.discussions;
  EXPECT_EQ(store.create(make("r", false, "alice", 1), 1, {}).num, 1);
  EXPECT_EQ(store.create(make("r", true, "Bob", 2), 5, {}).num, 5);  // above refs/pr/4
  EXPECT_EQ(store.create(make("r", false, "bob", 3), 1, {}).num, 6);
  EXPECT_EQ(store.create(make("other", false, "alice", 4), 1, {}).num, 1);

  DiscussionFilter all{.repo = "r"};
  auto page = store.list(all);
  EXPECT_EQ(nums(page), (std::vector<int64_t>{6, 5, 1}));
  EXPECT_EQ(page.total, 3);

  DiscussionFilter open_prs{
      .repo = "r", .pull_requests = true, .statuses = {DiscussionStatus::Open, DiscussionStatus::Draft}};
  EXPECT_EQ(nums(store.list(open_prs)), std::vector<int64_t>{5});
  DiscussionFilter by_bob{.repo = "r", .author = "BOB"};  // names compare without case
  EXPECT_EQ(store.list(by_bob).total, 2);

  auto pr = *store.find("r", 5);
  pr.status = DiscussionStatus::Merged;
  pr.merge_commit = "abc";
  store.update(pr, {});
  EXPECT_EQ(store.list(open_prs).total, 0);
  DiscussionFilter closed{.repo = "r", .statuses = {DiscussionStatus::Closed, DiscussionStatus::Merged}};
  EXPECT_EQ(nums(store.list(closed)), std::vector<int64_t>{5});
  EXPECT_EQ(store.list(closed).total, 1);
  EXPECT_EQ(store.find("r", 5)->merge_commit, "abc");

  DiscussionFilter second_page{.repo = "r", .offset = 2, .limit = 2};
  auto p2 = store.list(second_page);
  EXPECT_EQ(nums(p2), std::vector<int64_t>{1});
  EXPECT_EQ(p2.total, 3);
}

TYPED_TEST_P(DiscussionStoreContract, EventsKeepTheirOrderAndUpdate) {
  DiscussionStore& store = this->engine_.discussions;
  DiscussionEventRecord first{.object_id = "e1",
                              .type = "comment",
                              .author = "alice",
                              .created_at_ms = 10,
                              .data_json = R"({"latest":{"raw":"a"}})"};
  auto d = store.create(make("r", false, "alice", 1), 1, {first});
  DiscussionEventRecord second{.object_id = "e2",
                               .type = "status-change",
                               .author = "alice",
                               .created_at_ms = 20,
                               .data_json = R"({"status":"closed"})"};
  DiscussionEventRecord third{
      .object_id = "e3", .type = "comment", .author = "alice", .created_at_ms = 20, .data_json = "{}"};
  d.status = DiscussionStatus::Closed;
  store.update(d, {third, second});
  auto events = store.events(d.rowid);
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0].object_id, "e1");
  EXPECT_EQ(events[1].object_id, "e3");
  EXPECT_EQ(events[2].type, "status-change");

  auto e = *store.event(d.rowid, "e1");
  e.data_json = R"({"latest":{"raw":"b"}})";
  store.update_event(e, 99);
  EXPECT_EQ(store.event(d.rowid, "e1")->data_json, e.data_json);
  EXPECT_EQ(store.find("r", 1)->last_activity_ms, 99);
  EXPECT_FALSE(store.event(d.rowid, "nope"));
}

REGISTER_TYPED_TEST_SUITE_P(DiscussionStoreContract, NumbersFiltersAndTotals, EventsKeepTheirOrderAndUpdate);

}  // namespace hfhub::server::contract
