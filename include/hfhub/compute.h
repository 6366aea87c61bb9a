#pragma once
// Compute as Python's huggingface_hub models it (docs/compute.md): Jobs (JobInfo, JobStatus,
// JobSpec, ScheduledJobInfo), Inference Endpoints (InferenceEndpoint and its status) and the
// Inference Catalog (InferenceCatalogModel). hfhubd answers these APIs with 501; the methods of
// HfApi that use them are for the real Hub, whose documented shapes are parsed here.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hfhub/errors.h"
#include "hfhub/repo_content.h"

namespace hfhub {

// ---- Jobs ----

// Python's JobStage values: the stage strings the Hub sends.
namespace JobStage {
inline constexpr std::string_view COMPLETED = "COMPLETED";
inline constexpr std::string_view CANCELED = "CANCELED";
inline constexpr std::string_view ERROR = "ERROR";
inline constexpr std::string_view DELETED = "DELETED";
inline constexpr std::string_view SCHEDULING = "SCHEDULING";
inline constexpr std::string_view RUNNING = "RUNNING";
}  // namespace JobStage

// COMPLETED, CANCELED, ERROR or DELETED: the Job will not change any more.
bool is_terminal_job_stage(std::string_view stage);

struct JobStatus {
  std::string stage;  // a JobStage value (unknown stages are kept as sent)
  std::optional<std::string> message;
  std::optional<std::vector<std::string>> expose_urls;
  std::optional<std::string> ssh_url;
};

struct JobOwner {
  std::string id;
  std::string name;
  std::string type;  // "user" | "org"
};

struct JobInitiator {
  std::string type;  // "user", "org", "scheduled-job", "duplicated-job"
  std::string id;
  std::optional<std::string> name;
};

struct JobDurations {
  std::optional<int64_t> scheduling_secs;
  std::optional<int64_t> running_secs;
  std::optional<int64_t> total_secs;
};

// A volume mounted in a Job's container (Python's Volume).
struct Volume {
  std::string type;    // "bucket", "model", "dataset", "space"
  std::string source;  // "user/my-bucket", "user/my-model"
  std::string mount_path;
  std::optional<std::string> revision;
  std::optional<bool> read_only;
  std::optional<std::string> path;
};

struct JobInfo {
  std::string id;
  std::optional<std::string> created_at;  // ISO 8601 as sent
  std::optional<std::string> started_at;
  std::optional<std::string> finished_at;
  std::optional<std::string> docker_image;
  std::optional<std::string> space_id;
  std::optional<std::vector<std::string>> command;
  std::optional<std::vector<std::string>> arguments;
  std::optional<std::map<std::string, std::string>> environment;
  std::optional<std::map<std::string, std::string>> secrets;
  std::optional<std::string> flavor;
  std::optional<std::map<std::string, std::string>> labels;
  std::optional<std::vector<Volume>> volumes;
  JobStatus status;
  std::optional<JobDurations> durations;
  JobOwner owner;
  std::optional<JobInitiator> initiator;
  std::optional<int64_t> retry;
  std::optional<std::vector<int64_t>> expose;
  std::optional<std::vector<int64_t>> expose_public;
  std::string endpoint;  // the Hub this came from
  std::string url;       // "{endpoint}/jobs/{owner.name}/{id}"
  std::string raw_json;
};

// What a scheduled Job runs (Python's JobSpec).
struct JobSpec {
  std::optional<std::string> docker_image;
  std::optional<std::string> space_id;
  std::optional<std::vector<std::string>> command;
  std::optional<std::vector<std::string>> arguments;
  std::optional<std::map<std::string, std::string>> environment;
  std::optional<std::map<std::string, std::string>> secrets;
  std::optional<std::string> flavor;
  std::optional<int64_t> timeout;  // seconds
  std::optional<std::map<std::string, std::string>> labels;
  std::optional<std::vector<Volume>> volumes;
};

struct LastJobInfo {
  std::string id;
  std::string at;
};

struct ScheduledJobStatus {
  std::optional<LastJobInfo> last_job;
  std::optional<std::string> next_job_run_at;
};

struct ScheduledJobInfo {
  std::string id;
  std::optional<std::string> created_at;
  JobSpec job_spec;
  std::optional<std::string> schedule;
  std::optional<bool> suspend;
  std::optional<bool> concurrency;
  ScheduledJobStatus status;
  JobOwner owner;
  std::string raw_json;
};

// Every call takes the namespace (nullopt: the caller's own, from whoami like Python) and the
// per-call token/endpoint overrides.
struct JobCall {
  std::optional<std::string> namespace_;
  CallOverrides call;
};

// What run_job / create_scheduled_job send (Python's keyword arguments of the same names).
struct JobParams {
  std::map<std::string, std::string> env;
  std::map<std::string, std::string> secrets;
  std::optional<std::string> flavor;   // default "cpu-basic"
  std::optional<std::string> timeout;  // seconds, or "90s", "5m", "2h", "1d"
  std::optional<int64_t> attempts;
  std::optional<std::string> name;  // sent as the "name" label
  std::map<std::string, std::string> labels;
  std::vector<Volume> volumes;
  std::vector<int64_t> expose;
  std::vector<int64_t> expose_public;
  bool ssh = false;
  std::optional<std::string> namespace_;
  CallOverrides call;
};

// run_uv_job: the script is a URL or a command; Python's upload of local scripts to a bucket is
// not done (docs/compute.md#uv-jobs): a local file path is refused with std::invalid_argument.
struct UvJobParams : JobParams {
  std::vector<std::string> script_args;
  std::vector<std::string> dependencies;
  std::optional<std::string> python;
  std::optional<std::string> image;  // default ghcr.io/astral-sh/uv:python3.12-bookworm
};

struct ListJobsParams {
  std::vector<std::string> statuses;  // stage filter, sent upper-case
  std::map<std::string, std::string> labels;
  std::optional<std::string> namespace_;
  CallOverrides call;
};

struct FetchJobLogsParams {
  // Python's `follow`: keep reading while the Job runs. The call returns when the Hub ends the
  // stream; without follow a running Job's stream is read for at most `timeout`.
  bool follow = false;
  std::optional<int64_t> tail;
  std::optional<std::string> namespace_;
  CallOverrides call;
};

struct ScheduledJobParams : JobParams {
  std::optional<bool> suspend;
  std::optional<bool> concurrency;
};

struct ScheduledUvJobParams : UvJobParams {
  std::optional<bool> suspend;
  std::optional<bool> concurrency;
};

// ---- Inference Endpoints ----

// Python's InferenceEndpointStatus values.
namespace InferenceEndpointStatus {
inline constexpr std::string_view PENDING = "pending";
inline constexpr std::string_view INITIALIZING = "initializing";
inline constexpr std::string_view UPDATING = "updating";
inline constexpr std::string_view UPDATE_FAILED = "updateFailed";
inline constexpr std::string_view RUNNING = "running";
inline constexpr std::string_view PAUSED = "paused";
inline constexpr std::string_view FAILED = "failed";
inline constexpr std::string_view SCALED_TO_ZERO = "scaledToZero";
}  // namespace InferenceEndpointStatus

struct InferenceEndpoint {
  std::string name;
  std::string namespace_;
  std::string repository;
  std::string status;  // an InferenceEndpointStatus value
  std::string health_route;
  std::optional<std::string> url;  // set once deployed
  std::string framework;
  std::string revision;
  std::string task;
  std::string created_at;
  std::string updated_at;
  std::string type;  // "public" | "authenticated" | "private"
  std::string raw_json;
};

struct EndpointCall {
  std::optional<std::string> namespace_;
  CallOverrides call;
};

struct CreateInferenceEndpointParams {
  std::string repository;
  std::string framework;
  std::string accelerator;
  std::string instance_size;
  std::string instance_type;
  std::string region;
  std::string vendor;
  int64_t min_replica = 1;
  int64_t max_replica = 1;
  std::optional<std::string> scaling_metric;  // "pendingRequests" | "hardwareUsage"
  std::optional<double> scaling_threshold;
  std::optional<int64_t> scale_to_zero_timeout;
  std::optional<std::string> revision;
  std::optional<std::string> task;
  std::optional<std::string> custom_image_json;  // Python's custom_image dict, as JSON text
  std::optional<std::vector<std::string>> container_command;
  std::optional<std::vector<std::string>> container_args;
  std::map<std::string, std::string> env;
  std::map<std::string, std::string> secrets;
  std::string type = "authenticated";
  std::optional<std::string> domain;
  std::optional<std::string> path;
  std::optional<bool> cache_http_responses;
  std::optional<std::vector<std::string>> tags;
  std::optional<std::string> namespace_;
  CallOverrides call;
};

// update_inference_endpoint: only the fields that are set are sent.
struct UpdateInferenceEndpointParams {
  std::optional<std::string> accelerator;
  std::optional<std::string> instance_size;
  std::optional<std::string> instance_type;
  std::optional<int64_t> min_replica;
  std::optional<int64_t> max_replica;
  std::optional<int64_t> scale_to_zero_timeout;
  std::optional<std::string> scaling_metric;
  std::optional<double> scaling_threshold;
  std::optional<std::string> repository;
  std::optional<std::string> framework;
  std::optional<std::string> revision;
  std::optional<std::string> task;
  std::optional<std::string> custom_image_json;
  std::optional<std::vector<std::string>> container_command;
  std::optional<std::vector<std::string>> container_args;
  std::optional<std::map<std::string, std::string>> env;
  std::optional<std::map<std::string, std::string>> secrets;
  std::optional<std::string> domain;
  std::optional<std::string> path;
  std::optional<bool> cache_http_responses;
  std::optional<std::vector<std::string>> tags;
  std::optional<std::string> namespace_;
  CallOverrides call;
};

struct ResumeInferenceEndpointParams {
  std::optional<std::string> namespace_;
  bool running_ok = true;  // a 400 "already running" returns the endpoint instead of throwing
  CallOverrides call;
};

// InferenceEndpoint.wait(): polls get_inference_endpoint until the endpoint is running and its
// health route answers 200. Throws InferenceEndpointError when it failed, and
// InferenceEndpointTimeoutError after `timeout_seconds`.
struct WaitInferenceEndpointParams {
  std::optional<int64_t> timeout_seconds;
  int64_t refresh_every_seconds = 5;
};

// Python's InferenceEndpointError (failed to deploy or update) and InferenceEndpointTimeoutError.
class InferenceEndpointError : public HfHubError {
 public:
  using HfHubError::HfHubError;
};
class InferenceEndpointTimeoutError : public InferenceEndpointError {
 public:
  using InferenceEndpointError::InferenceEndpointError;
};

// ---- Inference Catalog ----

struct InferenceCatalogRecipe {
  std::string id;
  std::string accelerator;
  std::string engine;
  std::optional<std::string> gguf_file;
  std::optional<std::string> revision;
};

struct InferenceCatalogModel {
  std::string repo_id;
  std::string name;
  std::string author;
  std::string license;
  std::string task;
  std::string created_at;
  std::vector<InferenceCatalogRecipe> recipes;
};

struct ListInferenceCatalogParams {
  std::optional<std::string> accelerator;
  std::optional<std::string> engine;
  std::optional<std::string> license;
  std::optional<std::string> task;
  std::optional<std::string> search;
  std::optional<int64_t> limit;
  CallOverrides call;
};

// create_inference_endpoint_from_catalog: exactly one of repo_id / recipe_id.
struct CatalogDeployParams {
  std::optional<std::string> repo_id;
  std::optional<std::string> recipe_id;
  std::optional<std::string> name;
  std::optional<std::string> accelerator;  // repo_id only
  std::optional<std::string> gguf_file;    // repo_id only
  std::optional<std::string> namespace_;
  CallOverrides call;
};

}  // namespace hfhub
