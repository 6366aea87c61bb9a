#include "server/http/worker_pool.h"

#include <sched.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <thread>

#include <boost/asio/post.hpp>

namespace hfhub::server {

namespace {

// Linux keeps a nice value and a scheduling class per thread: lowering this thread's priority
// leaves the I/O threads and the other pool's workers as they are. Done once per thread, on its
// first job (asio's pool has no thread-start hook); an unprivileged process may lower its
// priority but not raise it back.
//
// Why SCHED_IDLE as well as nice: a nice-10 thread that wakes from an fsync still runs its slice
// before a waking read handler, and commits wake often; on 2 cores that cost reads ~40% of their
// rate while commits ran, against ~25% under SCHED_IDLE (bench/README.md, "Reads under commits").
void lower_this_thread_priority(const WorkerPriority& priority) {
  thread_local bool done = false;
  if (done) return;
  done = true;
  pid_t tid = pid_t(gettid());
  if (priority.nice > 0) {
    int current = getpriority(PRIO_PROCESS, 0);
    if (setpriority(PRIO_PROCESS, tid, std::min(19, current + priority.nice)) != 0)
      std::fprintf(stderr, "worker: setpriority: %s\n", std::strerror(errno));
  }
  if (priority.idle_class) {
    sched_param param{};
    if (sched_setscheduler(tid, SCHED_IDLE, &param) != 0)
      std::fprintf(stderr, "worker: sched_setscheduler: %s\n", std::strerror(errno));
  }
}

}  // namespace

WorkerPool::WorkerPool(int threads, size_t queue_limit, WorkerPriority priority)
    : pool_(size_t(std::max(1, threads))), capacity_(size_t(std::max(1, threads)) + queue_limit), priority_(priority) {}

WorkerPool::~WorkerPool() { join(); }

bool WorkerPool::try_submit(std::function<void()> job) {
  if (pending_.fetch_add(1) >= capacity_) {
    pending_.fetch_sub(1);
    return false;
  }
  boost::asio::post(pool_, [this, job = std::move(job)]() mutable {
    lower_this_thread_priority(priority_);
    job();
    job = nullptr;  // release what the job holds before it stops counting as pending
    pending_.fetch_sub(1);
  });
  return true;
}

void WorkerPool::join() { pool_.join(); }

int WorkerPool::default_threads() { return std::max(4, 2 * int(std::max(1u, std::thread::hardware_concurrency()))); }

int WorkerPool::default_bulk_threads() { return std::max(2, int(std::max(1u, std::thread::hardware_concurrency()))); }

}  // namespace hfhub::server
