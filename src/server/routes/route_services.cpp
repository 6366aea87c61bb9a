#include "server/routes/route_services.h"

#include <cctype>

namespace hfhub::server {

// Host comes from the client: only a plain host[:port] is echoed into links.
static bool is_safe_host(std::string_view h) {
  if (h.empty() || h.size() > 255) return false;
  for (char c : h)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == ':' || c == '[' || c == ']'))
      return false;
  return true;
}

std::string RouteServices::base_url(const Request& request) const {
  if (!settings.public_url.empty()) return settings.public_url;
  auto host = request.header("host");
  if (host && is_safe_host(*host)) return "http://" + std::string(*host);
  return "http://" + settings.host + ":" + std::to_string(settings.port);
}

}  // namespace hfhub::server
