#include "compute_contract_routes.h"

#include <cstdio>

namespace hfhub::testing {

namespace json = boost::json;

namespace {

ContractAnswer ok(const json::value& v) { return {200, json::serialize(v)}; }

std::vector<std::string> split(const std::string& path) {
  std::vector<std::string> out;
  size_t i = 1;
  while (i <= path.size()) {
    auto j = path.find('/', i);
    if (j == std::string::npos) j = path.size();
    out.push_back(path.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

// The field `key` of `o` must exist with the JSON kind `kind` ("string", "array", "object", "number").
bool has(const json::object& o, const char* key, std::string_view kind) {
  auto* v = o.if_contains(key);
  if (!v) return false;
  if (kind == "string") return v->is_string();
  if (kind == "array") return v->is_array();
  if (kind == "object") return v->is_object();
  if (kind == "number") return v->is_number();
  return true;
}

std::string hex_id(int n) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "6870000000000000000%05d", n);
  return buf;
}

constexpr const char* kNow = "2026-12-03T17:00:00.000Z";

// A job spec as POST /api/jobs/{ns} and a scheduled job's jobSpec carry it (hf_api.py _create_job_spec).
std::string bad_spec(const json::value& v) {
  if (!v.is_object()) return "the body must be a JSON object";
  auto& o = v.as_object();
  if (!has(o, "dockerImage", "string") && !has(o, "spaceId", "string")) return "dockerImage or spaceId is required";
  if (!has(o, "command", "array") || o.at("command").as_array().empty()) return "command must be a non-empty list";
  if (!has(o, "arguments", "array")) return "arguments must be a list";
  if (!has(o, "environment", "object")) return "environment must be an object";
  if (!has(o, "flavor", "string")) return "flavor must be a string";
  if (o.contains("timeoutSeconds") && !has(o, "timeoutSeconds", "number")) return "timeoutSeconds must be a number";
  return {};
}

json::object owner(const std::string& ns) {
  return {
      {"id", "5e9ecfc04957053f60648a3e"}, {"name", ns}, {"type", ns == ComputeContractServer::kOrg ? "org" : "user"}};
}

}  // namespace

ContractAnswer error_answer(int status, const std::string& message) {
  return {status, json::serialize(json::object{{"error", message}}), "application/json", message};
}

ContractAnswer ContractBook::handle(const ContractRequest& r, const std::string& base) {
  auto seg = split(r.path);
  // Deployed endpoints answer their health route without a token, as a public endpoint would.
  if (seg.size() == 3 && seg[0] == "ep" && seg[2] == "health") {
    auto it = endpoints_.find(std::string(ComputeContractServer::kUser) + "/" + seg[1]);
    bool up = it != endpoints_.end() && it->second.at("status").at("state").as_string() == "running";
    return up ? ContractAnswer{200, "{}"} : error_answer(503, "loading");
  }
  if (r.authorization != std::string("Bearer ") + ComputeContractServer::kToken)
    return error_answer(401, "Invalid credentials in Authorization header");
  if (!r.body.is_null() && r.content_type.find("application/json") == std::string::npos)
    return error_answer(400, "a JSON body needs Content-Type: application/json");
  if (r.method == "GET" && r.path == "/api/whoami-v2")
    return ok(json::object{{"name", ComputeContractServer::kUser},
                           {"type", "user"},
                           {"orgs", json::array{json::object{{"name", ComputeContractServer::kOrg}}}}});
  if (seg.size() >= 3 && seg[0] == "api" && seg[1] == "jobs") return jobs(r, seg);
  if (seg.size() >= 3 && seg[0] == "api" && seg[1] == "scheduled-jobs") return scheduled(r, seg);
  if (seg.size() >= 3 && seg[0] == "v2" && seg[1] == "endpoint") return endpoints(r, seg, base);
  if (seg.size() >= 4 && seg[0] == "api" && seg[1] == "v1" && seg[2] == "catalog") return catalog(r, seg, base);
  return error_answer(404, "Not Found");
}

ContractAnswer ContractBook::jobs(const ContractRequest& r, const std::vector<std::string>& seg) {
  const auto& ns = seg[2];
  if (seg.size() == 3 && r.method == "POST") {
    if (auto bad = bad_spec(r.body); !bad.empty()) return error_answer(422, bad);
    auto job = r.body.as_object();
    auto id = hex_id(next_id_++);
    job["id"] = id;
    job["createdAt"] = kNow;
    job["status"] = json::object{{"stage", "RUNNING"}, {"message", nullptr}};
    job["owner"] = owner(ns);
    job["initiator"] = json::object{{"type", "user"}, {"id", "5e9ecfc04957053f60648a3e"}, {"name", ns}};
    job["durations"] = json::object{{"schedulingSecs", 3}, {"runningSecs", 1}, {"totalSecs", 4}};
    jobs_[id] = job;
    return ok(job);
  }
  if (seg.size() == 3 && r.method == "GET") {
    json::array out;
    for (auto& [id, j] : jobs_)
      if (j.at("owner").at("name").as_string() == ns &&
          (r.query.empty() || r.query == "stage=" + std::string(j.at("status").at("stage").as_string())))
        out.push_back(j);
    return ok(out);
  }
  auto it = seg.size() >= 4 ? jobs_.find(seg[3]) : jobs_.end();
  if (it == jobs_.end() || it->second.at("owner").at("name").as_string() != ns)
    return error_answer(404, "Job not found");
  auto& job = it->second;
  if (seg.size() == 4 && r.method == "GET") return ok(job);
  if (seg.size() == 5 && seg[4] == "cancel" && r.method == "POST") {
    job["status"] = json::object{{"stage", "CANCELED"}, {"message", "Canceled by user"}};
    job["finishedAt"] = kNow;
    return {200, ""};
  }
  if (seg.size() == 5 && seg[4] == "logs" && r.method == "GET") {
    std::string sse = "data: {\"data\":\"===== Job started at 2026-12-03 17:00:00 =====\",\"timestamp\":\"t\"}\n\n";
    sse += ": keep-alive\n\n";
    for (auto* line : {"hello from the job", "step 1/2", "step 2/2"})
      sse += "data: " + json::serialize(json::object{{"data", line}, {"timestamp", kNow}}) + "\n\n";
    return {200, sse, "text/event-stream"};
  }
  return error_answer(404, "Not Found");
}

ContractAnswer ContractBook::scheduled(const ContractRequest& r, const std::vector<std::string>& seg) {
  const auto& ns = seg[2];
  if (seg.size() == 3 && r.method == "POST") {
    if (!r.body.is_object()) return error_answer(422, "the body must be a JSON object");
    auto& b = r.body.as_object();
    if (!has(b, "schedule", "string")) return error_answer(422, "schedule is required");
    if (!b.contains("jobSpec")) return error_answer(422, "jobSpec is required");
    if (auto bad = bad_spec(b.at("jobSpec")); !bad.empty()) return error_answer(422, "jobSpec: " + bad);
    auto id = hex_id(next_id_++);
    json::object s{{"id", id},
                   {"createdAt", kNow},
                   {"jobSpec", b.at("jobSpec")},
                   {"schedule", b.at("schedule")},
                   {"suspend", b.contains("suspend") ? b.at("suspend") : json::value(false)},
                   {"concurrency", b.contains("concurrency") ? b.at("concurrency") : json::value(false)},
                   {"status", {{"lastJob", nullptr}, {"nextJobRunAt", "2026-12-03T18:00:00.000Z"}}},
                   {"owner", owner(ns)}};
    scheduled_[id] = s;
    return ok(s);
  }
  if (seg.size() == 3 && r.method == "GET") {
    json::array out;
    for (auto& [id, s] : scheduled_)
      if (s.at("owner").at("name").as_string() == ns) out.push_back(s);
    return ok(out);
  }
  auto it = seg.size() >= 4 ? scheduled_.find(seg[3]) : scheduled_.end();
  if (it == scheduled_.end() || it->second.at("owner").at("name").as_string() != ns)
    return error_answer(404, "Scheduled job not found");
  if (seg.size() == 4 && r.method == "GET") return ok(it->second);
  if (seg.size() == 4 && r.method == "DELETE") {
    scheduled_.erase(it);
    return {200, ""};
  }
  if (seg.size() == 5 && r.method == "POST" && (seg[4] == "suspend" || seg[4] == "resume")) {
    it->second["suspend"] = seg[4] == "suspend";
    return {200, ""};
  }
  return error_answer(404, "Not Found");
}

}  // namespace hfhub::testing
