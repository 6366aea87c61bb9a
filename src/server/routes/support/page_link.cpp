#include "server/routes/support/page_link.h"

namespace hfhub::server {

std::string next_page_url(std::string_view base_url, const Request& request, std::string_view param,
                          std::string_view value) {
  std::string url;
  url.reserve(base_url.size() + request.path.size() + request.query_string.size() + value.size() + 16);
  url.append(base_url).append(request.path).append("?");
  size_t kept = 0;
  std::string_view qs = request.query_string;
  while (!qs.empty()) {
    auto amp = qs.find('&');
    auto item = qs.substr(0, amp);
    qs = amp == std::string_view::npos ? std::string_view{} : qs.substr(amp + 1);
    auto key = item.substr(0, item.find('='));
    if (item.empty() || key == param) continue;
    url.append(kept++ ? "&" : "").append(item);
  }
  url.append(kept ? "&" : "").append(param).append("=").append(value);
  return url;
}

}  // namespace hfhub::server
