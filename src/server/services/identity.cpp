#include "server/services/identity.h"
#include "common/ascii.h"

namespace hfhub::server {

std::optional<OrgRole> Identity::role_in(std::string_view ns) const {
  if (ascii_iequals(ns, user.name)) return OrgRole::Admin;
  for (auto& m : orgs)
    if (ascii_iequals(ns, m.org.name)) return m.role;
  return std::nullopt;
}

}  // namespace hfhub::server
