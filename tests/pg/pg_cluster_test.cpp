// What several nodes coordinate through PostgreSQL: repository write locks, refs-changed
// notifications, and rate-limit windows. Each "node" here is its own PgDatabase (its own
// pools and listener), as each hfhubd process has.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include "pg_test_cluster.h"
#include "server/services/rate_limiter.h"
#include "server/stores/postgres/pg_cluster_store.h"
#include "server/stores/postgres/pg_database.h"
#include "server/stores/postgres/pg_rate_quota_store.h"

namespace hfhub::server {
namespace {

using namespace std::chrono_literals;

struct Node {
  explicit Node(const std::string& url)
      : db(url, 4), cluster(std::make_unique<PgPool>(url, 4), db.pool(), db.notifications()), quota(db.pool()) {}
  PgDatabase db;
  PgClusterStore cluster;
  PgRateQuotaStore quota;
};

TEST(PgClusterStore, ARepoWriteLockExcludesOtherNodesUntilReleased) {
  auto url = testing::fresh_pg_database();
  Node a(url), b(url);
  std::atomic<int> inside{0}, most{0}, done{0};
  auto writer = [&](Node& node) {
    for (int i = 0; i < 20; ++i) {
      auto hold = node.cluster.lock_repo("0123456789abcdef01234567");
      int now = ++inside;
      most = std::max(most.load(), now);
      std::this_thread::sleep_for(1ms);
      --inside;
      ++done;
    }
  };
  std::thread t1(writer, std::ref(a)), t2(writer, std::ref(b));
  t1.join();
  t2.join();
  EXPECT_EQ(done, 40);
  EXPECT_EQ(most, 1);
  // Another repository's lock is another lock.
  auto one = a.cluster.lock_repo("0123456789abcdef01234567");
  auto other = b.cluster.lock_repo("aaaaaaaaaaaaaaaaaaaaaaaa");
  EXPECT_NE(other, nullptr);
}

TEST(PgClusterStore, RefsChangedReachEveryNodeWithTheRepoId) {
  auto url = testing::fresh_pg_database();
  Node a(url), b(url);
  std::mutex m;
  std::condition_variable cv;
  std::vector<std::string> seen;
  auto subscription = b.cluster.subscribe([&](const std::string& id) {
    std::lock_guard lock(m);
    if (!id.empty()) seen.push_back(id);
    cv.notify_all();
  });
  // The subscription is live once its LISTEN ran; publish until the first one arrives.
  std::unique_lock lock(m);
  for (int i = 0; i < 50 && seen.empty(); ++i) {
    lock.unlock();
    a.cluster.publish_refs_changed("0123456789abcdef01234567");
    lock.lock();
    cv.wait_for(lock, 100ms, [&] { return !seen.empty(); });
  }
  ASSERT_FALSE(seen.empty());
  EXPECT_EQ(seen.front(), "0123456789abcdef01234567");
}

TEST(PgRateQuotaStore, NodesTogetherNeverAllowMoreThanTheQuota) {
  auto url = testing::fresh_pg_database();
  Node a(url), b(url), c(url);
  RateLimitConfig config;
  config.window_seconds = 3600;
  config.quotas[0] = {50, 50};
  RateLimiter la(config, &a.quota), lb(config, &b.quota), lc(config, &c.quota);
  std::atomic<int> allowed{0};
  auto client = [&](RateLimiter& limiter) {
    for (int i = 0; i < 40; ++i)
      if (limiter.take(RateBucket::Api, "ip:203.0.113.7", false).allowed) ++allowed;
  };
  std::thread t1(client, std::ref(la)), t2(client, std::ref(lb)), t3(client, std::ref(lc));
  t1.join();
  t2.join();
  t3.join();
  // 120 requests against a quota of 50: never more, and slices strand at most a few.
  EXPECT_LE(allowed, 50);
  EXPECT_GE(allowed, 40);
  // Another client has a window of its own.
  EXPECT_TRUE(la.take(RateBucket::Api, "ip:203.0.113.8", false).allowed);
}

TEST(PgRateQuotaStore, ClaimsAreCappedAtTheQuotaAndOldWindowsForgotten) {
  auto url = testing::fresh_pg_database();
  Node a(url);
  auto first = a.quota.claim("k", 7, 30, 50);
  EXPECT_EQ(first.granted, 30);
  EXPECT_EQ(first.claimed, 30);
  auto second = a.quota.claim("k", 7, 30, 50);
  EXPECT_EQ(second.granted, 20);
  EXPECT_EQ(second.claimed, 50);
  EXPECT_EQ(a.quota.claim("k", 7, 1, 50).granted, 0);
  EXPECT_EQ(a.quota.claim("k", 8, 1, 50).granted, 1);  // the next window
  a.quota.forget_before(8);
  EXPECT_EQ(a.quota.claim("k", 7, 5, 50).granted, 5);  // forgotten, so counted afresh
}

}  // namespace
}  // namespace hfhub::server
