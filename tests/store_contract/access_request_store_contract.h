#pragma once
// What every AccessRequestStore does (docs/gated.md): one request per (repo, user), upserts, the
// keyset-paged listing per status, and requests going with their repo. An engine type gives
// access_requests(), add_account(Account&), add_repo(RepoRecord&) and delete_repo(RepoRecord).
#include <gtest/gtest.h>

#include <string>

#include "server/model/account.h"
#include "server/model/repo.h"
#include "server/stores/access_request_store.h"
#include "server/stores/store_error.h"

namespace hfhub::server::contract {

template <class Engine>
class AccessRequestStoreContract : public ::testing::Test {
 protected:
  Engine engine_;
  AccessRequestStore& store_ = engine_.access_requests();

  Account user(const std::string& name) {
    Account a;
    a.object_id = "64b0000000000000000000" + std::to_string(10 + next_++);
    a.name = name;
    a.fullname = name + " Full";
    a.email = name + "@example.org";
    engine_.add_account(a);
    return a;
  }
  RepoRecord repo(const std::string& id) {
    RepoRecord r;
    r.id = id;
    r.author = "alice";
    r.object_id = "65c0000000000000000000" + std::to_string(10 + next_++);
    r.gated = Gated::Manual;
    engine_.add_repo(r);
    return r;
  }
  AccessRequest request(const RepoRecord& r, const Account& u, AccessStatus s, int64_t at) {
    AccessRequest q;
    q.object_id = "66d0000000000000000000" + std::to_string(10 + next_++);
    q.repo_rowid = r.rowid;
    q.user.rowid = u.rowid;
    q.status = s;
    q.requested_at_ms = at;
    q.fields_json = R"({"Company":"ACME"})";
    return q;
  }
  int next_ = 0;
};
TYPED_TEST_SUITE_P(AccessRequestStoreContract);

TYPED_TEST_P(AccessRequestStoreContract, PutFindUpsertAndRemove) {
  auto& store = this->store_;
  auto carol = this->user("carol");
  auto r = this->repo("alice/m");
  EXPECT_FALSE(store.find(r.rowid, carol.rowid));
  auto q = this->request(r, carol, AccessStatus::Pending, 1000);
  store.put(q);
  auto found = store.find(r.rowid, carol.rowid);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->object_id, q.object_id);
  EXPECT_EQ(found->repo_rowid, r.rowid);
  EXPECT_EQ(found->user.rowid, carol.rowid);
  EXPECT_EQ(found->user.object_id, carol.object_id);
  EXPECT_EQ(found->user.name, "carol");
  EXPECT_EQ(found->user.fullname, "carol Full");
  EXPECT_EQ(found->user.email, "carol@example.org");
  EXPECT_EQ(found->fields_json, R"({"Company":"ACME"})");
  EXPECT_EQ(found->requested_at_ms, 1000);
  EXPECT_FALSE(found->reviewed_at_ms);
  EXPECT_FALSE(found->rejection_reason);
  EXPECT_FALSE(found->handled_by);
  EXPECT_FALSE(found->granted);
  EXPECT_TRUE(found->handled_by_name.empty());
  auto alice = this->user("alice");
  q.status = AccessStatus::Rejected;
  q.reviewed_at_ms = 2000;
  q.rejection_reason = "no";
  q.handled_by = alice.rowid;
  q.granted = true;
  store.put(q);  // the same (repo, user): replaced
  auto by_id = store.find_by_id(r.rowid, q.object_id);
  ASSERT_TRUE(by_id);
  EXPECT_EQ(by_id->status, AccessStatus::Rejected);
  EXPECT_EQ(by_id->reviewed_at_ms, 2000);
  EXPECT_EQ(by_id->rejection_reason.value_or(""), "no");
  EXPECT_EQ(by_id->handled_by, alice.rowid);
  EXPECT_EQ(by_id->handled_by_name, "alice");
  EXPECT_TRUE(by_id->granted);
  EXPECT_FALSE(store.find_by_id(this->repo("alice/other").rowid, q.object_id));
  EXPECT_TRUE(store.remove(r.rowid, carol.rowid));
  EXPECT_FALSE(store.remove(r.rowid, carol.rowid));
}

TYPED_TEST_P(AccessRequestStoreContract, ListsOneStatusOldestFirstByKeyset) {
  auto& store = this->store_;
  auto r = this->repo("alice/m");
  const char* names[] = {"u0", "u1", "u2", "u3", "u4"};
  for (int i = 0; i < 5; ++i) store.put(this->request(r, this->user(names[i]), AccessStatus::Pending, 100 - i));
  // Two at one timestamp: the user's row breaks the tie.
  store.put(this->request(r, this->user("tie"), AccessStatus::Pending, 98));
  store.put(this->request(r, this->user("accepted"), AccessStatus::Accepted, 1));
  auto first = store.list(r.rowid, AccessStatus::Pending, std::nullopt, 3);
  ASSERT_EQ(first.size(), 3u);
  EXPECT_EQ(first[0].user.name, "u4");  // the oldest request
  EXPECT_EQ(first[1].user.name, "u3");
  EXPECT_EQ(first[2].user.name, "u2");
  auto rest = store.list(r.rowid, AccessStatus::Pending,
                         AccessRequestCursor{first.back().requested_at_ms, first.back().user.rowid}, 3);
  ASSERT_EQ(rest.size(), 3u);
  EXPECT_EQ(rest[0].user.name, "tie");
  EXPECT_EQ(rest[2].user.name, "u0");
  EXPECT_EQ(store.list(r.rowid, AccessStatus::Accepted, std::nullopt, 10).size(), 1u);
  EXPECT_EQ(store.list(r.rowid, AccessStatus::Rejected, std::nullopt, 10).size(), 0u);
}

TYPED_TEST_P(AccessRequestStoreContract, RequestsGoWithTheirRepo) {
  auto& store = this->store_;
  auto carol = this->user("carol");
  auto r = this->repo("alice/m");
  store.put(this->request(r, carol, AccessStatus::Accepted, 5));
  ASSERT_TRUE(this->engine_.delete_repo(r));
  auto again = this->repo("alice/m");
  EXPECT_FALSE(store.find(again.rowid, carol.rowid));
  EXPECT_FALSE(store.find(r.rowid, carol.rowid));
}

TYPED_TEST_P(AccessRequestStoreContract, ARequestIdBelongsToOneRequest) {
  auto& store = this->store_;
  auto r = this->repo("alice/m");
  auto first = this->request(r, this->user("carol"), AccessStatus::Pending, 1);
  store.put(first);
  auto second = this->request(r, this->user("dave"), AccessStatus::Pending, 2);
  second.object_id = first.object_id;
  EXPECT_THROW(store.put(second), StoreConflict);
  EXPECT_EQ(store.list(r.rowid, AccessStatus::Pending, std::nullopt, 10).size(), 1u);
}

REGISTER_TYPED_TEST_SUITE_P(AccessRequestStoreContract, PutFindUpsertAndRemove, ListsOneStatusOldestFirstByKeyset,
                            RequestsGoWithTheirRepo, ARequestIdBelongsToOneRequest);

}  // namespace hfhub::server::contract
