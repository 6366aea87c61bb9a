#pragma once
// libcurl settings every handle of libhfhub shares: proxies from the environment, the CA
// bundle, timeouts, keep-alive.
#include <curl/curl.h>

#include <chrono>
#include <string>
#include <string_view>

namespace hfhub::client {

// Calls curl_global_init once per process.
void curl_global_init_once();

// The proxy for `url` from HTTPS_PROXY/https_proxy (https) or HTTP_PROXY/http_proxy (http),
// else ALL_PROXY/all_proxy; empty when none. libcurl alone ignores upper-case HTTP_PROXY.
std::string proxy_from_env(std::string_view url);
// NO_PROXY or no_proxy ("" when unset).
std::string no_proxy_from_env();

struct NetworkSettings {
  std::chrono::milliseconds connect_timeout{10'000};
  std::string ca_bundle;  // empty: the system default
};

// Applies proxy, CA bundle, connect timeout, TCP keep-alive and NOSIGNAL to `easy` for `url`.
void apply_network_settings(CURL* easy, std::string_view url, const NetworkSettings& settings);

}  // namespace hfhub::client
