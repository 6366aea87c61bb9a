#include "server/routes/support/account_json.h"

namespace hfhub::server {

std::string avatar_url(const Call& c, const Account& a) {
  if (a.avatar_url.empty()) return c.services.base_url(c.request) + "/avatars/" + a.name + ".svg";
  if (a.avatar_url.starts_with("/")) return c.services.base_url(c.request) + a.avatar_url;
  return a.avatar_url;
}

boost::json::object user_json(const Call& c, const Account& a) {
  return {{"_id", a.object_id},     {"user", a.name},
          {"fullname", a.fullname}, {"avatarUrl", avatar_url(c, a)},
          {"isPro", false},         {"type", a.kind == AccountKind::Org ? "org" : "user"}};
}

}  // namespace hfhub::server
