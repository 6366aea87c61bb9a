#include "pg_url.h"

namespace hfhub::testing {

std::string pg_url_with_database(const std::string& url, const std::string& name) {
  auto query = url.find('?');
  auto path_end = query == std::string::npos ? url.size() : query;
  auto slash = url.rfind('/', path_end);
  if (slash == std::string::npos || slash < url.find("://") + 3) return url + "/" + name;
  return url.substr(0, slash + 1) + name + url.substr(path_end);
}

}  // namespace hfhub::testing
