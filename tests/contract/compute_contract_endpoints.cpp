// The Inference Endpoints (/v2/endpoint/...) and Inference Catalog (/api/v1/catalog/...) half of
// the compute contract server. An endpoint moves pending -> initializing -> running, one step per
// GET, so a client's wait loop has something to wait for.
#include "compute_contract_routes.h"

namespace hfhub::testing {

namespace json = boost::json;

namespace {

constexpr const char* kNow = "2026-12-03T17:00:00.000Z";

// What POST /v2/endpoint/{ns} needs (hf_api.py create_inference_endpoint's payload).
std::string bad_create(const json::value& v) {
  if (!v.is_object()) return "the body must be a JSON object";
  auto& o = v.as_object();
  auto* compute = o.if_contains("compute");
  auto* model = o.if_contains("model");
  auto* provider = o.if_contains("provider");
  if (!o.contains("name") || !o.at("name").is_string()) return "name is required";
  if (!compute || !compute->is_object()) return "compute is required";
  for (auto* k : {"accelerator", "instanceSize", "instanceType"})
    if (!compute->as_object().contains(k)) return std::string("compute.") + k + " is required";
  auto* scaling = compute->as_object().if_contains("scaling");
  if (!scaling || !scaling->is_object() || !scaling->as_object().contains("minReplica") ||
      !scaling->as_object().contains("maxReplica"))
    return "compute.scaling.minReplica and maxReplica are required";
  if (!model || !model->is_object()) return "model is required";
  for (auto* k : {"repository", "framework", "image"})
    if (!model->as_object().contains(k)) return std::string("model.") + k + " is required";
  if (!provider || !provider->is_object() || !provider->as_object().contains("region") ||
      !provider->as_object().contains("vendor"))
    return "provider.region and provider.vendor are required";
  if (!o.contains("type")) return "type is required";
  return {};
}

void set_state(json::object& e, const char* state, const std::string& base) {
  auto& status = e["status"].as_object();
  status["state"] = state;
  status["updatedAt"] = kNow;
  if (std::string_view(state) == "running")
    status["url"] = base + "/ep/" + std::string(e.at("name").as_string());
  else
    status.erase("url");
}

void merge(json::object& into, const json::object& from) {
  for (auto& [k, v] : from) {
    auto* mine = into.if_contains(k);
    if (mine && mine->is_object() && v.is_object())
      merge(mine->as_object(), v.as_object());
    else
      into[k] = v;
  }
}

json::array catalog_items() {
  return {json::object{{"repoId", "Qwen/Qwen2.5-Coder-7B-Instruct"},
                       {"modelName", "Qwen2.5-Coder-7B-Instruct"},
                       {"authorName", "Qwen"},
                       {"license", "Apache 2.0"},
                       {"task", "text-generation"},
                       {"createdAt", kNow},
                       {"recipes", json::array{json::object{
                                       {"publicId", "r-qwen-vllm"}, {"accelerator", "gpu"}, {"engineType", "vllm"}}}}},
          json::object{
              {"repoId", "BAAI/bge-small-en-v1.5"},
              {"modelName", "bge-small-en-v1.5"},
              {"authorName", "BAAI"},
              {"license", "MIT"},
              {"task", "feature-extraction"},
              {"createdAt", kNow},
              {"recipes",
               json::array{json::object{
                   {"publicId", "r-bge-tei"}, {"accelerator", "cpu"}, {"engineType", "tei"}, {"revision", "main"}}}}}};
}

}  // namespace

ContractAnswer ContractBook::create_endpoint(const std::string& ns, const std::string& name, const json::object& model,
                                             const std::string& base) {
  (void)base;
  auto key = ns + "/" + name;
  if (endpoints_.count(key)) return error_answer(409, "Endpoint " + name + " already exists");
  json::object e{{"name", name},
                 {"type", "authenticated"},
                 {"accountId", nullptr},
                 {"compute",
                  {{"accelerator", "gpu"},
                   {"instanceSize", "x1"},
                   {"instanceType", "nvidia-l4"},
                   {"scaling", {{"minReplica", 1}, {"maxReplica", 1}}}}},
                 {"model",
                  {{"repository", ""},
                   {"framework", "pytorch"},
                   {"revision", "main"},
                   {"task", "text-generation"},
                   {"image", {{"huggingface", json::object{}}}}}},
                 {"provider", {{"vendor", "aws"}, {"region", "us-east-1"}}},
                 {"status", {{"state", "pending"}, {"createdAt", kNow}, {"updatedAt", kNow}}},
                 {"healthRoute", "/health"}};
  merge(e["model"].as_object(), model);
  endpoints_[key] = e;
  return {200, json::serialize(e)};
}

ContractAnswer ContractBook::endpoints(const ContractRequest& r, const std::vector<std::string>& seg,
                                       const std::string& base) {
  const auto& ns = seg[2];
  if (ns == ComputeContractServer::kOrg) return error_answer(401, "No billing for this organization");
  if (seg.size() == 3 && r.method == "GET") {
    json::array items;
    for (auto& [key, e] : endpoints_)
      if (key.starts_with(ns + "/")) items.push_back(e);
    return {200, json::serialize(json::object{{"items", items}})};
  }
  if (seg.size() == 3 && r.method == "POST") {
    if (auto bad = bad_create(r.body); !bad.empty()) return error_answer(422, bad);
    auto& b = r.body.as_object();
    auto out = create_endpoint(ns, std::string(b.at("name").as_string()), b.at("model").as_object(), base);
    if (out.status == 200)
      merge(endpoints_[ns + "/" + std::string(b.at("name").as_string())],
            {{"compute", b.at("compute")}, {"type", b.at("type")}});
    if (out.status == 200) out.body = json::serialize(endpoints_[ns + "/" + std::string(b.at("name").as_string())]);
    return out;
  }
  auto it = seg.size() >= 4 ? endpoints_.find(ns + "/" + seg[3]) : endpoints_.end();
  if (it == endpoints_.end()) return error_answer(404, "Endpoint not found");
  auto& e = it->second;
  std::string state(e.at("status").at("state").as_string());
  if (seg.size() == 4 && r.method == "GET") {
    if (state == "pending")
      set_state(e, "initializing", base);
    else if (state == "initializing")
      set_state(e, "running", base);
    return {200, json::serialize(e)};
  }
  if (seg.size() == 4 && r.method == "PUT") {
    if (!r.body.is_object() || r.body.as_object().empty()) return error_answer(422, "nothing to update");
    merge(e, r.body.as_object());
    set_state(e, "updating", base);
    return {200, json::serialize(e)};
  }
  if (seg.size() == 4 && r.method == "DELETE") {
    endpoints_.erase(it);
    return {200, ""};
  }
  if (seg.size() == 5 && r.method == "POST") {
    if (seg[4] == "pause")
      set_state(e, "paused", base);
    else if (seg[4] == "scale-to-zero")
      set_state(e, "scaledToZero", base);
    else if (seg[4] == "resume" && state == "running")
      return error_answer(400, "Endpoint is already running");
    else if (seg[4] == "resume")
      set_state(e, "pending", base);
    else
      return error_answer(404, "Not Found");
    return {200, json::serialize(e)};
  }
  return error_answer(404, "Not Found");
}

ContractAnswer ContractBook::catalog(const ContractRequest& r, const std::vector<std::string>& seg,
                                     const std::string& base) {
  if (seg.size() == 4 && seg[3] == "list" && r.method == "GET") {
    json::array items;
    for (auto& m : catalog_items()) {
      auto engine = std::string(m.at("recipes").at(0).at("engineType").as_string());
      if (r.query.find("engine=") != std::string::npos && r.query.find("engine=" + engine) == std::string::npos)
        continue;
      items.push_back(m);
    }
    return {200, json::serialize(json::object{{"items", items}})};
  }
  if (r.method != "POST" || seg.back() != "deploy" || !r.body.is_object()) return error_answer(404, "Not Found");
  auto& b = r.body.as_object();
  if (!b.contains("namespace") || !b.at("namespace").is_string()) return error_answer(422, "namespace is required");
  std::string ns(b.at("namespace").as_string()), repo, name;
  if (seg[3] == "model" && seg.size() == 7)
    repo = seg[4] + "/" + seg[5];
  else if (seg[3] == "recipe" && seg.size() == 6)
    repo = seg[4] == "r-bge-tei" ? "BAAI/bge-small-en-v1.5" : "";
  if (repo.empty()) return error_answer(404, "Unknown model or recipe");
  name = repo.substr(repo.find('/') + 1);
  if (auto* c = b.if_contains("config"); c && c->is_object() && c->as_object().contains("name"))
    name = std::string(c->as_object().at("name").as_string());
  auto out = create_endpoint(ns, name, {{"repository", repo}}, base);
  if (out.status == 200) out.body = json::serialize(json::object{{"endpoint", json::parse(out.body)}});
  return out;
}

}  // namespace hfhub::testing
