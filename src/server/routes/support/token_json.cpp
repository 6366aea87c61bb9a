#include "server/routes/support/token_json.h"

#include "common/iso_time.h"

namespace hfhub::server {

namespace {

void write_permissions(JsonWriter& w, const std::vector<Permission>& permissions) {
  w.begin_array();
  for (auto p : permissions) w.value(permission_name(p));
  w.end_array();
}

}  // namespace

void write_fine_grained(JsonWriter& w, const FineGrainedScopes& scopes) {
  w.begin_object();
  w.key("canReadGatedRepos").value(scopes.can_read_gated_repos);
  w.key("global");
  write_permissions(w, scopes.global);
  w.key("scoped").begin_array();
  for (auto& s : scopes.scoped) {
    w.begin_object();
    w.key("entity").begin_object();
    w.key("_id").value(s.entity.object_id);
    w.key("type").value(scope_entity_type_name(s.entity.type));
    w.key("name").value(s.entity.name);
    w.end_object();
    w.key("permissions");
    write_permissions(w, s.permissions);
    w.end_object();
  }
  w.end_array();
  w.end_object();
}

void write_access_token_fields(JsonWriter& w, const AccessToken& t) {
  w.key("displayName").value(t.display_name);
  w.key("role").value(token_role_name(t.role));
  w.key("createdAt").value(format_iso8601_ms(t.created_at_ms));
  if (t.expires_at_ms) w.key("expiration").value(format_iso8601_ms(*t.expires_at_ms));
  if (t.role == TokenRole::FineGrained) {
    w.key("fineGrained");
    write_fine_grained(w, t.fine_grained);
  }
}

}  // namespace hfhub::server
