#include "client/download/blob_jobs.h"

#include <exception>
#include <memory>

#include "client/cache/file_lock.h"
#include "client/transfer/transfer_engine.h"

namespace hfhub::client {

namespace {

class JobRunner {
 public:
  JobRunner(const ClientOptions& options, std::vector<BlobJob> jobs, int max_workers)
      : options_(options), engine_(options), jobs_(std::move(jobs)), max_workers_(std::max(1, max_workers)) {}

  void run() {
    start_more();  // may throw (a lock that cannot be created): nothing runs yet
    engine_.run();
    if (failure_) std::rethrow_exception(failure_);
  }

 private:
  void start_more() {
    while (!failure_ && running_ < max_workers_ && next_ < jobs_.size()) start(next_++);
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
    fetch_blob(engine_, options_, job.target, [this, index, lock](std::exception_ptr error) mutable {
      --running_;
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
  size_t next_ = 0;
  int running_ = 0;
  std::exception_ptr failure_;
};

}  // namespace

void run_blob_jobs(const ClientOptions& options, std::vector<BlobJob> jobs, int max_workers) {
  if (jobs.empty()) return;
  JobRunner(options, std::move(jobs), max_workers).run();
}

}  // namespace hfhub::client
