#include "server/routes/support/page_link.h"

#include <boost/url/url.hpp>

#include <iterator>

namespace hfhub::server {

std::string next_page_url(std::string_view base_url, const Request& request, std::string_view param,
                          std::string_view value) {
  boost::urls::url target;
  // The query was checked on admission (QueryParams::parse): its escapes are well formed. What
  // a query may not hold raw ('|', '{', ...) comes back escaped, which the server reads the same.
  if (auto escaped = boost::urls::make_pct_string_view(request.query_string)) target.set_encoded_query(*escaped);
  auto params = target.encoded_params();
  for (auto it = params.begin(); it != params.end();) {
    auto item = *it;
    bool drop = std::string_view(item.key.data(), item.key.size()) == param || (item.key.empty() && !item.has_value);
    it = drop ? params.erase(it) : std::next(it);
  }
  params.append({param, value});
  std::string url;
  url.append(base_url).append(request.path).append("?").append(target.encoded_query());
  return url;
}

}  // namespace hfhub::server
