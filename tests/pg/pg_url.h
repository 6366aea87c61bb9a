#pragma once
// postgresql:// URLs in the tests (the store tests and the integration fixture share it).
#include <string>

namespace hfhub::testing {

// `url` with its database name replaced by `name` (query parameters kept).
std::string pg_url_with_database(const std::string& url, const std::string& name);

}  // namespace hfhub::testing
