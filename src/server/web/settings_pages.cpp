// A repo's settings for its writers (docs/web.md#settings), and the access form of a gated repo.
// Each form calls the service the API's route calls (RepoService, RepoLifecycle, AccessRequests),
// so it is allowed or refused by the same rules; the pages only show the forms to writers.
#include <map>

#include "server/model/domain_error.h"
#include "server/services/access_policy.h"
#include "server/services/gate_form.h"
#include "server/web/display_format.h"
#include "server/web/listing_state.h"
#include "server/web/repo_route.h"
#include "server/web/web_call.h"
#include "server/web/web_response.h"
#include "server/web/web_routes.h"

namespace hfhub::server {

namespace {

constexpr size_t kQueueShown = 100;

std::string settings_path(const RepoRecord& repo) { return repo_page_path(repo.type, repo.id) + "/settings"; }

// The repo for its settings: visible to the caller (else 401/404 as the API answers) and writable
// (else 403, the API's answer to a reader).
RepoRecord writable_repo(const WebCall& web, RepoType type) {
  auto repo = web.services().catalog().find_visible(type, repo_id_of(web, type), web.caller);
  if (!AccessPolicy::can_write(web.caller, repo))
    throw DomainError(ErrorKind::Forbidden, "Only the repository's writers can change its settings");
  return repo;
}

ViewList queue_view(const WebCall& web, const RepoRecord& repo) {
  ViewList out;
  if (repo.gated == Gated::No) return out;
  auto page = web.services().access_requests().list(web.caller, repo.type, repo.id, "pending", std::nullopt, kQueueShown);
  for (auto& r : page.requests) {
    View v;
    v.set("user", r.user.name);
    v.set("email", r.user.email);
    v.set("date", day_of_ms(r.requested_at_ms));
    v.set("fields", r.fields_json);
    out.push_back(v);
  }
  return out;
}

Response settings_page(WebCall& web, RepoType type) {
  auto repo = writable_repo(web, type);
  View v;
  v.set("repo_id", repo.id);
  v.set("repo_url", repo_page_path(repo.type, repo.id));
  v.set("action", settings_path(repo));
  v.set("csrf", web.csrf);
  v.set("private", repo.is_private);
  v.set("gated_no", repo.gated == Gated::No);
  v.set("gated_auto", repo.gated == Gated::Auto);
  v.set("gated_manual", repo.gated == Gated::Manual);
  v.set("type_name", std::string(repo_type_name(repo.type)));
  auto queue = queue_view(web, repo);
  v.set("queue", queue);
  v.set("queue_empty", queue.empty());
  v.set("gated", repo.gated != Gated::No);
  return html_page(web, {.title = "Settings · " + repo.id}, "settings", v);
}

Response post_visibility(WebCall& web, RepoType type) {
  auto repo = writable_repo(web, type);
  RepoSettings s;
  s.visibility = web.field("visibility") == "private" ? Visibility::Private : Visibility::Public;
  web.services().repo_service().update_settings(web.caller, type, repo.id, s);
  return see_other(settings_path(repo));
}

Response post_gating(WebCall& web, RepoType type) {
  auto repo = writable_repo(web, type);
  auto gated = parse_gated(web.field("gated"));
  if (!gated) throw DomainError(ErrorKind::InvalidParameter, "gated must be false, auto or manual");
  web.services().repo_service().update_settings(web.caller, type, repo.id, RepoSettings{.gated = *gated});
  return see_other(settings_path(repo));
}

Response post_move(WebCall& web, RepoType type) {
  auto repo = writable_repo(web, type);
  auto moved = web.services().repo_service().move(web.caller, type, repo.id, web.field("to"));
  return see_other(repo_page_path(moved.type, moved.id));
}

// As on the Hub, deleting asks for the repo's full name typed out.
Response post_delete(WebCall& web, RepoType type) {
  auto repo = writable_repo(web, type);
  if (web.field("confirm") != repo.id)
    throw DomainError(ErrorKind::InvalidParameter, "Type the repository's full name (" + repo.id + ") to delete it");
  auto slash = repo.id.find('/');
  std::optional<std::string> ns;
  if (slash != std::string::npos) ns = repo.id.substr(0, slash);
  web.services().repo_lifecycle().remove(web.caller, type, ns, repo.id.substr(slash == std::string::npos ? 0 : slash + 1));
  return see_other("/" + (ns ? *ns : std::string()));
}

Response post_access_request(WebCall& web, RepoType type) {
  auto repo = writable_repo(web, type);
  HandleAccessRequest h;
  h.target.user = web.field("user");
  h.status = web.field("status");
  web.services().access_requests().handle(web.caller, type, repo.id, h);
  return see_other(settings_path(repo));
}

// The gate's form: the card's extra_gated_fields, answered by a signed-in user.
Response access_form(WebCall& web, RepoType type) {
  auto repo = web.services().catalog().find_visible(type, repo_id_of(web, type), web.caller);
  if (repo.gated == Gated::No) return see_other(repo_page_path(repo.type, repo.id));
  if (!web.caller) return see_other("/login?next=" + repo_page_path(repo.type, repo.id) + "/access");
  View v;
  v.set("repo_id", repo.id);
  v.set("repo_url", repo_page_path(repo.type, repo.id));
  v.set("action", repo_page_path(repo.type, repo.id) + "/access");
  v.set("csrf", web.csrf);
  ViewList fields;
  int n = 0;
  for (auto& f : gate_fields(repo.card_data_json)) {
    View fv;
    fv.set("label", f.label);
    fv.set("id", "g" + std::to_string(n++));
    fv.set("checkbox", f.type == "checkbox");
    fv.set("date", f.type == "date_picker");
    fv.set("select", f.type == "select");
    fv.set("text", f.type == "text" || f.type == "country");
    ViewList options;
    for (size_t i = 0; i < f.options.size(); ++i) {
      View o;
      o.set("value", f.options[i]);
      o.set("label", i < f.labels.size() ? f.labels[i] : f.options[i]);
      options.push_back(o);
    }
    fv.set("options", options);
    fields.push_back(fv);
  }
  v.set("fields", fields);
  return html_page(web, {.title = "Request access · " + repo.id}, "access_form", v);
}

Response post_access_form(WebCall& web, RepoType type) {
  std::map<std::string, std::string> answers;
  for (auto& [k, val] : web.form.items())
    if (k != "csrf") answers.emplace(k, val);
  auto repo = web.services().access_requests().ask(web.caller, type, repo_id_of(web, type), answers);
  return see_other(repo_page_path(repo.type, repo.id));
}

}  // namespace

void add_settings_pages(RouteTable& table) {
  add_repo_page(table, "GET", "/settings", settings_page);
  add_repo_page(table, "POST", "/settings/visibility", post_visibility);
  add_repo_page(table, "POST", "/settings/gating", post_gating);
  add_repo_page(table, "POST", "/settings/move", post_move);
  add_repo_page(table, "POST", "/settings/delete", post_delete);
  add_repo_page(table, "POST", "/settings/access-requests", post_access_request);
  add_repo_page(table, "GET", "/access", access_form);
  add_repo_page(table, "POST", "/access", post_access_form);
}

}  // namespace hfhub::server
