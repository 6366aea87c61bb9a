// HfApi's compute methods (docs/compute.md): Jobs, scheduled Jobs, Inference Endpoints and the
// Inference Catalog, with Python's names and semantics. A namespace left unset is the caller's
// own name from whoami, as Python resolves it.
#include <chrono>

#include "client/api/account.h"
#include "client/api/inference_endpoints.h"
#include "client/api/jobs.h"
#include "client/hf_api_impl.h"
#include "hfhub/hf_api.h"

namespace hfhub {

namespace {

std::string resolve_namespace(client::Session& s, const std::optional<std::string>& ns) {
  return ns ? *ns : client::whoami(s).name;
}

}  // namespace

JobInfo HfApi::run_job(std::string_view image, const std::vector<std::string>& command, const JobParams& p) const {
  auto spec = client::job_spec_json(image, command, p);  // validates before any request
  auto s = impl_->session_for(p.call);
  return client::run_job(*s, resolve_namespace(*s, p.namespace_), spec);
}

JobInfo HfApi::run_uv_job(std::string_view script, const UvJobParams& p) const {
  auto command = client::uv_command(script, p);
  return run_job(p.image.value_or("ghcr.io/astral-sh/uv:python3.12-bookworm"), command, p);
}

std::vector<JobInfo> HfApi::list_jobs(const ListJobsParams& p) const {
  auto s = impl_->session_for(p.call);
  return client::list_jobs(*s, resolve_namespace(*s, p.namespace_), p);
}

JobInfo HfApi::inspect_job(std::string_view job_id, const JobCall& c) const {
  auto s = impl_->session_for(c.call);
  return client::inspect_job(*s, resolve_namespace(*s, c.namespace_), job_id);
}

void HfApi::cancel_job(std::string_view job_id, const JobCall& c) const {
  auto s = impl_->session_for(c.call);
  client::cancel_job(*s, resolve_namespace(*s, c.namespace_), job_id);
}

std::vector<std::string> HfApi::fetch_job_logs(std::string_view job_id, const FetchJobLogsParams& p) const {
  auto s = impl_->session_for(p.call);
  return client::fetch_job_logs(*s, resolve_namespace(*s, p.namespace_), job_id, p);
}

ScheduledJobInfo HfApi::create_scheduled_job(std::string_view image, const std::vector<std::string>& command,
                                             std::string_view schedule, const ScheduledJobParams& p) const {
  auto spec = client::job_spec_json(image, command, p);
  auto s = impl_->session_for(p.call);
  return client::create_scheduled_job(*s, resolve_namespace(*s, p.namespace_), std::move(spec), schedule, p.suspend,
                                      p.concurrency);
}

ScheduledJobInfo HfApi::create_scheduled_uv_job(std::string_view script, std::string_view schedule,
                                                const ScheduledUvJobParams& p) const {
  auto spec = client::job_spec_json(p.image.value_or("ghcr.io/astral-sh/uv:python3.12-bookworm"),
                                    client::uv_command(script, p), p);
  auto s = impl_->session_for(p.call);
  return client::create_scheduled_job(*s, resolve_namespace(*s, p.namespace_), std::move(spec), schedule, p.suspend,
                                      p.concurrency);
}

std::vector<ScheduledJobInfo> HfApi::list_scheduled_jobs(const JobCall& c) const {
  auto s = impl_->session_for(c.call);
  return client::list_scheduled_jobs(*s, resolve_namespace(*s, c.namespace_));
}

ScheduledJobInfo HfApi::inspect_scheduled_job(std::string_view id, const JobCall& c) const {
  auto s = impl_->session_for(c.call);
  return client::inspect_scheduled_job(*s, resolve_namespace(*s, c.namespace_), id);
}

void HfApi::delete_scheduled_job(std::string_view id, const JobCall& c) const {
  auto s = impl_->session_for(c.call);
  client::delete_scheduled_job(*s, resolve_namespace(*s, c.namespace_), id);
}

void HfApi::suspend_scheduled_job(std::string_view id, const JobCall& c) const {
  auto s = impl_->session_for(c.call);
  client::set_scheduled_job_suspended(*s, resolve_namespace(*s, c.namespace_), id, true);
}

void HfApi::resume_scheduled_job(std::string_view id, const JobCall& c) const {
  auto s = impl_->session_for(c.call);
  client::set_scheduled_job_suspended(*s, resolve_namespace(*s, c.namespace_), id, false);
}

std::vector<InferenceEndpoint> HfApi::list_inference_endpoints(const EndpointCall& c) const {
  auto s = impl_->session_for(c.call);
  if (c.namespace_ != "*") return client::list_inference_endpoints(*s, resolve_namespace(*s, c.namespace_));
  // "*": the caller's own and every org's; an org without billing or access (401) is skipped.
  auto user = client::whoami(*s);
  auto out = client::list_inference_endpoints(*s, user.name);
  for (auto& org : user.orgs) {
    try {
      auto more = client::list_inference_endpoints(*s, org.name);
      out.insert(out.end(), more.begin(), more.end());
    } catch (const HfHubHttpError& e) {
      if (e.status() != 401) throw;
    }
  }
  return out;
}

InferenceEndpoint HfApi::create_inference_endpoint(std::string_view name,
                                                   const CreateInferenceEndpointParams& p) const {
  auto body = client::create_endpoint_json(name, p);
  auto s = impl_->session_for(p.call);
  return client::create_inference_endpoint(*s, resolve_namespace(*s, p.namespace_), body);
}

InferenceEndpoint HfApi::create_inference_endpoint_from_catalog(const CatalogDeployParams& p) const {
  auto s = impl_->session_for(p.call);
  if (!s->options().token) throw std::invalid_argument("create_inference_endpoint_from_catalog needs a token");
  return client::deploy_from_catalog(*s, resolve_namespace(*s, p.namespace_), p);
}

InferenceEndpoint HfApi::get_inference_endpoint(std::string_view name, const EndpointCall& c) const {
  auto s = impl_->session_for(c.call);
  return client::get_inference_endpoint(*s, resolve_namespace(*s, c.namespace_), name);
}

InferenceEndpoint HfApi::update_inference_endpoint(std::string_view name,
                                                   const UpdateInferenceEndpointParams& p) const {
  auto body = client::update_endpoint_json(p);
  auto s = impl_->session_for(p.call);
  return client::update_inference_endpoint(*s, resolve_namespace(*s, p.namespace_), name, body);
}

void HfApi::delete_inference_endpoint(std::string_view name, const EndpointCall& c) const {
  auto s = impl_->session_for(c.call);
  client::delete_inference_endpoint(*s, resolve_namespace(*s, c.namespace_), name);
}

InferenceEndpoint HfApi::pause_inference_endpoint(std::string_view name, const EndpointCall& c) const {
  auto s = impl_->session_for(c.call);
  return client::endpoint_action(*s, resolve_namespace(*s, c.namespace_), name, "pause");
}

InferenceEndpoint HfApi::resume_inference_endpoint(std::string_view name,
                                                   const ResumeInferenceEndpointParams& p) const {
  auto s = impl_->session_for(p.call);
  return client::endpoint_action(*s, resolve_namespace(*s, p.namespace_), name, "resume", p.running_ok);
}

InferenceEndpoint HfApi::scale_to_zero_inference_endpoint(std::string_view name, const EndpointCall& c) const {
  auto s = impl_->session_for(c.call);
  return client::endpoint_action(*s, resolve_namespace(*s, c.namespace_), name, "scale-to-zero");
}

InferenceEndpoint HfApi::wait_for_inference_endpoint(const InferenceEndpoint& endpoint,
                                                     const WaitInferenceEndpointParams& p) const {
  if (p.timeout_seconds && *p.timeout_seconds < 0) throw std::invalid_argument("`timeout` cannot be negative.");
  if (p.refresh_every_seconds <= 0) throw std::invalid_argument("`refresh_every` must be positive.");
  auto& s = *impl_->session;
  auto start = std::chrono::steady_clock::now();
  int64_t slept = 0;  // counted too, so an injected sleep (tests) advances the timeout
  auto current = endpoint;
  while (true) {
    if (current.status == InferenceEndpointStatus::FAILED)
      throw InferenceEndpointError("Inference Endpoint " + current.name + " failed to deploy.");
    if (current.status == InferenceEndpointStatus::UPDATE_FAILED)
      throw InferenceEndpointError("Inference Endpoint " + current.name + " failed to update.");
    if (current.status == InferenceEndpointStatus::RUNNING && client::endpoint_healthy(s, current)) return current;
    auto real = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - start).count();
    if (p.timeout_seconds && std::max<int64_t>(real, slept) > *p.timeout_seconds)
      throw InferenceEndpointTimeoutError("Timeout while waiting for Inference Endpoint to be deployed.");
    s.sleep(std::chrono::seconds(p.refresh_every_seconds));
    slept += p.refresh_every_seconds;
    current = client::get_inference_endpoint(s, current.namespace_, current.name);
  }
}

std::vector<InferenceCatalogModel> HfApi::list_inference_catalog(const ListInferenceCatalogParams& p) const {
  auto s = impl_->session_for(p.call);
  return client::list_inference_catalog(*s, p);
}

void HfApi::submit_background(std::function<void(const HfApi&)> task) const {
  std::call_once(impl_->futures_started,
                 [&] { impl_->futures = std::make_unique<client::FuturePool>(options(), options().future_workers); });
  impl_->futures->submit(std::move(task));
}

}  // namespace hfhub
