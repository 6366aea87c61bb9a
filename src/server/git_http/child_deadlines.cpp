#include "server/git_http/child_deadlines.h"

#include <signal.h>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <map>
#include <mutex>
#include <thread>

namespace hfhub::server {

namespace {

using Clock = std::chrono::steady_clock;

class Deadlines {
 public:
  void watch(pid_t pgid, int seconds, std::string label) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!started_) {
      // Detached and never stopped: it sleeps while there is nothing to watch.
      std::thread([this] { run(); }).detach();
      started_ = true;
    }
    children_[pgid] = {Clock::now() + std::chrono::seconds(seconds), seconds, std::move(label)};
    wake_.notify_one();
  }
  void unwatch(pid_t pgid) {
    std::lock_guard<std::mutex> lock(mutex_);
    children_.erase(pgid);
  }

 private:
  struct Child {
    Clock::time_point deadline;
    int seconds;
    std::string label;
  };

  void run() {
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
      auto next = Clock::time_point::max();
      for (auto& [pgid, child] : children_) next = std::min(next, child.deadline);
      if (next == Clock::time_point::max())
        wake_.wait(lock);
      else
        wake_.wait_until(lock, next);
      auto now = Clock::now();
      for (auto it = children_.begin(); it != children_.end();) {
        if (it->second.deadline > now) {
          ++it;
          continue;
        }
        ::kill(-it->first, SIGKILL);
        std::fprintf(stderr, "hfhubd: %s (pid %d) still running after git-timeout (%d s): killed\n",
                     it->second.label.c_str(), int(it->first), it->second.seconds);
        it = children_.erase(it);
      }
    }
  }

  std::mutex mutex_;
  std::condition_variable wake_;
  std::map<pid_t, Child> children_;
  bool started_ = false;
};

Deadlines& deadlines() {
  static auto* d = new Deadlines;  // never destroyed: its thread may outlive static destructors
  return *d;
}

}  // namespace

void watch_child(pid_t pgid, int seconds, std::string label) { deadlines().watch(pgid, seconds, std::move(label)); }

void unwatch_child(pid_t pgid) { deadlines().unwatch(pgid); }

}  // namespace hfhub::server
