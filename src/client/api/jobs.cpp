#include "client/api/jobs.h"

#include <charconv>
#include <filesystem>
#include <stdexcept>

#include "client/api/compute_json.h"
#include "client/api/pagination.h"
#include "client/http/url.h"
#include "client/json/json_fields.h"
#include "hfhub/errors.h"

namespace hfhub::client {

namespace json = boost::json;

namespace {

constexpr std::string_view kDefaultUvImage = "ghcr.io/astral-sh/uv:python3.12-bookworm";
// An image named by a Space runs that Space's image (Python's _SPACE_IMAGE_PREFIXES).
constexpr std::string_view kSpacePrefixes[] = {"https://huggingface.co/spaces/", "https://hf.co/spaces/",
                                               "huggingface.co/spaces/", "hf.co/spaces/"};

std::string seg(std::string_view s) {
  if (s.empty()) throw std::invalid_argument("empty namespace or id");
  return encode_revision(s);
}

std::string jobs_path(std::string_view ns) { return "/api/jobs/" + seg(ns); }
std::string job_path(std::string_view ns, std::string_view id) { return jobs_path(ns) + "/" + seg(id); }
std::string scheduled_path(std::string_view ns) { return "/api/scheduled-jobs/" + seg(ns); }
std::string scheduled_path(std::string_view ns, std::string_view id) { return scheduled_path(ns) + "/" + seg(id); }

json::array ports_json(const std::vector<int64_t>& ports) {
  json::array out;
  for (auto p : ports) {
    bool seen = false;
    for (auto& q : out) seen = seen || q.as_int64() == p;
    if (!seen) out.push_back(p);
  }
  return out;
}

void add_optional_spec_fields(json::object& spec, const JobParams& p) {
  if (!p.secrets.empty()) spec["secrets"] = string_map_json(p.secrets);
  if (p.timeout) spec["timeoutSeconds"] = parse_job_timeout(*p.timeout);
  if (p.attempts) spec["attempts"] = *p.attempts;
  auto labels = p.labels;
  if (p.name) {
    if (labels.count("name")) throw std::invalid_argument("`name` and the `name` key in `labels` cannot both be given");
    labels["name"] = *p.name;
  }
  if (!labels.empty()) spec["labels"] = string_map_json(labels);
  if (!p.volumes.empty()) spec["volumes"] = volumes_json(p.volumes);
  if (!p.expose.empty() || !p.expose_public.empty()) {
    auto all = p.expose;
    all.insert(all.end(), p.expose_public.begin(), p.expose_public.end());
    spec["expose"] = json::object{{"ports", ports_json(all)}, {"portsPublic", ports_json(p.expose_public)}};
  }
  if (p.ssh) spec["ssh"] = json::object{{"enabled", true}};
}

JobInfo job_of(const HttpResponse& r, std::string_view url, std::string_view endpoint) {
  return parse_job_info(parse_json_body(r, url), endpoint);
}

}  // namespace

int64_t parse_job_timeout(std::string_view t) {
  int64_t factor = 1;
  if (!t.empty()) {
    switch (t.back()) {
      case 's':
        factor = 1;
        t.remove_suffix(1);
        break;
      case 'm':
        factor = 60;
        t.remove_suffix(1);
        break;
      case 'h':
        factor = 3600;
        t.remove_suffix(1);
        break;
      case 'd':
        factor = 86400;
        t.remove_suffix(1);
        break;
      default:
        break;
    }
  }
  double value = 0;
  auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), value);
  if (t.empty() || ec != std::errc{} || p != t.data() + t.size() || value < 0)
    throw std::invalid_argument("invalid job timeout: " + std::string(t));
  return int64_t(value * double(factor));
}

json::object job_spec_json(std::string_view image, const std::vector<std::string>& command, const JobParams& p) {
  json::object spec{{"command", string_list_json(command)},
                    {"arguments", json::array{}},
                    {"environment", string_map_json(p.env)},
                    {"flavor", p.flavor.value_or("cpu-basic")}};
  add_optional_spec_fields(spec, p);
  for (auto prefix : kSpacePrefixes) {
    if (image.starts_with(prefix)) {
      spec["spaceId"] = std::string(image.substr(prefix.size()));
      return spec;
    }
  }
  spec["dockerImage"] = std::string(image);
  return spec;
}

std::vector<std::string> uv_command(std::string_view script, const UvJobParams& p) {
  std::vector<std::string> all{std::string(script)};
  all.insert(all.end(), p.script_args.begin(), p.script_args.end());
  for (auto& c : all) {
    std::error_code ec;
    if (!c.starts_with("http://") && !c.starts_with("https://") && std::filesystem::is_regular_file(c, ec))
      throw std::invalid_argument("run_uv_job: local file '" + c +
                                  "' would need an upload to a bucket, which libhfhub does not do; pass a URL");
  }
  std::vector<std::string> cmd{"uv", "run"};
  for (auto& d : p.dependencies) cmd.insert(cmd.end(), {"--with", d});
  if (p.python) cmd.insert(cmd.end(), {"--python", *p.python});
  cmd.insert(cmd.end(), all.begin(), all.end());
  return cmd;
}

JobInfo run_job(Session& s, std::string_view ns, const json::object& spec) {
  auto url = s.url(jobs_path(ns));
  return job_of(s.send_json("POST", url, spec), url, s.options().endpoint);
}

std::vector<JobInfo> list_jobs(Session& s, std::string_view ns, const ListJobsParams& p) {
  Query q;
  for (auto& stage : p.statuses) {
    std::string up = stage;
    for (auto& c : up) c = char(std::toupper(static_cast<unsigned char>(c)));
    q.add("stage", up);
  }
  for (auto& [k, v] : p.labels) q.add("label", k + "=" + v);
  // PageCursor wants a shared session; this one outlives the loop.
  PageCursor cursor(std::shared_ptr<Session>(&s, [](Session*) {}), q.append_to(s.url(jobs_path(ns))));
  std::vector<JobInfo> out;
  while (auto page = cursor.next())
    for (auto& item : page->items) out.push_back(parse_job_info(item, s.options().endpoint));
  return out;
}

JobInfo inspect_job(Session& s, std::string_view ns, std::string_view job_id) {
  auto url = s.url(job_path(ns, job_id));
  return job_of(s.get(url), url, s.options().endpoint);
}

void cancel_job(Session& s, std::string_view ns, std::string_view job_id) {
  s.send(HttpRequest{"POST", s.url(job_path(ns, job_id) + "/cancel"), {}, {}});
}

std::vector<std::string> fetch_job_logs(Session& s, std::string_view ns, std::string_view job_id,
                                        const FetchJobLogsParams& p) {
  Query q;
  if (p.tail) q.add("tail", std::to_string(*p.tail));
  HttpRequest req{"GET", q.append_to(s.url(job_path(ns, job_id) + "/logs")), {}, {}};
  req.header("Accept", "text/event-stream");
  return parse_job_log_events(s.send(std::move(req)).body);
}

ScheduledJobInfo create_scheduled_job(Session& s, std::string_view ns, json::object spec, std::string_view schedule,
                                      std::optional<bool> suspend, std::optional<bool> concurrency) {
  json::object body{{"jobSpec", std::move(spec)}, {"schedule", std::string(schedule)}};
  if (concurrency) body["concurrency"] = *concurrency;
  if (suspend) body["suspend"] = *suspend;
  auto url = s.url(scheduled_path(ns));
  return parse_scheduled_job_info(parse_json_body(s.send_json("POST", url, body), url));
}

std::vector<ScheduledJobInfo> list_scheduled_jobs(Session& s, std::string_view ns) {
  auto body = s.get_json(s.url(scheduled_path(ns)));
  if (!body.is_array()) throw InvalidResponseError("scheduled jobs: expected a list");
  std::vector<ScheduledJobInfo> out;
  for (auto& item : body.as_array()) out.push_back(parse_scheduled_job_info(item));
  return out;
}

ScheduledJobInfo inspect_scheduled_job(Session& s, std::string_view ns, std::string_view id) {
  return parse_scheduled_job_info(s.get_json(s.url(scheduled_path(ns, id))));
}

void delete_scheduled_job(Session& s, std::string_view ns, std::string_view id) {
  s.send(HttpRequest{"DELETE", s.url(scheduled_path(ns, id)), {}, {}});
}

void set_scheduled_job_suspended(Session& s, std::string_view ns, std::string_view id, bool suspend) {
  s.send(HttpRequest{"POST", s.url(scheduled_path(ns, id) + (suspend ? "/suspend" : "/resume")), {}, {}});
}

}  // namespace hfhub::client
