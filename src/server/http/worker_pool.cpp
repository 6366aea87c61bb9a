#include "server/http/worker_pool.h"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <thread>

#include <boost/asio/post.hpp>

namespace hfhub::server {

namespace {

// Linux keeps a nice value per thread: lowering this thread's priority leaves the I/O threads and
// the other pool's workers as they are. Done once per thread, on its first job (asio's pool has
// no thread-start hook); an unprivileged process may lower its priority but not raise it back.
void lower_this_thread_priority(int nice) {
  thread_local bool done = false;
  if (done || nice <= 0) return;
  done = true;
  int current = getpriority(PRIO_PROCESS, 0);
  if (setpriority(PRIO_PROCESS, pid_t(gettid()), std::min(19, current + nice)) != 0)
    std::fprintf(stderr, "worker: setpriority: %s\n", std::strerror(errno));
}

}  // namespace

WorkerPool::WorkerPool(int threads, size_t queue_limit, int nice)
    : pool_(size_t(std::max(1, threads))), capacity_(size_t(std::max(1, threads)) + queue_limit), nice_(nice) {}

WorkerPool::~WorkerPool() { join(); }

bool WorkerPool::try_submit(std::function<void()> job) {
  if (pending_.fetch_add(1) >= capacity_) {
    pending_.fetch_sub(1);
    return false;
  }
  boost::asio::post(pool_, [this, job = std::move(job)]() mutable {
    lower_this_thread_priority(nice_);
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
