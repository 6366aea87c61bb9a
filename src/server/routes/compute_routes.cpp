// Compute (docs/compute.md): Jobs, scheduled Jobs, Inference Endpoints and the Inference Catalog
// need machines to run containers on, which hfhubd does not have. Their routes exist, at the paths
// huggingface_hub's HfApi calls, so a client gets a clear 501 NotImplemented naming the reason
// instead of a 404 that reads like a typo. On the real Hub the endpoints API lives on its own host
// (/v2/...) and the catalog on another (/api/v1/catalog/...); hfhubd answers both paths itself.
#include <array>
#include <string>

#include "server/model/domain_error.h"
#include "server/routes/route_table.h"

namespace hfhub::server {

namespace {

struct ComputeRoute {
  const char* method;
  const char* pattern;
};

// Every route of docs/endpoints.md#compute, as hf_api.py calls them.
constexpr std::array kRoutes{
    // Jobs: run_job / run_uv_job, list_jobs, list_jobs_hardware, inspect_job, cancel_job,
    // fetch_job_logs, fetch_job_metrics, rerun_job, update_job_expose, update_job_labels.
    ComputeRoute{"GET", "/api/jobs/hardware"},
    ComputeRoute{"POST", "/api/jobs/{namespace}"},
    ComputeRoute{"GET", "/api/jobs/{namespace}"},
    ComputeRoute{"GET", "/api/jobs/{namespace}/{id}"},
    ComputeRoute{"POST", "/api/jobs/{namespace}/{id}/cancel"},
    ComputeRoute{"GET", "/api/jobs/{namespace}/{id}/logs"},
    ComputeRoute{"GET", "/api/jobs/{namespace}/{id}/metrics"},
    ComputeRoute{"POST", "/api/jobs/{namespace}/{id}/duplicate"},
    ComputeRoute{"PUT", "/api/jobs/{namespace}/{id}/expose"},
    ComputeRoute{"PUT", "/api/jobs/{namespace}/{id}/labels"},
    // Scheduled Jobs: create (uv or not), list, inspect, delete, suspend, resume, schedule, run, labels.
    ComputeRoute{"POST", "/api/scheduled-jobs/{namespace}"},
    ComputeRoute{"GET", "/api/scheduled-jobs/{namespace}"},
    ComputeRoute{"GET", "/api/scheduled-jobs/{namespace}/{id}"},
    ComputeRoute{"DELETE", "/api/scheduled-jobs/{namespace}/{id}"},
    ComputeRoute{"POST", "/api/scheduled-jobs/{namespace}/{id}/suspend"},
    ComputeRoute{"POST", "/api/scheduled-jobs/{namespace}/{id}/resume"},
    ComputeRoute{"POST", "/api/scheduled-jobs/{namespace}/{id}/schedule"},
    ComputeRoute{"POST", "/api/scheduled-jobs/{namespace}/{id}/run"},
    ComputeRoute{"PUT", "/api/scheduled-jobs/{namespace}/{id}/labels"},
    // Inference Endpoints (api.endpoints.huggingface.cloud/v2 on the Hub).
    ComputeRoute{"GET", "/v2/endpoint/{namespace}"},
    ComputeRoute{"POST", "/v2/endpoint/{namespace}"},
    ComputeRoute{"GET", "/v2/endpoint/{namespace}/{name}"},
    ComputeRoute{"PUT", "/v2/endpoint/{namespace}/{name}"},
    ComputeRoute{"DELETE", "/v2/endpoint/{namespace}/{name}"},
    ComputeRoute{"POST", "/v2/endpoint/{namespace}/{name}/pause"},
    ComputeRoute{"POST", "/v2/endpoint/{namespace}/{name}/resume"},
    ComputeRoute{"POST", "/v2/endpoint/{namespace}/{name}/scale-to-zero"},
    ComputeRoute{"GET", "/v2/provider/{namespace}"},
    // Inference Catalog (endpoints.huggingface.co/api/v1/catalog on the Hub).
    ComputeRoute{"GET", "/api/v1/catalog/list"},
    ComputeRoute{"POST", "/api/v1/catalog/model/{repo:repo}/deploy"},
    ComputeRoute{"POST", "/api/v1/catalog/recipe/{id}/deploy"},
};

Response no_compute(const Call& c) {
  // Like the Hub, these APIs are for signed-in callers only: an anonymous client is asked for a
  // token first, so `hf auth login` is the advice it gets before the 501.
  if (!c.caller) throw DomainError(ErrorKind::Unauthorized);
  throw DomainError(ErrorKind::NotImplemented,
                    "hfhubd has no compute: Jobs, scheduled Jobs, Inference Endpoints and the Inference Catalog "
                    "are not available on this server (docs/compute.md)");
}

}  // namespace

void add_compute_routes(RouteTable& t) {
  for (const auto& r : kRoutes) t.add(r.method, r.pattern, no_compute);
}

}  // namespace hfhub::server
