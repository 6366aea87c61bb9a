#pragma once
// The checks behind the Hub's `POST /api/validate-yaml`: does a README's front matter parse, and
// do the well-known fields have the types the Hub (and the clients reading `cardData`) rely on.
// Errors make the Hub refuse a commit of that README; warnings are only shown.
#include <string_view>

#include <boost/json/object.hpp>

#include "common/repo_id.h"

namespace hfhub::server {

// {"errors": [{"message": …}, …], "warnings": [{"message": …}, …]}; both arrays always present.
boost::json::object validate_readme_yaml(std::string_view readme, RepoType type);

}  // namespace hfhub::server
