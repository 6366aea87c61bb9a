#pragma once
// Inference Endpoints and the Inference Catalog (docs/compute.md#inference-endpoints). On the real
// Hub they live on their own hosts (api.endpoints.huggingface.cloud/v2, endpoints.huggingface.co/
// api/v1/catalog); endpoints_base / catalog_base pick them from ClientOptions.
#include <boost/json.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "client/http/session.h"
#include "hfhub/compute.h"

namespace hfhub::client {

// ClientOptions::inference_endpoints_endpoint, else the Hub's host for huggingface.co, else
// "{endpoint}/v2" (where hfhubd answers it).
std::string endpoints_base(const ClientOptions& options);
// ClientOptions::inference_catalog_endpoint, likewise, else "{endpoint}/api/v1/catalog".
std::string catalog_base(const ClientOptions& options);

// Python's create_inference_endpoint and update_inference_endpoint payloads.
boost::json::object create_endpoint_json(std::string_view name, const CreateInferenceEndpointParams& p);
boost::json::object update_endpoint_json(const UpdateInferenceEndpointParams& p);

std::vector<InferenceEndpoint> list_inference_endpoints(Session& s, std::string_view ns);
InferenceEndpoint create_inference_endpoint(Session& s, std::string_view ns, const boost::json::object& body);
InferenceEndpoint get_inference_endpoint(Session& s, std::string_view ns, std::string_view name);
InferenceEndpoint update_inference_endpoint(Session& s, std::string_view ns, std::string_view name,
                                            const boost::json::object& body);
void delete_inference_endpoint(Session& s, std::string_view ns, std::string_view name);
// POST .../pause, .../resume, .../scale-to-zero. Resume with running_ok turns the Hub's 400
// "already running" into a get.
InferenceEndpoint endpoint_action(Session& s, std::string_view ns, std::string_view name, std::string_view action,
                                  bool running_ok = false);
InferenceEndpoint deploy_from_catalog(Session& s, std::string_view ns, const CatalogDeployParams& p);
std::vector<InferenceCatalogModel> list_inference_catalog(Session& s, const ListInferenceCatalogParams& p);
// True when GET {url}/{health_route} answers 200 (InferenceEndpoint.wait's readiness probe).
bool endpoint_healthy(Session& s, const InferenceEndpoint& e);

}  // namespace hfhub::client
