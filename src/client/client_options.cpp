#include "hfhub/client_options.h"

#include <cstdlib>
#include <string_view>

#include "client/cache/hub_cache.h"
#include "hfhub/token_store.h"

namespace hfhub {

static bool env_true(const char* name) {
  const char* v = std::getenv(name);
  if (!v) return false;
  std::string_view s(v);
  return s == "1" || s == "true" || s == "TRUE" || s == "True" || s == "yes" || s == "YES" || s == "on" || s == "ON";
}

ClientOptions ClientOptions::from_env() {
  ClientOptions o;
  if (const char* ep = std::getenv("HF_ENDPOINT"); ep && *ep) o.endpoint = ep;
  while (!o.endpoint.empty() && o.endpoint.back() == '/') o.endpoint.pop_back();
  o.hf_home = resolve_hf_home().string();
  o.token = resolve_token();
  o.offline = env_true("HF_HUB_OFFLINE");
  o.disable_xet = env_true("HF_HUB_DISABLE_XET");
  o.hub_cache = default_hub_cache();
  if (const char* t = std::getenv("HF_HUB_DOWNLOAD_TIMEOUT"); t && *t) {
    char* end = nullptr;
    double seconds = std::strtod(t, &end);
    if (end && *end == '\0' && seconds > 0) o.transfer.stall_timeout = std::chrono::seconds(int64_t(seconds + 0.999));
  }
  o.disable_xet = env_true("HF_HUB_DISABLE_XET");
  const char* xet_cache = std::getenv("HF_XET_CACHE");
  o.xet_chunk_cache = std::filesystem::path(xet_cache && *xet_cache ? xet_cache : o.hf_home + "/xet") / "hfhub-chunks";
  if (const char* cap = std::getenv("HFHUB_XET_CHUNK_CACHE_SIZE"); cap && *cap) {
    char* end = nullptr;
    long long bytes = std::strtoll(cap, &end, 10);
    if (end && *end == '\0' && bytes >= 0) o.xet_chunk_cache_bytes = bytes;
  }
  if (const char* v = std::getenv("HFHUB_INFERENCE_ENDPOINTS_ENDPOINT"); v && *v) o.inference_endpoints_endpoint = v;
  if (const char* v = std::getenv("HFHUB_INFERENCE_CATALOG_ENDPOINT"); v && *v) o.inference_catalog_endpoint = v;
  for (const char* name : {"REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE", "SSL_CERT_FILE"}) {
    if (const char* v = std::getenv(name); v && *v) {
      o.transfer.ca_bundle = v;
      break;
    }
  }
  return o;
}

}  // namespace hfhub
