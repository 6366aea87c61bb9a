#include "server/app/application.h"

#include "common/rate_limit_header.h"
#include "server/app/failure_response.h"
#include "server/metrics/metrics.h"
#include "server/model/domain_error.h"
#include "server/stores/store_error.h"
#include "server/web/web_response.h"
#include "server/web/web_routes.h"

namespace hfhub::server {

namespace {

// Browser clients (the JS library in a page) may only read headers listed here.
constexpr const char* kExposedHeaders =
    "X-Repo-Commit,X-Request-Id,X-Error-Code,X-Error-Message,X-Total-Count,ETag,Link,Accept-Ranges,Content-Range,"
    "X-Linked-Etag,X-Linked-Size,Content-Disposition,RateLimit,RateLimit-Policy,Retry-After,X-Xet-Hash,"
    "X-Xet-Access-Token,X-Xet-Token-Expiration,X-Xet-Refresh-Route,X-Xet-Cas-Url";

void add_rate_headers(Response& res, const RateDecision& d, int64_t window) {
  auto bucket = std::string(rate_bucket_name(d.bucket));
  res.set("RateLimit", format_rate_limit({bucket, d.remaining, d.reset_seconds}));
  res.set("RateLimit-Policy", format_rate_limit_policy({bucket, d.quota, window}));
}

DomainError rate_limited(const RateDecision& d) {
  metrics().rate_limited(rate_bucket_name(d.bucket));
  return DomainError(ErrorKind::RateLimited, "You have exceeded the rate limit for " +
                                                 std::string(rate_bucket_name(d.bucket)) + " requests. Retry after " +
                                                 std::to_string(d.reset_seconds) + " seconds.")
      .with_header("Retry-After", std::to_string(d.reset_seconds));
}

bool is_cas_path(std::string_view path) { return path.starts_with("/xet/") || path == "/v1/telemetry"; }

Response preflight() {
  // CORS preflight: browsers ask before sending Authorization from another origin.
  auto res = Response::text("", 204);
  res.set("Access-Control-Allow-Methods", "GET, HEAD, POST, PUT, DELETE, OPTIONS");
  res.set("Access-Control-Allow-Headers", "Authorization, Content-Type, Range, X-Request-Id, X-Xet-Session-Id");
  res.set("Access-Control-Max-Age", "86400");
  return res;
}

// Runs one step of the pipeline, turning whatever it throws into the response clients expect.
template <class Step>
std::optional<Response> guarded(const Request& request, Step&& step) noexcept {
  try {
    return step();
  } catch (...) {
    // A browser asking for a page (not the API) gets the error as a page (docs/web.md#errors).
    auto failure = failure_response(request);
    try {
      return html_error_page_for(request, failure);
    } catch (...) {
      return failure;  // the JSON answer stands when the page cannot be rendered
    }
  }
}

}  // namespace

// What admission learnt about a request, kept for its handler.
struct Application::Admitted {
  Caller caller;
  std::optional<RateDecision> decision;
  AdmittedRoute route;
};

Application::Application(ServerConfig config)
    : client_address_(config.trusted_proxies), context_(std::make_unique<AppContext>(std::move(config))) {
  // Specific paths first: /api/{type} would otherwise claim /api/metrics and friends.
  add_account_routes(routes_);
  add_webhook_routes(routes_);
  add_token_routes(routes_);
  // 501s (docs/compute.md): /api/jobs/... before /api/{type}/{repo} and /api/{type}/{repo}/duplicate.
  add_compute_routes(routes_);
  add_unbuilt_routes(routes_);  // 501s (docs/endpoints.md#not-served), before the wider patterns
  add_space_routes(routes_);  // Space settings (docs/spaces.md): before the wider /api/{type}/{repo}
  add_collection_routes(routes_);
  add_paper_routes(routes_);  // /api/papers/... before the catalog's /api/{type}/{repo}
  add_cas_routes(routes_);
  add_taxonomy_routes(routes_);
  add_repo_routes(routes_);
  add_browse_routes(routes_);
  add_commit_routes(routes_);
  add_discussion_routes(routes_);
  add_xet_token_routes(routes_);
  add_lfs_routes(routes_);
  add_social_routes(routes_);          // before catalog_routes too
  add_access_request_routes(routes_);  // before catalog_routes, whose /api/{type}/{repo} is wider
  add_catalog_routes(routes_);
  // Web-style paths (/{repo}/resolve/..., /{repo}.git/...) last: their patterns are the widest.
  add_file_routes(routes_);
  add_git_http_routes(routes_);
  // The web UI (docs/web.md) after every API, resolve and git route: a page never takes their paths.
  add_web_routes(routes_);
}

Admission Application::admit(Request& request) {
  auto admitted = std::make_shared<Admitted>();
  auto answer = guarded(request, [&] { return admit_headers(request, *admitted); });
  if (answer) return Admission::answered(finish(std::move(*answer), *admitted));
  Admission out;
  out.body_limit = admitted->route.body_limit;
  out.lane = admitted->route.lane;
  out.handle = [this, admitted](Request& request) {
    auto res = guarded(request, [&] {
      return std::optional(routes_.run(admitted->route, request, admitted->caller, context_->route_services()));
    });
    return finish(std::move(*res), *admitted);
  };
  return out;
}

Admission Application::admit_cas(Request& request) {
  // The same routes as /xet/... on the main port; any other path ends up a 404 under /xet.
  request.path.insert(0, "/xet");
  request.target.insert(0, "/xet");
  return admit(request);
}

Response Application::handle(Request& request) {
  auto admission = admit(request);
  return admission.answer ? std::move(*admission.answer) : admission.handle(request);
}

// Query, preflight, authentication, rate limit and route: nullopt when the request goes on to
// its handler, else the answer.
std::optional<Response> Application::admit_headers(Request& request, Admitted& admitted) {
  auto query = QueryParams::parse(request.query_string);
  if (!query) throw DomainError(ErrorKind::BadRequest, "Malformed percent-encoding in query string");
  request.query = std::move(*query);
  if (request.method == "OPTIONS") return preflight();

  request.remote_address = client_address_.resolve(request.remote_address, request.header("x-forwarded-for").value_or(""));
  auto bucket = rate_bucket_for_path(request.path);
  try {
    // The Xet CAS checks its own tokens (docs/xet.md#tokens): a Xet token is no Hub token.
    if (!is_cas_path(request.path)) admitted.caller = context_->auth().authenticate(request.header("authorization"));
  } catch (const DomainError&) {
    // Rejected credentials count against the client address, so guessing tokens is throttled.
    admitted.decision = context_->rate_limiter().take(bucket, "ip:" + request.remote_address, false);
    if (!admitted.decision->allowed) throw rate_limited(*admitted.decision);
    throw;
  }
  const auto& caller = admitted.caller;
  if (caller) request.user = caller->user.name;
  auto key = caller ? "u:" + caller->user.name : "ip:" + request.remote_address;
  admitted.decision = context_->rate_limiter().take(bucket, key, caller.has_value());
  if (!admitted.decision->allowed) throw rate_limited(*admitted.decision);
  admitted.route = routes_.admit(request, caller, context_->route_services());
  return std::nullopt;
}

Response Application::finish(Response res, const Admitted& admitted) const {
  if (admitted.decision) add_rate_headers(res, *admitted.decision, context_->rate_limiter().config().window_seconds);
  res.set("Access-Control-Allow-Origin", "*");
  res.set("Access-Control-Expose-Headers", kExposedHeaders);
  return res;
}

}  // namespace hfhub::server
