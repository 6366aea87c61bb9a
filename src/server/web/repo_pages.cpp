// A repo's page (docs/web.md#pages): /{ns}/{name}, /datasets/{ns}/{name}, /spaces/{ns}/{name},
// and its like button, a POST form to the same path + /like (app.js sends it without a reload).
// The repo is read with CatalogService::find_visible, so a private repo is "not found" to
// whoever may not see it, as on the API.
#include "server/metadata/card_display.h"
#include "server/model/domain_error.h"
#include "server/services/access_policy.h"
#include "server/web/display_format.h"
#include "server/web/listing_state.h"
#include "server/web/repo_nav.h"
#include "server/web/repo_route.h"
#include "server/web/repo_snippets.h"
#include "server/web/web_call.h"
#include "server/web/web_response.h"
#include "server/web/web_routes.h"

namespace hfhub::server {

namespace {

constexpr size_t kShownTags = 40;

ViewList links_view(const std::vector<CardLink>& links) {
  ViewList out;
  for (auto& l : links) {
    View v;
    v.set("text", l.text);
    if (!l.href.empty()) v.set("href", l.href);
    out.push_back(v);
  }
  return out;
}

// The card's metadata as the side panel shows it: license, languages, datasets, base models and
// the parameter count (docs/card-rendering.md#metadata).
View display_view(const CardDisplay& d) {
  View v;
  if (d.license) v.set("license", *d.license);
  if (d.license_link) v.set("license_link", *d.license_link);
  ViewList languages;
  for (auto& l : d.languages) languages.push_back(View("name", l));
  v.set("languages", languages);
  v.set("has_languages", !languages.empty());
  v.set("datasets", links_view(d.datasets));
  v.set("has_datasets", !d.datasets.empty());
  v.set("base_models", links_view(d.base_models));
  v.set("has_base_models", !d.base_models.empty());
  if (d.parameters_text) v.set("parameters", *d.parameters_text);
  v.set("any", d.license || d.parameters_text || !d.languages.empty() || !d.datasets.empty() || !d.base_models.empty());
  return v;
}

// The card at the shown revision: the README rendered and sanitized (cached per README blob by
// RepoReadService::card), or where the caller stands with the gate.
void add_card(const WebCall& web, const RepoRecord& repo, const std::string& revision, View& v) {
  if (repo.sha.empty()) return;
  try {
    auto card = web.services().reads().card(web.caller, repo.type, repo.id, revision);
    if (card.has_readme) v.set("card_html", card.card.html);
    v.set("card_truncated", card.card.truncated);
    v.set("display", display_view(card.display));
    auto refs = web.services().reads().refs(card.repo);
    bool matched = false;
    v.set("branches", ref_options(refs.branches, revision, matched));
    v.set("tags", ref_options(refs.tags, revision, matched));
  } catch (const DomainError& e) {
    if (e.kind() != ErrorKind::GatedRepo) throw;
    v.set("readme_gated", true);  // the card sits behind the gate; the message says where the request stands
    v.set("gate_message", std::string(e.what()));
  }
}

ViewList tag_views(const RepoRecord& repo) {
  ViewList out;
  for (size_t i = 0; i < repo.tags.size() && i < kShownTags; ++i) out.push_back(View("name", repo.tags[i]));
  return out;
}

View repo_view(const WebCall& web, const RepoRecord& repo) {
  View v;
  v.set("id", repo.id);
  v.set("author", repo.author);
  v.set("name", repo.id.substr(repo.id.find('/') + 1));
  v.set("type", std::string(repo_type_name(repo.type)));
  v.set("path", repo_page_path(repo.type, repo.id));
  auto revision = web.field("revision");
  if (revision.empty()) revision = "main";
  v.set("revision", revision);
  v.set("private", repo.is_private);
  v.set("gated", repo.gated != Gated::No);
  v.set("likes_exact", std::to_string(repo.likes));
  if (repo.type != RepoType::Space) v.set("downloads", compact_count(repo.downloads));
  if (repo.pipeline_tag) v.set("task", *repo.pipeline_tag);
  if (repo.library_name) v.set("library", *repo.library_name);
  if (repo.sdk) v.set("sdk", *repo.sdk);
  v.set("created", day_of_ms(repo.created_at_ms));
  v.set("updated", day_of_ms(repo.last_modified_ms));
  v.set("tags", tag_views(repo));
  v.set("signed_in", web.caller.has_value());
  v.set("writer", AccessPolicy::can_write(web.caller, repo));
  v.set("liked", web.services().social().likes(web.caller, repo));
  v.set("csrf", web.csrf);
  v.set("login_url", "/login?next=" + repo_page_path(repo.type, repo.id));
  v.set("snippets", repo_snippets(repo, web.services().base_url(web.request())));
  add_card(web, repo, revision, v);
  return v;
}

Response repo_page(WebCall& web, RepoType type) {
  auto repo = web.services().catalog().find_visible(type, repo_id_of(web, type), web.caller);
  return html_page(web, {.title = repo.id, .section = std::string(repo_type_plural(type))}, "repo",
                   repo_view(web, repo));
}

// A JSON answer for app.js (it asks with Accept: application/json), else back to the page.
Response like(WebCall& web, RepoType type) {
  auto id = repo_id_of(web, type);
  if (!web.caller) return see_other("/login?next=" + repo_page_path(type, id));
  bool on = web.field("intent") != "unlike";
  if (on)
    web.services().social().like(web.caller, type, id);
  else
    web.services().social().unlike(web.caller, type, id);
  auto accept = web.request().header("accept");
  if (accept && accept->find("application/json") != std::string_view::npos) {
    auto repo = web.services().catalog().find_visible(type, id, web.caller);
    return Response::json("{\"liked\":" + std::string(on ? "true" : "false") +
                          ",\"likes\":" + std::to_string(repo.likes) + "}");
  }
  return see_other(repo_page_path(type, id));
}

}  // namespace

void add_repo_pages(RouteTable& table) {
  // Prefixed forms first (add_repo_page's order): "/datasets/x" would otherwise read as the model "datasets/x".
  add_repo_page(table, "GET", "", repo_page);
  add_repo_page(table, "POST", "/like", like);
}

}  // namespace hfhub::server
