// libhfhub's compute methods against the compute contract server (compute_contract_server.h):
// every method, the requests it sends (method, path, body fields, bearer token) and how it reads
// the documented answers.
#include <gtest/gtest.h>

#include "compute_contract_server.h"
#include "hfhub/hf_api.h"

namespace hfhub::testing {
namespace {

namespace json = boost::json;

class ComputeContract : public ::testing::Test {
 protected:
  ComputeContractServer server;
  HfApi api{options()};

  ClientOptions options() {
    ClientOptions o;
    o.endpoint = server.url();
    o.token = ComputeContractServer::kToken;
    o.max_retries = 0;
    o.sleep = [](std::chrono::milliseconds) {};
    return o;
  }
  json::object body(const ContractRequest& r) { return r.body.as_object(); }
};

TEST_F(ComputeContract, RunJobSendsThePythonSpecAndReadsJobInfo) {
  JobParams p;
  p.env = {{"A", "1"}};
  p.secrets = {{"HF_TOKEN", "x"}};
  p.flavor = "a10g-small";
  p.timeout = "5m";
  p.name = "hello";
  p.expose = {8000};
  auto job = api.run_job("python:3.12", {"python", "-c", "print(1)"}, p);
  auto r = server.last("/api/jobs");
  EXPECT_EQ(r.method, "POST");
  EXPECT_EQ(r.path, "/api/jobs/alice");  // namespace from whoami
  EXPECT_EQ(r.authorization, std::string("Bearer ") + ComputeContractServer::kToken);
  auto b = body(r);
  EXPECT_EQ(b.at("dockerImage"), "python:3.12");
  EXPECT_EQ(b.at("command").as_array().size(), 3u);
  EXPECT_TRUE(b.at("arguments").as_array().empty());
  EXPECT_EQ(b.at("environment").at("A"), "1");
  EXPECT_EQ(b.at("secrets").at("HF_TOKEN"), "x");
  EXPECT_EQ(b.at("flavor"), "a10g-small");
  EXPECT_EQ(b.at("timeoutSeconds"), 300);
  EXPECT_EQ(b.at("labels").at("name"), "hello");
  EXPECT_EQ(b.at("expose").at("ports").as_array().size(), 1u);
  EXPECT_EQ(job.status.stage, JobStage::RUNNING);
  EXPECT_EQ(job.owner.name, "alice");
  EXPECT_EQ(job.docker_image, "python:3.12");
  EXPECT_EQ(job.url, server.url() + "/jobs/alice/" + job.id);
  ASSERT_TRUE(job.durations);
  EXPECT_EQ(job.durations->total_secs, 4);
  EXPECT_FALSE(is_terminal_job_stage(job.status.stage));
}

TEST_F(ComputeContract, SpaceImagesAndDefaults) {
  auto job = api.run_job("hf.co/spaces/lhoestq/duckdb", {"duckdb"}, {.namespace_ = "alice"});
  auto b = body(server.last("/api/jobs"));
  EXPECT_EQ(b.at("spaceId"), "lhoestq/duckdb");
  EXPECT_FALSE(b.contains("dockerImage"));
  EXPECT_EQ(b.at("flavor"), "cpu-basic");
  EXPECT_EQ(job.space_id, "lhoestq/duckdb");
  // Given a namespace, no whoami is asked.
  for (auto& r : server.requests()) EXPECT_NE(r.path, "/api/whoami-v2");
  EXPECT_THROW(api.run_job("x", {"y"}, {.timeout = "soon"}), std::invalid_argument);
}

TEST_F(ComputeContract, RunUvJobBuildsTheUvCommand) {
  UvJobParams p;
  p.script_args = {"--n", "3"};
  p.dependencies = {"numpy"};
  p.python = "3.12";
  api.run_uv_job("https://example.com/train.py", p);
  auto b = body(server.last("/api/jobs"));
  EXPECT_EQ(b.at("dockerImage"), "ghcr.io/astral-sh/uv:python3.12-bookworm");
  json::array want{"uv", "run", "--with", "numpy", "--python", "3.12", "https://example.com/train.py", "--n", "3"};
  EXPECT_EQ(b.at("command"), want);
  // A local file would need Python's bucket upload: refused before any request.
  EXPECT_THROW(api.run_uv_job("/etc/hostname"), std::invalid_argument);
}

TEST_F(ComputeContract, ListInspectCancelAndLogs) {
  auto a = api.run_job("ubuntu", {"echo", "a"});
  api.run_job("ubuntu", {"echo", "b"});
  EXPECT_EQ(api.list_jobs().size(), 2u);
  api.cancel_job(a.id);
  EXPECT_EQ(server.last("/api/jobs").method, "POST");
  EXPECT_EQ(server.last("/api/jobs").path, "/api/jobs/alice/" + a.id + "/cancel");
  auto got = api.inspect_job(a.id);
  EXPECT_EQ(got.status.stage, JobStage::CANCELED);
  EXPECT_TRUE(is_terminal_job_stage(got.status.stage));
  ListJobsParams only_running;
  only_running.statuses = {"running"};
  auto running = api.list_jobs(only_running);
  EXPECT_EQ(server.last("/api/jobs").query, "stage=RUNNING");
  ASSERT_EQ(running.size(), 1u);
  EXPECT_NE(running[0].id, a.id);
  auto logs = api.fetch_job_logs(a.id, {.tail = 10});
  EXPECT_EQ(server.last("/api/jobs").query, "tail=10");
  EXPECT_EQ(logs, (std::vector<std::string>{"hello from the job", "step 1/2", "step 2/2"}));
  EXPECT_THROW(api.inspect_job("nope"), HfHubHttpError);
}

TEST_F(ComputeContract, ScheduledJobs) {
  ScheduledJobParams p;
  p.suspend = false;
  auto s = api.create_scheduled_job("python:3.12", {"python", "-V"}, "@hourly", p);
  auto b = body(server.last("/api/scheduled-jobs"));
  EXPECT_EQ(b.at("schedule"), "@hourly");
  EXPECT_EQ(b.at("jobSpec").at("dockerImage"), "python:3.12");
  EXPECT_EQ(b.at("suspend"), false);
  EXPECT_FALSE(b.contains("concurrency"));
  EXPECT_EQ(s.schedule, "@hourly");
  EXPECT_EQ(s.job_spec.docker_image, "python:3.12");
  EXPECT_EQ(s.status.next_job_run_at, "2026-12-03T18:00:00.000Z");
  auto uv = api.create_scheduled_uv_job("https://example.com/x.py", "0 * * * *");
  EXPECT_EQ(uv.job_spec.command->at(0), "uv");
  EXPECT_EQ(api.list_scheduled_jobs().size(), 2u);
  api.suspend_scheduled_job(s.id);
  EXPECT_EQ(server.last("/api/scheduled-jobs").path, "/api/scheduled-jobs/alice/" + s.id + "/suspend");
  EXPECT_EQ(api.inspect_scheduled_job(s.id).suspend, true);
  api.resume_scheduled_job(s.id);
  EXPECT_EQ(api.inspect_scheduled_job(s.id).suspend, false);
  api.delete_scheduled_job(s.id);
  EXPECT_EQ(server.last("/api/scheduled-jobs").method, "DELETE");
  EXPECT_EQ(api.list_scheduled_jobs().size(), 1u);
  EXPECT_THROW(api.inspect_scheduled_job(s.id), HfHubHttpError);
}

CreateInferenceEndpointParams endpoint_params() {
  CreateInferenceEndpointParams p;
  p.repository = "openai-community/gpt2";
  p.framework = "pytorch";
  p.accelerator = "gpu";
  p.instance_size = "x1";
  p.instance_type = "nvidia-l4";
  p.region = "us-east-1";
  p.vendor = "aws";
  p.task = "text-generation";
  p.env = {{"MAX_TOKENS", "512"}};
  return p;
}

TEST_F(ComputeContract, CreateGetWaitListEndpoints) {
  auto e = api.create_inference_endpoint("gpt2-ep", endpoint_params());
  auto r = server.last("/v2/endpoint");
  EXPECT_EQ(r.method, "POST");
  EXPECT_EQ(r.path, "/v2/endpoint/alice");
  auto b = body(r);
  EXPECT_EQ(b.at("compute").at("instanceType"), "nvidia-l4");
  EXPECT_EQ(b.at("compute").at("scaling").at("minReplica"), 1);
  EXPECT_TRUE(b.at("compute").at("scaling").at("scaleToZeroTimeout").is_null());
  EXPECT_EQ(b.at("model").at("image"), (json::object{{"huggingface", json::object{}}}));
  EXPECT_EQ(b.at("model").at("env").at("MAX_TOKENS"), "512");
  EXPECT_EQ(b.at("type"), "authenticated");
  EXPECT_EQ(e.status, InferenceEndpointStatus::PENDING);
  EXPECT_EQ(e.repository, "openai-community/gpt2");
  EXPECT_EQ(e.namespace_, "alice");
  EXPECT_FALSE(e.url);
  auto ready = api.wait_for_inference_endpoint(e, {.timeout_seconds = 60, .refresh_every_seconds = 1});
  EXPECT_EQ(ready.status, InferenceEndpointStatus::RUNNING);
  EXPECT_EQ(ready.url, server.url() + "/ep/gpt2-ep");
  EXPECT_EQ(server.last("/ep/").path, "/ep/gpt2-ep/health");
  EXPECT_EQ(api.list_inference_endpoints().size(), 1u);
  // "*": alice's and acme's; acme answers 401 (no billing) and is skipped like Python does.
  EXPECT_EQ(api.list_inference_endpoints({.namespace_ = "*"}).size(), 1u);
  EXPECT_THROW(api.list_inference_endpoints({.namespace_ = "acme"}), HfHubHttpError);
}

TEST_F(ComputeContract, UpdatePauseResumeScaleDelete) {
  api.create_inference_endpoint("ep", endpoint_params());
  UpdateInferenceEndpointParams u;
  u.max_replica = 4;
  u.revision = "abc";
  auto updated = api.update_inference_endpoint("ep", u);
  auto b = body(server.last("/v2/endpoint"));
  EXPECT_EQ(server.last("/v2/endpoint").method, "PUT");
  EXPECT_EQ(b.at("compute").at("scaling"), (json::object{{"maxReplica", 4}}));
  EXPECT_EQ(b.at("model"), (json::object{{"revision", "abc"}}));
  EXPECT_FALSE(b.contains("route"));
  EXPECT_EQ(updated.status, InferenceEndpointStatus::UPDATING);
  EXPECT_EQ(updated.revision, "abc");
  EXPECT_EQ(api.pause_inference_endpoint("ep").status, InferenceEndpointStatus::PAUSED);
  EXPECT_EQ(api.resume_inference_endpoint("ep").status, InferenceEndpointStatus::PENDING);
  EXPECT_EQ(api.scale_to_zero_inference_endpoint("ep").status, InferenceEndpointStatus::SCALED_TO_ZERO);
  api.delete_inference_endpoint("ep");
  EXPECT_EQ(server.last("/v2/endpoint").method, "DELETE");
  EXPECT_THROW(api.get_inference_endpoint("ep"), HfHubHttpError);
}

TEST_F(ComputeContract, ResumeAlreadyRunningIsOkUnlessAskedNotTo) {
  auto e = api.create_inference_endpoint("ep", endpoint_params());
  api.wait_for_inference_endpoint(e, {.refresh_every_seconds = 1});
  EXPECT_EQ(api.resume_inference_endpoint("ep").status, InferenceEndpointStatus::RUNNING);
  EXPECT_THROW(api.resume_inference_endpoint("ep", {.running_ok = false}), HfHubHttpError);
}

TEST_F(ComputeContract, WaitFailsOnFailedAndTimesOut) {
  auto e = api.create_inference_endpoint("ep", endpoint_params());
  EXPECT_THROW(api.wait_for_inference_endpoint(e, {.timeout_seconds = 0, .refresh_every_seconds = 1}),
               InferenceEndpointTimeoutError);
  e.status = InferenceEndpointStatus::FAILED;
  EXPECT_THROW(api.wait_for_inference_endpoint(e), InferenceEndpointError);
  EXPECT_THROW(api.wait_for_inference_endpoint(e, {.refresh_every_seconds = 0}), std::invalid_argument);
}

TEST_F(ComputeContract, Catalog) {
  auto all = api.list_inference_catalog();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].repo_id, "Qwen/Qwen2.5-Coder-7B-Instruct");
  EXPECT_EQ(all[0].recipes.at(0).engine, "vllm");
  auto tei = api.list_inference_catalog({.engine = "tei", .limit = 5});
  EXPECT_EQ(server.last("/api/v1/catalog").query, "engine=tei&limit=5");
  ASSERT_EQ(tei.size(), 1u);
  EXPECT_EQ(tei[0].recipes.at(0).revision, "main");
  auto e = api.create_inference_endpoint_from_catalog({.repo_id = "BAAI/bge-small-en-v1.5", .accelerator = "cpu"});
  auto r = server.last("/api/v1/catalog");
  EXPECT_EQ(r.path, "/api/v1/catalog/model/BAAI/bge-small-en-v1.5/deploy");
  EXPECT_EQ(body(r).at("namespace"), "alice");
  EXPECT_EQ(body(r).at("accelerator"), "cpu");
  EXPECT_EQ(e.name, "bge-small-en-v1.5");
  auto byrecipe = api.create_inference_endpoint_from_catalog({.recipe_id = "r-bge-tei", .name = "mine"});
  EXPECT_EQ(body(server.last("/api/v1/catalog")).at("config").at("name"), "mine");
  EXPECT_EQ(byrecipe.name, "mine");
  EXPECT_THROW(api.create_inference_endpoint_from_catalog({}), std::invalid_argument);
}

TEST_F(ComputeContract, WrongTokenIsUnauthorized) {
  auto o = options();
  o.token = "hf_wrong";
  HfApi other(o);
  EXPECT_THROW(other.list_jobs({.namespace_ = "alice"}), UnauthorizedError);
}

TEST_F(ComputeContract, HubHostsAreUsedForHuggingFaceCo) {
  // Nothing is sent: only where the calls would go is checked, through an endpoint override.
  ClientOptions o;
  EXPECT_EQ(o.endpoint, "https://huggingface.co");
  o.inference_endpoints_endpoint = server.url() + "/v2";
  o.inference_catalog_endpoint = server.url() + "/api/v1/catalog";
  o.token = ComputeContractServer::kToken;
  o.max_retries = 0;
  HfApi hub(o);
  EXPECT_EQ(hub.list_inference_catalog().size(), 2u);
  EXPECT_TRUE(hub.list_inference_endpoints({.namespace_ = "alice"}).empty());
}

}  // namespace
}  // namespace hfhub::testing
