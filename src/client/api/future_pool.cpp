#include "client/api/future_pool.h"

#include <algorithm>

namespace hfhub::client {

FuturePool::FuturePool(const ClientOptions& options, int workers) {
  for (int i = 0; i < std::max(1, workers); ++i) threads_.emplace_back([this, options] { work(options); });
}

FuturePool::~FuturePool() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  ready_.notify_all();
  for (auto& t : threads_) t.join();
}

void FuturePool::submit(std::function<void(const HfApi&)> task) {
  {
    std::lock_guard lock(mu_);
    queue_.push_back(std::move(task));
  }
  ready_.notify_one();
}

void FuturePool::work(const ClientOptions& options) {
  const HfApi api(options);
  while (true) {
    std::function<void(const HfApi&)> task;
    {
      std::unique_lock lock(mu_);
      ready_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and every queued call done
      task = std::move(queue_.front());
      queue_.pop_front();
    }
    // The task is a packaged call: it stores its own exception in the future, so nothing escapes.
    task(api);
  }
}

}  // namespace hfhub::client
