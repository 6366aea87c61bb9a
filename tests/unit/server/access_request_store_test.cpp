// SqliteAccessRequestStore (docs/gated.md): one request per (repo, user), upserts, the paged
// listing per status, and requests going with their repo.
#include "server/stores/sqlite/sqlite_access_request_store.h"

#include "store_test_support.h"

namespace hfhub::server {
namespace {

class AccessRequestStoreTest : public TempDatabaseTest {
 protected:
  SqliteAccessRequestStore store_{*temp_.db};

  Account user(const std::string& name) {
    Account a;
    a.object_id = "64b0000000000000000000" + std::to_string(10 + next_++);
    a.name = name;
    a.fullname = name + " Full";
    a.email = name + "@example.org";
    accounts_.create_account(a);
    return a;
  }
  RepoRecord repo(const std::string& id) {
    RepoRecord r;
    r.id = id;
    r.author = "alice";
    r.object_id = "65c0000000000000000000" + std::to_string(10 + next_++);
    r.gated = Gated::Manual;
    repos_.insert_repo(r);
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

TEST_F(AccessRequestStoreTest, PutFindUpsertAndRemove) {
  auto carol = user("carol");
  auto r = repo("alice/m");
  EXPECT_FALSE(store_.find(r.rowid, carol.rowid));
  auto q = request(r, carol, AccessStatus::Pending, 1000);
  store_.put(q);
  auto found = store_.find(r.rowid, carol.rowid);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->user.name, "carol");
  EXPECT_EQ(found->user.email, "carol@example.org");
  EXPECT_EQ(found->fields_json, R"({"Company":"ACME"})");
  EXPECT_FALSE(found->reviewed_at_ms);
  EXPECT_TRUE(found->handled_by_name.empty());
  auto alice = user("alice");
  q.status = AccessStatus::Rejected;
  q.reviewed_at_ms = 2000;
  q.rejection_reason = "no";
  q.handled_by = alice.rowid;
  store_.put(q);  // the same (repo, user): replaced
  auto by_id = store_.find_by_id(r.rowid, q.object_id);
  ASSERT_TRUE(by_id);
  EXPECT_EQ(by_id->status, AccessStatus::Rejected);
  EXPECT_EQ(by_id->rejection_reason.value_or(""), "no");
  EXPECT_EQ(by_id->handled_by_name, "alice");
  EXPECT_FALSE(store_.find_by_id(repo("alice/other").rowid, q.object_id));
  EXPECT_TRUE(store_.remove(r.rowid, carol.rowid));
  EXPECT_FALSE(store_.remove(r.rowid, carol.rowid));
}

TEST_F(AccessRequestStoreTest, ListsOneStatusOldestFirstByKeyset) {
  auto r = repo("alice/m");
  for (int i = 0; i < 5; ++i) store_.put(request(r, user("u" + std::to_string(i)), AccessStatus::Pending, 100 - i));
  store_.put(request(r, user("accepted"), AccessStatus::Accepted, 1));
  auto first = store_.list(r.rowid, AccessStatus::Pending, std::nullopt, 3);
  ASSERT_EQ(first.size(), 3u);
  EXPECT_EQ(first[0].user.name, "u4");  // the oldest request
  EXPECT_EQ(first[2].user.name, "u2");
  auto rest = store_.list(r.rowid, AccessStatus::Pending,
                          AccessRequestCursor{first.back().requested_at_ms, first.back().user.rowid}, 3);
  ASSERT_EQ(rest.size(), 2u);
  EXPECT_EQ(rest[1].user.name, "u0");
  EXPECT_EQ(store_.list(r.rowid, AccessStatus::Accepted, std::nullopt, 10).size(), 1u);
  EXPECT_EQ(store_.list(r.rowid, AccessStatus::Rejected, std::nullopt, 10).size(), 0u);
}

TEST_F(AccessRequestStoreTest, RequestsGoWithTheirRepo) {
  auto carol = user("carol");
  auto r = repo("alice/m");
  store_.put(request(r, carol, AccessStatus::Accepted, 5));
  ASSERT_TRUE(repos_.delete_repo(RepoType::Model, "alice/m"));
  auto again = repo("alice/m");
  EXPECT_FALSE(store_.find(again.rowid, carol.rowid));
  EXPECT_FALSE(store_.find(r.rowid, carol.rowid));
}

}  // namespace
}  // namespace hfhub::server
