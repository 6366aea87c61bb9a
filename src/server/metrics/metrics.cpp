#include "server/metrics/metrics.h"

namespace hfhub::server {

namespace {

constexpr std::array<std::string_view, 4> kRateBuckets = {"api", "resolvers", "pages", "other"};

int64_t get(const std::atomic<int64_t>& v) { return v.load(std::memory_order_relaxed); }

void header(std::string& out, std::string_view name, std::string_view type, std::string_view help) {
  out.append("# HELP ").append(name).append(" ").append(help).append("\n");
  out.append("# TYPE ").append(name).append(" ").append(type).append("\n");
}

void sample(std::string& out, std::string_view name, std::string_view labels, int64_t value) {
  out.append(name);
  if (!labels.empty()) out.append("{").append(labels).append("}");
  out.append(" ").append(std::to_string(value)).append("\n");
}

void single(std::string& out, std::string_view name, std::string_view type, std::string_view help, int64_t value) {
  header(out, name, type, help);
  sample(out, name, "", value);
}

std::string family_label(size_t f) { return "family=\"" + std::string(route_family_name(RouteFamily(f))) + "\""; }

}  // namespace

Metrics& metrics() {
  static Metrics instance;
  return instance;
}

void Metrics::request_done(const RequestDone& r) {
  auto& f = families_[size_t(route_family(r.route))];
  size_t status = r.status > 0 && size_t(r.status) < kStatuses ? size_t(r.status) : 0;
  add(f.by_status[status]);
  f.latency.observe(r.duration);
  add(f.bytes_in, r.bytes_in);
  add(f.bytes_out, r.bytes_out);
}

void Metrics::rate_limited(std::string_view bucket) {
  size_t i = 0;
  while (i + 1 < kRateBuckets.size() && kRateBuckets[i] != bucket) ++i;
  add(rate_limited_[i]);
}

uint64_t Metrics::requests() const {
  uint64_t n = 0;
  for (auto& f : families_) n += f.latency.count();
  return n;
}

void Metrics::render_requests(std::string& out) const {
  header(out, "hfhub_http_requests_total", "counter", "HTTP requests answered, by route family and status code.");
  for (size_t f = 0; f < kRouteFamilyCount; ++f)
    for (size_t s = 0; s < kStatuses; ++s)
      if (int64_t n = get(families_[f].by_status[s]))
        sample(out, "hfhub_http_requests_total", family_label(f) + ",code=\"" + std::to_string(s) + "\"", n);
  header(out, "hfhub_http_request_duration_seconds", "histogram",
         "Time from a request's complete header to the last byte of its response.");
  for (size_t f = 0; f < kRouteFamilyCount; ++f)
    families_[f].latency.render(out, "hfhub_http_request_duration_seconds", family_label(f));
  header(out, "hfhub_http_request_body_bytes_total", "counter", "Request body bytes received.");
  for (size_t f = 0; f < kRouteFamilyCount; ++f)
    sample(out, "hfhub_http_request_body_bytes_total", family_label(f), get(families_[f].bytes_in));
  header(out, "hfhub_http_response_body_bytes_total", "counter", "Response body bytes sent.");
  for (size_t f = 0; f < kRouteFamilyCount; ++f)
    sample(out, "hfhub_http_response_body_bytes_total", family_label(f), get(families_[f].bytes_out));
}

std::string Metrics::render() const {
  std::string out;
  out.reserve(16 * 1024);
  render_requests(out);
  single(out, "hfhub_http_connections_active", "gauge", "Open client connections.", get(connections_active_));
  single(out, "hfhub_http_connections_total", "counter", "Client connections accepted.", get(connections_opened_));
  header(out, "hfhub_rate_limited_requests_total", "counter",
         "Requests refused with 429 by the rate limiter, by bucket.");
  for (size_t i = 0; i < kRateBuckets.size(); ++i)
    sample(out, "hfhub_rate_limited_requests_total", "bucket=\"" + std::string(kRateBuckets[i]) + "\"",
           get(rate_limited_[i]));
  header(out, "hfhub_lfs_batch_objects_total", "counter", "Objects named in LFS batch requests, by operation.");
  sample(out, "hfhub_lfs_batch_objects_total", "operation=\"upload\"", get(lfs_batch_upload_));
  sample(out, "hfhub_lfs_batch_objects_total", "operation=\"download\"", get(lfs_batch_download_));
  single(out, "hfhub_lfs_objects_stored_total", "counter",
         "LFS objects stored by an upload (a basic PUT or a completed multipart upload).", get(lfs_objects_stored_));
  single(out, "hfhub_commits_total", "counter",
         "Commits written through the API (commits and a new repo's first files; not git pushes).", get(commits_));
  single(out, "hfhub_xet_xorbs_stored_total", "counter", "Xet xorbs stored by an upload (known ones excluded).",
         get(xet_xorbs_stored_));
  single(out, "hfhub_xet_xorb_bytes_stored_total", "counter", "Serialized bytes of the Xet xorbs stored.",
         get(xet_xorb_bytes_stored_));
  single(out, "hfhub_xet_shards_stored_total", "counter", "Xet shards accepted.", get(xet_shards_stored_));
  header(out, "hfhub_xet_dedup_queries_total", "counter", "Global-dedup chunk queries, by answer.");
  sample(out, "hfhub_xet_dedup_queries_total", "result=\"hit\"", get(xet_dedup_hits_));
  sample(out, "hfhub_xet_dedup_queries_total", "result=\"miss\"", get(xet_dedup_misses_));
  single(out, "hfhub_git_processes_running", "gauge", "git child processes running now.", get(git_running_));
  single(out, "hfhub_git_processes_started_total", "counter", "git child processes started.", get(git_started_));
  return out;
}

}  // namespace hfhub::server
