#include "client/api/compute_json.h"

#include <stdexcept>

#include "client/json/json_fields.h"
#include "hfhub/errors.h"

namespace hfhub::client {

namespace json = boost::json;

namespace {

const json::object& object_of(const json::value& v, std::string_view what) {
  if (!v.is_object()) throw InvalidResponseError(std::string(what) + ": expected an object");
  return v.as_object();
}

std::string required_string(const json::object& o, std::string_view key, std::string_view what) {
  auto s = get_string(o, key);
  if (!s) throw InvalidResponseError(std::string(what) + ": missing '" + std::string(key) + "'");
  return *s;
}

const json::object& required_object(const json::object& o, std::string_view key, std::string_view what) {
  auto* p = get_object(o, key);
  if (!p) throw InvalidResponseError(std::string(what) + ": missing '" + std::string(key) + "'");
  return *p;
}

// The Hub sends env values as strings; a number or bool is kept as its JSON text.
std::optional<std::map<std::string, std::string>> string_map(const json::object& o, std::string_view key) {
  auto* m = get_object(o, key);
  if (!m) return std::nullopt;
  std::map<std::string, std::string> out;
  for (auto& [k, v] : *m) out[std::string(k)] = v.is_string() ? std::string(v.as_string()) : json::serialize(v);
  return out;
}

std::optional<std::vector<int64_t>> int_list(const json::object* o, std::string_view key) {
  auto* v = o ? o->if_contains(key) : nullptr;
  if (!v || !v->is_array()) return std::nullopt;
  std::vector<int64_t> out;
  for (auto& e : v->as_array())
    if (e.is_number()) out.push_back(e.to_number<int64_t>());
  return out;
}

std::optional<std::vector<Volume>> volumes_of(const json::object& o) {
  auto* v = o.if_contains("volumes");
  if (!v || !v->is_array() || v->as_array().empty()) return std::nullopt;
  std::vector<Volume> out;
  for (auto& e : v->as_array()) {
    auto& vo = object_of(e, "volume");
    out.push_back({get_string(vo, "type").value_or(""), get_string(vo, "source").value_or(""),
                   get_string(vo, "mountPath").value_or(""), get_string(vo, "revision"), get_bool(vo, "readOnly"),
                   get_string(vo, "path")});
  }
  return out;
}

// snake_case or camelCase, as Python's JobInfo accepts both.
std::optional<std::string> either(const json::object& o, std::string_view camel, std::string_view snake) {
  auto v = get_string(o, camel);
  return v ? v : get_string(o, snake);
}

JobOwner owner_of(const json::object& o, std::string_view what) {
  auto& w = required_object(o, "owner", what);
  return {required_string(w, "id", what), required_string(w, "name", what), get_string(w, "type").value_or("user")};
}

JobSpec job_spec_of(const json::object& o) {
  JobSpec s;
  s.docker_image = either(o, "dockerImage", "docker_image");
  s.space_id = either(o, "spaceId", "space_id");
  s.command = get_string_list(o, "command");
  s.arguments = get_string_list(o, "arguments");
  s.environment = string_map(o, "environment");
  s.secrets = string_map(o, "secrets");
  s.flavor = get_string(o, "flavor");
  s.timeout = get_int(o, "timeoutSeconds");
  s.labels = string_map(o, "labels");
  s.volumes = volumes_of(o);
  return s;
}

}  // namespace

json::array string_list_json(const std::vector<std::string>& items) {
  json::array out;
  for (auto& i : items) out.push_back(json::string(i));
  return out;
}

json::object string_map_json(const std::map<std::string, std::string>& items) {
  json::object out;
  for (auto& [k, v] : items) out[k] = v;
  return out;
}

json::array volumes_json(const std::vector<Volume>& volumes) {
  json::array out;
  for (auto& v : volumes) {
    json::object o{{"type", v.type}, {"source", v.source}, {"mountPath", v.mount_path}};
    if (v.revision) o["revision"] = *v.revision;
    if (v.read_only) o["readOnly"] = *v.read_only;
    if (v.path) o["path"] = *v.path;
    out.push_back(std::move(o));
  }
  return out;
}

JobInfo parse_job_info(const json::value& value, std::string_view endpoint) {
  constexpr std::string_view what = "job";
  auto& o = object_of(value, what);
  JobInfo j;
  j.id = required_string(o, "id", what);
  j.created_at = either(o, "createdAt", "created_at");
  j.started_at = either(o, "startedAt", "started_at");
  j.finished_at = either(o, "finishedAt", "finished_at");
  auto spec = job_spec_of(o);
  j.docker_image = spec.docker_image;
  j.space_id = spec.space_id;
  j.command = spec.command;
  j.arguments = spec.arguments;
  j.environment = spec.environment;
  j.secrets = spec.secrets;
  j.flavor = spec.flavor;
  j.labels = spec.labels;
  j.volumes = spec.volumes;
  auto& st = required_object(o, "status", what);
  j.status = {required_string(st, "stage", what), get_string(st, "message"), get_string_list(st, "exposeUrls"),
              get_string(st, "sshUrl")};
  if (auto* d = get_object(o, "durations"))
    j.durations = JobDurations{get_int(*d, "schedulingSecs"), get_int(*d, "runningSecs"), get_int(*d, "totalSecs")};
  j.owner = owner_of(o, what);
  if (auto* i = get_object(o, "initiator"))
    j.initiator =
        JobInitiator{get_string(*i, "type").value_or(""), get_string(*i, "id").value_or(""), get_string(*i, "name")};
  j.retry = get_int(o, "retry");
  j.expose = int_list(get_object(o, "expose"), "ports");
  j.expose_public = int_list(get_object(o, "expose"), "portsPublic");
  j.endpoint = std::string(endpoint);
  j.url = j.endpoint + "/jobs/" + j.owner.name + "/" + j.id;
  j.raw_json = json::serialize(o);
  return j;
}

ScheduledJobInfo parse_scheduled_job_info(const json::value& value) {
  constexpr std::string_view what = "scheduled job";
  auto& o = object_of(value, what);
  ScheduledJobInfo s;
  s.id = required_string(o, "id", what);
  s.created_at = either(o, "createdAt", "created_at");
  auto* spec = get_object(o, "jobSpec");
  if (!spec) spec = get_object(o, "job_spec");
  if (spec) s.job_spec = job_spec_of(*spec);
  s.schedule = get_string(o, "schedule");
  s.suspend = get_bool(o, "suspend");
  s.concurrency = get_bool(o, "concurrency");
  if (auto* st = get_object(o, "status")) {
    auto* last = get_object(*st, "lastJob");
    if (!last) last = get_object(*st, "last_job");
    if (last) s.status.last_job = LastJobInfo{required_string(*last, "id", what), get_string(*last, "at").value_or("")};
    s.status.next_job_run_at = either(*st, "nextJobRunAt", "next_job_run_at");
  }
  s.owner = owner_of(o, what);
  s.raw_json = json::serialize(o);
  return s;
}

std::vector<std::string> parse_job_log_events(std::string_view body) {
  std::vector<std::string> out;
  while (!body.empty()) {
    auto eol = body.find('\n');
    auto line = body.substr(0, eol);
    body = eol == std::string_view::npos ? std::string_view{} : body.substr(eol + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!line.starts_with("data:")) continue;  // ": keep-alive", event:, id:, blank separators
    line.remove_prefix(5);
    if (line.starts_with(' ')) line.remove_prefix(1);
    json::error_code ec;
    auto v = json::parse(line, ec);
    if (ec || !v.is_object()) continue;
    auto data = get_string(v.as_object(), "data");
    if (data && !data->starts_with("===== Job started")) out.push_back(*data);
  }
  return out;
}

InferenceEndpoint parse_inference_endpoint(const json::value& value, std::string_view namespace_) {
  constexpr std::string_view what = "inference endpoint";
  auto& o = object_of(value, what);
  InferenceEndpoint e;
  e.name = required_string(o, "name", what);
  e.namespace_ = std::string(namespace_);
  auto& model = required_object(o, "model", what);
  auto& status = required_object(o, "status", what);
  e.repository = required_string(model, "repository", what);
  e.framework = get_string(model, "framework").value_or("");
  e.revision = get_string(model, "revision").value_or("");
  e.task = get_string(model, "task").value_or("");
  e.status = required_string(status, "state", what);
  e.url = get_string(status, "url");
  e.created_at = get_string(status, "createdAt").value_or("");
  e.updated_at = get_string(status, "updatedAt").value_or("");
  e.health_route = get_string(o, "healthRoute").value_or("/health");
  e.type = get_string(o, "type").value_or("");
  e.raw_json = json::serialize(o);
  return e;
}

InferenceCatalogModel parse_catalog_model(const json::value& value) {
  constexpr std::string_view what = "catalog model";
  auto& o = object_of(value, what);
  InferenceCatalogModel m;
  m.repo_id = required_string(o, "repoId", what);
  m.name = get_string(o, "modelName").value_or("");
  m.author = get_string(o, "authorName").value_or("");
  m.license = get_string(o, "license").value_or("");
  m.task = get_string(o, "task").value_or("");
  m.created_at = get_string(o, "createdAt").value_or("");
  if (auto* r = o.if_contains("recipes"); r && r->is_array()) {
    for (auto& e : r->as_array()) {
      auto& ro = object_of(e, what);
      m.recipes.push_back({required_string(ro, "publicId", what), get_string(ro, "accelerator").value_or(""),
                           get_string(ro, "engineType").value_or(""), get_string(ro, "ggufFile"),
                           get_string(ro, "revision")});
    }
  }
  return m;
}

}  // namespace hfhub::client

namespace hfhub {

bool is_terminal_job_stage(std::string_view stage) {
  return stage == JobStage::COMPLETED || stage == JobStage::CANCELED || stage == JobStage::ERROR ||
         stage == JobStage::DELETED;
}

}  // namespace hfhub
