#pragma once
// The threads that run request handlers (git, SQLite, hashing), apart from the I/O threads that
// only move bytes, so one slow request never stalls the connections of others. The queue is
// bounded: past it a request is refused at once (503) instead of waiting behind an ever longer line.
// A server runs two: one for interactive requests (reads) and one, smaller and at a lower CPU
// priority, for bulk work (commits, uploads, pushes, clones), so reads never queue behind
// commits and get the cores first when both want them (docs/architecture.md, "Threading").
#include <atomic>
#include <cstddef>
#include <functional>

#include <boost/asio/thread_pool.hpp>

namespace hfhub::server {

// How the workers' CPU priority is lowered; child processes they start inherit it.
struct WorkerPriority {
  int nice = 0;             // > 0: lower by that much (setpriority(2) on each thread)
  bool idle_class = false;  // SCHED_IDLE: any runnable normal thread preempts them on wake-up
};

class WorkerPool {
 public:
  // `threads` run jobs; up to `queue_limit` more wait for one.
  WorkerPool(int threads, size_t queue_limit, WorkerPriority priority = {});
  ~WorkerPool();  // waits for the jobs already accepted
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Runs `job` on a worker; false (and `job` dropped) when all workers are busy and the queue full.
  // A job must not throw.
  bool try_submit(std::function<void()> job);
  // Waits for every accepted job to finish; no new job may be submitted after.
  void join();
  size_t pending() const { return pending_.load(); }  // running + queued

  // 2 per core, at least 4: handlers mostly wait on disk and git rather than compute.
  static int default_threads();
  // One per core, at least 2: bulk work is mostly git, zlib and fsync, and more of it at once
  // only takes the cores from reads.
  static int default_bulk_threads();

 private:
  boost::asio::thread_pool pool_;
  size_t capacity_;
  WorkerPriority priority_;
  std::atomic<size_t> pending_{0};
};

}  // namespace hfhub::server
