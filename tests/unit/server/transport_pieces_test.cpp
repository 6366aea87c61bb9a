// The transport's pure parts: framing rules, the body rate, the connection caps, the bounded
// worker pool, and their config keys.
#include <gtest/gtest.h>

#include <sched.h>
#include <sys/resource.h>
#include <unistd.h>

#include <future>

#include "server/app/server_config.h"
#include "server/http/body_rate.h"
#include "server/http/connection_limiter.h"
#include "server/http/request_framing.h"
#include "server/http/worker_pool.h"

namespace hfhub::server {
namespace {

TEST(RequestFraming, SoundFramingsPass) {
  EXPECT_FALSE(framing_problem({}, 11));
  EXPECT_FALSE(framing_problem({{"Content-Length", "12"}}, 11));
  EXPECT_FALSE(framing_problem({{"transfer-encoding", " Chunked "}}, 11));
  EXPECT_FALSE(framing_problem({{"Host", "a"}, {"Content-Length", "0"}}, 10));
}

TEST(RequestFraming, AmbiguousFramingsAreRefused) {
  EXPECT_TRUE(framing_problem({{"Transfer-Encoding", "gzip"}}, 11));
  EXPECT_TRUE(framing_problem({{"Transfer-Encoding", "chunked, identity"}}, 11));
  EXPECT_TRUE(framing_problem({{"Transfer-Encoding", "gzip, chunked"}}, 11));
  EXPECT_TRUE(framing_problem({{"Transfer-Encoding", "chunked"}, {"Transfer-Encoding", "chunked"}}, 11));
  EXPECT_TRUE(framing_problem({{"Content-Length", "3"}, {"Content-Length", "3"}}, 11));
  EXPECT_TRUE(framing_problem({{"Content-Length", "3, 3"}}, 11));
  EXPECT_TRUE(framing_problem({{"Content-Length", "3"}, {"Transfer-Encoding", "chunked"}}, 11));
  EXPECT_TRUE(framing_problem({{"Transfer-Encoding", "chunked"}}, 10));
}

TEST(RequestFraming, LineFoldingIsSeenAcrossReads) {
  LineFoldDetector d;
  EXPECT_FALSE(d.scan("GET / HTTP/1.1\r\nA: b\r\n"));
  EXPECT_TRUE(d.scan(" continued\r\n\r\n"));
  d.reset();
  EXPECT_FALSE(d.scan("GET / HTTP/1.1\r\nA: b c\r\n\r\n"));
  EXPECT_TRUE(d.scan("X: a\r\n\tb"));
}

TEST(BodyRate, AWindowRestartsOnlyOnceEnoughHasArrived) {
  using namespace std::chrono;
  BodyRate rate(seconds(10), 100);  // 1000 bytes per 10 s window
  BodyRate::Clock::time_point t0{};
  rate.start(t0);
  EXPECT_EQ(rate.deadline(), t0 + seconds(10));
  rate.received(999, t0 + seconds(9));
  EXPECT_EQ(rate.deadline(), t0 + seconds(10));  // a trickle does not extend the window
  rate.received(1, t0 + seconds(9));
  EXPECT_EQ(rate.deadline(), t0 + seconds(19));

  BodyRate idle(seconds(5), 0);  // any byte restarts the window: an idle timeout
  idle.start(t0);
  idle.received(1, t0 + seconds(4));
  EXPECT_EQ(idle.deadline(), t0 + seconds(9));
}

TEST(ConnectionLimiter, CapsPerAddressAndOverall) {
  ConnectionLimiter limiter(3, 2);
  auto a1 = limiter.try_acquire("a");
  auto a2 = limiter.try_acquire("a");
  ASSERT_TRUE(a1 && a2);
  EXPECT_FALSE(limiter.try_acquire("a"));
  auto b1 = limiter.try_acquire("b");
  ASSERT_TRUE(b1);
  EXPECT_FALSE(limiter.try_acquire("c"));  // three open
  a1.reset();
  EXPECT_EQ(limiter.open_connections(), 2);
  EXPECT_EQ(limiter.open_connections("a"), 1);
  EXPECT_TRUE(limiter.try_acquire("c"));  // the temporary frees its slot again
  EXPECT_EQ(limiter.open_connections("c"), 0);
  ConnectionLimiter unlimited(0, 0);
  std::vector<ConnectionLimiter::Slot> slots;
  for (int i = 0; i < 1000; ++i) slots.push_back(std::move(*unlimited.try_acquire("a")));
  EXPECT_EQ(unlimited.open_connections("a"), 1000);
}

TEST(WorkerPool, RefusesJobsBeyondItsQueue) {
  WorkerPool pool(1, 1);
  std::promise<void> gate;
  auto opened = gate.get_future().share();
  std::promise<void> started;
  std::atomic<int> ran{0};
  ASSERT_TRUE(pool.try_submit([&, opened] {
    started.set_value();
    opened.wait();
    ran++;
  }));
  started.get_future().wait();                    // the worker is busy
  ASSERT_TRUE(pool.try_submit([&] { ran++; }));   // queued
  EXPECT_FALSE(pool.try_submit([&] { ran++; }));  // over the queue
  EXPECT_EQ(pool.pending(), 2u);
  gate.set_value();
  pool.join();
  EXPECT_EQ(ran, 2);
  EXPECT_EQ(pool.pending(), 0u);
  EXPECT_GE(WorkerPool::default_threads(), 4);
}

// The bulk lane's workers run at a lower CPU priority; the calling thread keeps its own.
TEST(WorkerPool, LowersItsThreadsPriorityOnly) {
  int own = getpriority(PRIO_PROCESS, 0);
  WorkerPool bulk(1, 4, WorkerPriority{5, false});
  WorkerPool plain(1, 4);
  std::promise<int> in_bulk, in_plain;
  ASSERT_TRUE(bulk.try_submit([&] { in_bulk.set_value(getpriority(PRIO_PROCESS, 0)); }));
  ASSERT_TRUE(plain.try_submit([&] { in_plain.set_value(getpriority(PRIO_PROCESS, 0)); }));
  EXPECT_EQ(in_bulk.get_future().get(), std::min(19, own + 5));
  EXPECT_EQ(in_plain.get_future().get(), own);
  EXPECT_EQ(getpriority(PRIO_PROCESS, 0), own);
  EXPECT_GE(WorkerPool::default_bulk_threads(), 2);
}

// In the idle class, the bulk lane's workers yield the cores to any normal thread; the pool's
// caller and the other lane stay in the normal class.
TEST(WorkerPool, PutsItsThreadsInTheIdleClassOnly) {
  WorkerPool bulk(1, 4, WorkerPriority{0, true});
  WorkerPool plain(1, 4);
  std::promise<int> in_bulk, in_plain;
  ASSERT_TRUE(bulk.try_submit([&] { in_bulk.set_value(sched_getscheduler(0)); }));
  ASSERT_TRUE(plain.try_submit([&] { in_plain.set_value(sched_getscheduler(0)); }));
  EXPECT_EQ(in_bulk.get_future().get(), SCHED_IDLE);
  EXPECT_EQ(in_plain.get_future().get(), SCHED_OTHER);
  EXPECT_EQ(sched_getscheduler(0), SCHED_OTHER);
}

TEST(ServerConfig, TransportKeys) {
  ServerConfig c;
  c.set("workers", "8");
  c.set("worker-queue", "16");
  c.set("bulk-workers", "3");
  c.set("bulk-nice", "0");
  c.set("bulk-idle", "false");
  c.set("header-limit", "4096");
  c.set("header-count-limit", "50");
  c.set("header-timeout", "5");
  c.set("idle-timeout", "30");
  c.set("body-timeout", "20");
  c.set("body-min-rate", "0");
  c.set("max-connections", "100");
  c.set("max-connections-per-address", "10");
  c.set("spool-reserve-mb", "512");
  EXPECT_EQ(c.workers, 8);
  EXPECT_EQ(c.worker_queue, 16);
  EXPECT_EQ(c.bulk_workers, 3);
  EXPECT_EQ(c.bulk_nice, 0);
  EXPECT_FALSE(c.bulk_idle);
  EXPECT_TRUE(ServerConfig{}.bulk_idle);
  EXPECT_THROW(c.set("bulk-nice", "20"), std::invalid_argument);
  EXPECT_EQ(c.header_limit, 4096u);
  EXPECT_EQ(c.header_count_limit, 50);
  EXPECT_EQ(c.header_timeout, 5);
  EXPECT_EQ(c.idle_timeout, 30);
  EXPECT_EQ(c.body_timeout, 20);
  EXPECT_EQ(c.body_min_rate, 0);
  EXPECT_EQ(c.max_connections, 100);
  EXPECT_EQ(c.max_connections_per_address, 10);
  EXPECT_EQ(c.spool_reserve, int64_t(512) << 20);
  EXPECT_THROW(c.set("header-timeout", "0"), std::invalid_argument);
  EXPECT_THROW(c.set("header-limit", "10"), std::invalid_argument);
}

}  // namespace
}  // namespace hfhub::server
