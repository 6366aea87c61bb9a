#pragma once
// The workers of HfApi::run_as_future (docs/client.md#run-as-future): a fixed set of threads, each
// with its own HfApi (and so its own connection pool: an HfApi is not thread-safe), taking calls
// from one FIFO queue. The pool finishes every queued call before its destructor returns, so a
// future handed out never dangles.
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "hfhub/hf_api.h"

namespace hfhub::client {

class FuturePool {
 public:
  FuturePool(const ClientOptions& options, int workers);
  ~FuturePool();
  FuturePool(const FuturePool&) = delete;
  FuturePool& operator=(const FuturePool&) = delete;

  void submit(std::function<void(const HfApi&)> task);

 private:
  void work(const ClientOptions& options);

  std::mutex mu_;
  std::condition_variable ready_;
  std::deque<std::function<void(const HfApi&)>> queue_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace hfhub::client
