#include "server/stores/token_scope_rows.h"

namespace hfhub::server {

void for_each_scope_row(
    const AccessToken& t,
    const std::function<void(std::string_view, const std::string&, const std::string&, std::string_view)>& put) {
  static const std::string none;
  for (auto p : t.fine_grained.global) put("", none, none, permission_name(p));
  for (auto& s : t.fine_grained.scoped)
    for (auto p : s.permissions)
      put(scope_entity_type_name(s.entity.type), s.entity.name, s.entity.object_id, permission_name(p));
}

void add_scope_row(AccessToken& t, std::string_view type_text, const std::string& name, const std::string& id,
                   std::string_view permission) {
  auto p = parse_permission(permission);
  if (!p) return;
  if (type_text.empty()) {
    t.fine_grained.global.push_back(*p);
    return;
  }
  auto type = parse_scope_entity_type(type_text);
  if (!type) return;
  auto& scoped = t.fine_grained.scoped;
  if (scoped.empty() || scoped.back().entity.type != *type || scoped.back().entity.name != name ||
      scoped.back().entity.object_id != id)
    scoped.push_back(TokenScope{ScopeEntity{*type, name, id}, {}});
  scoped.back().permissions.push_back(*p);
}

}  // namespace hfhub::server
