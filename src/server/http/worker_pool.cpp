#include "server/http/worker_pool.h"

#include <algorithm>
#include <thread>

#include <boost/asio/post.hpp>

namespace hfhub::server {

WorkerPool::WorkerPool(int threads, size_t queue_limit)
    : pool_(size_t(std::max(1, threads))), capacity_(size_t(std::max(1, threads)) + queue_limit) {}

WorkerPool::~WorkerPool() { join(); }

bool WorkerPool::try_submit(std::function<void()> job) {
  if (pending_.fetch_add(1) >= capacity_) {
    pending_.fetch_sub(1);
    return false;
  }
  boost::asio::post(pool_, [this, job = std::move(job)]() mutable {
    job();
    job = nullptr;  // release what the job holds before it stops counting as pending
    pending_.fetch_sub(1);
  });
  return true;
}

void WorkerPool::join() { pool_.join(); }

int WorkerPool::default_threads() { return std::max(4, 2 * int(std::max(1u, std::thread::hardware_concurrency()))); }

}  // namespace hfhub::server
