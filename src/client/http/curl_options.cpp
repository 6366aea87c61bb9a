#include "client/http/curl_options.h"

#include <cstdlib>
#include <mutex>

namespace hfhub::client {

void curl_global_init_once() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

static std::string first_env(std::initializer_list<const char*> names) {
  for (const char* name : names)
    if (const char* v = std::getenv(name); v && *v) return v;
  return {};
}

std::string proxy_from_env(std::string_view url) {
  std::string proxy =
      url.starts_with("https://") ? first_env({"HTTPS_PROXY", "https_proxy"}) : first_env({"HTTP_PROXY", "http_proxy"});
  return proxy.empty() ? first_env({"ALL_PROXY", "all_proxy"}) : proxy;
}

std::string no_proxy_from_env() { return first_env({"NO_PROXY", "no_proxy"}); }

void apply_network_settings(CURL* easy, std::string_view url, const NetworkSettings& settings) {
  curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(easy, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS, long(settings.connect_timeout.count()));
  // Set explicitly (even empty) so the environment is read the same way for every scheme.
  std::string proxy = proxy_from_env(url);
  curl_easy_setopt(easy, CURLOPT_PROXY, proxy.c_str());
  std::string no_proxy = no_proxy_from_env();
  curl_easy_setopt(easy, CURLOPT_NOPROXY, no_proxy.empty() ? nullptr : no_proxy.c_str());
  if (!settings.ca_bundle.empty()) curl_easy_setopt(easy, CURLOPT_CAINFO, settings.ca_bundle.c_str());
}

}  // namespace hfhub::client
