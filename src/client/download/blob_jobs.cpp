#include "client/download/blob_jobs.h"

#include <algorithm>
#include <exception>
#include <list>
#include <memory>
#include <set>

#include "client/cache/file_lock.h"
#include "client/transfer/transfer_engine.h"

namespace hfhub::client {

namespace {

class JobRunner {
 public:
  JobRunner(const ClientOptions& options, std::vector<BlobJob> jobs, int max_workers)
      : options_(options), engine_(options), jobs_(std::move(jobs)), max_workers_(std::max(1, max_workers)) {
    for (size_t i = 0; i < jobs_.size(); ++i) pending_.push_back(i);
  }

  void run() {
    start_more();  // may throw (a lock that cannot be created): nothing runs yet
    engine_.run();
    if (failure_) std::rethrow_exception(failure_);
  }

 private:
  // Jobs whose lock a running job of this batch holds wait for it: flock(2) locks taken twice
  // in one process block each other, and the second job usually finds the blob done (two
  // paths with the same content share one blob).
  // A job may end inside start() (empty file, cached blob): the outer call goes on scanning.
  void start_more() {
    if (starting_) return;
    starting_ = true;
    struct Reset {
      bool& flag;
      ~Reset() { flag = false; }
    } reset{starting_};
    while (!failure_ && running_ < max_workers_) {
      auto it = std::find_if(pending_.begin(), pending_.end(),
                             [this](size_t i) { return !locks_in_use_.contains(jobs_[i].lock_path); });
      if (it == pending_.end()) return;
      size_t index = *it;
      pending_.erase(it);
      start(index);
    }
  }

  void start(size_t index) {
    BlobJob& job = jobs_[index];
    // Blocks while another process downloads the same blob, as Python's filelock does.
    auto lock = std::make_shared<FileLock>(job.lock_path);
    std::error_code ec;
    if (!job.force && std::filesystem::exists(job.target.final_path, ec)) {
      if (job.on_success) job.on_success();
      return;
    }
    ++running_;
    locks_in_use_.insert(job.lock_path);
    fetch_blob(engine_, options_, job.target, [this, index, lock](std::exception_ptr error) mutable {
      --running_;
      locks_in_use_.erase(jobs_[index].lock_path);
      lock.reset();
      if (!error) {
        try {
          if (jobs_[index].on_success) jobs_[index].on_success();
        } catch (...) {
          error = std::current_exception();
        }
      }
      if (error) {
        // The first failure stops the batch; the other partial files stay resumable.
        if (!failure_) failure_ = error;
        engine_.stop();
        return;
      }
      try {
        start_more();
      } catch (...) {
        failure_ = std::current_exception();
        engine_.stop();
      }
    });
  }

  const ClientOptions& options_;
  TransferEngine engine_;
  std::vector<BlobJob> jobs_;
  int max_workers_;
  std::list<size_t> pending_;                     // jobs not started yet, in order
  std::set<std::filesystem::path> locks_in_use_;  // locks held by running jobs
  int running_ = 0;
  bool starting_ = false;
  std::exception_ptr failure_;
};

}  // namespace

void run_blob_jobs(const ClientOptions& options, std::vector<BlobJob> jobs, int max_workers) {
  if (jobs.empty()) return;
  JobRunner(options, std::move(jobs), max_workers).run();
}

}  // namespace hfhub::client
