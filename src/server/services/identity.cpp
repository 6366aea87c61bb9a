#include "server/services/identity.h"

#include <strings.h>

namespace hfhub::server {

static bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && strncasecmp(a.data(), b.data(), a.size()) == 0;
}

std::optional<OrgRole> Identity::role_in(std::string_view ns) const {
  if (iequals(ns, user.name)) return OrgRole::Admin;
  for (auto& m : orgs)
    if (iequals(ns, m.org.name)) return m.role;
  return std::nullopt;
}

}  // namespace hfhub::server
