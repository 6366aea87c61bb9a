#include "client/api/inference_endpoints.h"

#include <stdexcept>

#include "client/api/compute_json.h"
#include "client/http/url.h"
#include "hfhub/errors.h"

namespace hfhub::client {

namespace json = boost::json;

namespace {

constexpr std::string_view kHub = "https://huggingface.co";

std::string seg(std::string_view s) {
  if (s.empty()) throw std::invalid_argument("empty namespace or endpoint name");
  return encode_revision(s);
}

std::string endpoint_url(Session& s, std::string_view ns, std::string_view name = {}) {
  auto url = endpoints_base(s.options()) + "/endpoint/" + seg(ns);
  if (!name.empty()) url += "/" + seg(name);
  return url;
}

// Python wraps a custom image that has a "url" as {"custom": {...}}.
json::value image_json(const std::string& custom_image_json) {
  json::error_code ec;
  auto v = json::parse(custom_image_json, ec);
  if (ec || !v.is_object()) throw std::invalid_argument("custom_image must be a JSON object");
  if (v.as_object().contains("url")) return json::object{{"custom", v}};
  return v;
}

json::object scaling_json(std::optional<int64_t> min, std::optional<int64_t> max, std::optional<int64_t> stz,
                          const std::optional<std::string>& metric, std::optional<double> threshold) {
  json::object out;
  if (max) out["maxReplica"] = *max;
  if (min) out["minReplica"] = *min;
  if (stz) out["scaleToZeroTimeout"] = *stz;
  if (metric) out["measure"] = json::object{{*metric, threshold ? json::value(*threshold) : json::value(nullptr)}};
  return out;
}

InferenceEndpoint endpoint_of(const HttpResponse& r, std::string_view url, std::string_view ns) {
  return parse_inference_endpoint(parse_json_body(r, url), ns);
}

}  // namespace

std::string endpoints_base(const ClientOptions& o) {
  if (!o.inference_endpoints_endpoint.empty()) return o.inference_endpoints_endpoint;
  if (o.endpoint == kHub) return "https://api.endpoints.huggingface.cloud/v2";
  return o.endpoint + "/v2";
}

std::string catalog_base(const ClientOptions& o) {
  if (!o.inference_catalog_endpoint.empty()) return o.inference_catalog_endpoint;
  if (o.endpoint == kHub) return "https://endpoints.huggingface.co/api/v1/catalog";
  return o.endpoint + "/api/v1/catalog";
}

json::object create_endpoint_json(std::string_view name, const CreateInferenceEndpointParams& p) {
  if (p.type == "protected")
    throw std::invalid_argument("type='protected' is no longer supported; use 'authenticated'");
  auto scaling = scaling_json(p.min_replica, p.max_replica, std::nullopt, p.scaling_metric, p.scaling_threshold);
  // Python always sends scaleToZeroTimeout, null when unset.
  scaling["scaleToZeroTimeout"] = p.scale_to_zero_timeout ? json::value(*p.scale_to_zero_timeout) : nullptr;
  json::object model{{"framework", p.framework},
                     {"repository", p.repository},
                     {"revision", p.revision ? json::value(*p.revision) : json::value(nullptr)},
                     {"image", p.custom_image_json ? image_json(*p.custom_image_json)
                                                   : json::value(json::object{{"huggingface", json::object{}}})}};
  if (p.task) model["task"] = *p.task;
  if (p.container_command) model["command"] = string_list_json(*p.container_command);
  if (p.container_args) model["args"] = string_list_json(*p.container_args);
  if (!p.env.empty()) model["env"] = string_map_json(p.env);
  if (!p.secrets.empty()) model["secrets"] = string_map_json(p.secrets);
  json::object body{{"compute",
                     {{"accelerator", p.accelerator},
                      {"instanceSize", p.instance_size},
                      {"instanceType", p.instance_type},
                      {"scaling", std::move(scaling)}}},
                    {"model", std::move(model)},
                    {"name", std::string(name)},
                    {"provider", {{"region", p.region}, {"vendor", p.vendor}}},
                    {"type", p.type}};
  if (p.domain || p.path) {
    json::object route;
    if (p.domain) route["domain"] = *p.domain;
    if (p.path) route["path"] = *p.path;
    body["route"] = std::move(route);
  }
  if (p.cache_http_responses) body["cacheHttpResponses"] = *p.cache_http_responses;
  if (p.tags) body["tags"] = string_list_json(*p.tags);
  return body;
}

json::object update_endpoint_json(const UpdateInferenceEndpointParams& p) {
  json::object compute;
  if (p.accelerator) compute["accelerator"] = *p.accelerator;
  if (p.instance_size) compute["instanceSize"] = *p.instance_size;
  if (p.instance_type) compute["instanceType"] = *p.instance_type;
  auto scaling =
      scaling_json(p.min_replica, p.max_replica, p.scale_to_zero_timeout, p.scaling_metric, p.scaling_threshold);
  if (!scaling.empty()) compute["scaling"] = std::move(scaling);
  json::object model;
  if (p.repository) model["repository"] = *p.repository;
  if (p.framework) model["framework"] = *p.framework;
  if (p.revision) model["revision"] = *p.revision;
  if (p.task) model["task"] = *p.task;
  if (p.custom_image_json) model["image"] = image_json(*p.custom_image_json);
  if (p.container_command) model["command"] = string_list_json(*p.container_command);
  if (p.container_args) model["args"] = string_list_json(*p.container_args);
  if (p.env) model["env"] = string_map_json(*p.env);
  if (p.secrets) model["secrets"] = string_map_json(*p.secrets);
  json::object body;
  if (!compute.empty()) body["compute"] = std::move(compute);
  if (!model.empty()) body["model"] = std::move(model);
  if (p.domain || p.path) {
    json::object route;
    if (p.domain) route["domain"] = *p.domain;
    if (p.path) route["path"] = *p.path;
    body["route"] = std::move(route);
  }
  if (p.cache_http_responses) body["cacheHttpResponses"] = *p.cache_http_responses;
  if (p.tags) body["tags"] = string_list_json(*p.tags);
  return body;
}

std::vector<InferenceEndpoint> list_inference_endpoints(Session& s, std::string_view ns) {
  auto url = endpoint_url(s, ns);
  auto body = s.get_json(url);
  auto* items = body.is_object() ? body.as_object().if_contains("items") : nullptr;
  if (!items || !items->is_array()) throw InvalidResponseError("inference endpoints: expected {\"items\": [...]}");
  std::vector<InferenceEndpoint> out;
  for (auto& e : items->as_array()) out.push_back(parse_inference_endpoint(e, ns));
  return out;
}

InferenceEndpoint create_inference_endpoint(Session& s, std::string_view ns, const json::object& body) {
  auto url = endpoint_url(s, ns);
  return endpoint_of(s.send_json("POST", url, body), url, ns);
}

InferenceEndpoint get_inference_endpoint(Session& s, std::string_view ns, std::string_view name) {
  auto url = endpoint_url(s, ns, name);
  return endpoint_of(s.get(url), url, ns);
}

InferenceEndpoint update_inference_endpoint(Session& s, std::string_view ns, std::string_view name,
                                            const json::object& body) {
  auto url = endpoint_url(s, ns, name);
  return endpoint_of(s.send_json("PUT", url, body), url, ns);
}

void delete_inference_endpoint(Session& s, std::string_view ns, std::string_view name) {
  s.send(HttpRequest{"DELETE", endpoint_url(s, ns, name), {}, {}});
}

InferenceEndpoint endpoint_action(Session& s, std::string_view ns, std::string_view name, std::string_view action,
                                  bool running_ok) {
  auto url = endpoint_url(s, ns, name) + "/" + std::string(action);
  try {
    return endpoint_of(s.send(HttpRequest{"POST", url, {}, {}}), url, ns);
  } catch (const HfHubHttpError& e) {
    // Python: running_ok and a 400 whose text says "already running" -> the endpoint as it is.
    auto says = [&](const std::string& text) { return text.find("already running") != std::string::npos; };
    if (running_ok && e.status() == 400 && (says(e.server_message()) || says(e.what())))
      return get_inference_endpoint(s, ns, name);
    throw;
  }
}

InferenceEndpoint deploy_from_catalog(Session& s, std::string_view ns, const CatalogDeployParams& p) {
  if (p.repo_id.has_value() == p.recipe_id.has_value())
    throw std::invalid_argument("Provide exactly one of `repo_id` or `recipe_id`.");
  if (p.recipe_id && (p.accelerator || p.gguf_file))
    throw std::invalid_argument("`accelerator` and `gguf_file` cannot be used with `recipe_id`.");
  json::object body{{"namespace", std::string(ns)}};
  if (p.name) body["config"] = json::object{{"name", *p.name}};
  std::string url;
  if (p.recipe_id) {
    url = catalog_base(s.options()) + "/recipe/" + seg(*p.recipe_id) + "/deploy";
  } else {
    // A repo id keeps its '/', like Python's f-string.
    url = catalog_base(s.options()) + "/model/" + *p.repo_id + "/deploy";
    if (p.accelerator) body["accelerator"] = *p.accelerator;
    if (p.gguf_file) body["ggufFile"] = *p.gguf_file;
  }
  auto res = parse_json_body(s.send_json("POST", url, body), url);
  auto* ep = res.is_object() ? res.as_object().if_contains("endpoint") : nullptr;
  if (!ep) throw InvalidResponseError("catalog deploy: expected {\"endpoint\": ...}");
  return parse_inference_endpoint(*ep, ns);
}

std::vector<InferenceCatalogModel> list_inference_catalog(Session& s, const ListInferenceCatalogParams& p) {
  Query q;
  q.add_opt("accelerator", p.accelerator).add_opt("engine", p.engine).add_opt("license", p.license);
  q.add_opt("task", p.task).add_opt("search", p.search);
  if (p.limit) q.add("limit", std::to_string(*p.limit));
  auto body = s.get_json(q.append_to(catalog_base(s.options()) + "/list"));
  auto* items = body.is_object() ? body.as_object().if_contains("items") : nullptr;
  if (!items || !items->is_array()) throw InvalidResponseError("inference catalog: expected {\"items\": [...]}");
  std::vector<InferenceCatalogModel> out;
  for (auto& m : items->as_array()) out.push_back(parse_catalog_model(m));
  return out;
}

bool endpoint_healthy(Session& s, const InferenceEndpoint& e) {
  if (!e.url) return false;
  auto base = *e.url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  auto route = std::string_view(e.health_route);
  while (route.starts_with('/')) route.remove_prefix(1);
  try {
    return s.send(HttpRequest{"GET", base + "/" + std::string(route), {}, {}}).status == 200;
  } catch (const HfHubHttpError&) {
    return false;  // not ready yet (503 while the model loads)
  }
}

}  // namespace hfhub::client
