// HfApi::run_as_future (docs/client.md#run-as-future) against the compute contract server: results
// and exceptions come through the future, many calls run at once, callbacks run on a worker.
#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <thread>

#include "compute_contract_server.h"
#include "hfhub/hf_api.h"

namespace hfhub::testing {
namespace {

ClientOptions contract_options(const ComputeContractServer& server) {
  ClientOptions o;
  o.endpoint = server.url();
  o.token = ComputeContractServer::kToken;
  o.max_retries = 0;
  return o;
}

TEST(RunAsFuture, ReturnsTheResult) {
  ComputeContractServer server;
  HfApi api(contract_options(server));
  auto f = api.run_as_future([](const HfApi& a) { return a.whoami().name; });
  EXPECT_EQ(f.get(), "alice");
  // A member pointer with every argument, as Python's run_as_future(api.inspect_job, ...).
  auto job = api.run_job("ubuntu", {"true"});
  auto g = api.run_as_future(&HfApi::inspect_job, std::string_view(job.id), JobCall{});
  EXPECT_EQ(g.get().id, job.id);
}

TEST(RunAsFuture, ExceptionsPropagateThroughTheFuture) {
  ComputeContractServer server;
  HfApi api(contract_options(server));
  auto f = api.run_as_future([](const HfApi& a) { return a.inspect_job("missing", {.namespace_ = "alice"}); });
  try {
    f.get();
    FAIL() << "expected HfHubHttpError";
  } catch (const HfHubHttpError& e) {
    EXPECT_EQ(e.status(), 404);
  }
  auto g = api.run_as_future([](const HfApi&) -> int { throw std::invalid_argument("bad"); });
  EXPECT_THROW(g.get(), std::invalid_argument);
  // The workers survive: the next call still works.
  EXPECT_EQ(api.run_as_future([](const HfApi& a) { return a.list_jobs({.namespace_ = "alice"}).size(); }).get(), 0u);
}

TEST(RunAsFuture, ManyConcurrentFutures) {
  ComputeContractServer server;
  auto o = contract_options(server);
  o.future_workers = 8;
  HfApi api(o);
  std::vector<std::future<JobInfo>> futures;
  for (int i = 0; i < 200; ++i)
    futures.push_back(api.run_as_future([i](const HfApi& a) {
      return a.run_job("ubuntu", {"echo", std::to_string(i)}, {.namespace_ = "alice"});
    }));
  std::set<std::string> ids;
  for (auto& f : futures) ids.insert(f.get().id);
  EXPECT_EQ(ids.size(), 200u);
  EXPECT_EQ(api.list_jobs({.namespace_ = "alice"}).size(), 200u);
}

TEST(RunAsFuture, CallbackRunsOnAWorkerWithTheReadyFuture) {
  ComputeContractServer server;
  std::atomic<int> done{0}, failed{0};
  std::thread::id caller = std::this_thread::get_id();
  std::atomic<bool> on_caller{false};
  {
    HfApi api(contract_options(server));
    for (int i = 0; i < 20; ++i)
      api.run_as_future(on_done([&](std::future<User> f) {
                          if (std::this_thread::get_id() == caller) on_caller = true;
                          if (f.get().name == "alice") ++done;
                        }),
                        [](const HfApi& a) { return a.whoami(); });
    api.run_as_future(on_done([&](std::future<JobInfo> f) {
                        try {
                          f.get();
                        } catch (const HfHubHttpError&) {
                          ++failed;
                        }
                      }),
                      &HfApi::inspect_job, std::string_view("nope"), JobCall{.namespace_ = "alice"});
  }  // the destructor waits for every submitted call
  EXPECT_EQ(done, 20);
  EXPECT_EQ(failed, 1);
  EXPECT_FALSE(on_caller);
}

}  // namespace
}  // namespace hfhub::testing
