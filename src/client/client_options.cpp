#include "hfhub/client_options.h"

#include <cstdlib>
#include <string_view>

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
  return o;
}

}  // namespace hfhub
