// People and collections (docs/web.md#pages): a user's or an org's profile at /{name}, an
// owner's collections at /collections/{owner}, and a collection at /collections/{owner}/{slug}.
// Repos are listed through the catalog and collections through CollectionService, so a private
// repo or collection shows only to those the API shows it to.
#include "server/collections/collection_service.h"
#include "server/model/domain_error.h"
#include "server/routes/support/account_json.h"
#include "server/web/display_format.h"
#include "server/web/repo_cards.h"
#include "server/web/web_call.h"
#include "server/web/web_response.h"
#include "server/web/web_routes.h"

namespace hfhub::server {

namespace {

constexpr size_t kProfileRepos = 12;
constexpr int64_t kOwnerCollections = 50;

View repo_section(const WebCall& web, RepoType type, const std::string& owner, int64_t count) {
  ListingState state;
  state.type = type;
  state.author = owner;
  state.sort = "updated";
  View v;
  v.set("title", std::string(type == RepoType::Model ? "Models" : type == RepoType::Dataset ? "Datasets" : "Spaces"));
  v.set("count", std::to_string(count));
  v.set("repos", list_cards(web, state, kProfileRepos).items);
  v.set("more_url", state.url());
  v.set("has_more", count > int64_t(kProfileRepos));
  return v;
}

View account_view(const WebCall& web, const Account& a) {
  View v;
  v.set("name", a.name);
  v.set("fullname", a.fullname.empty() ? a.name : a.fullname);
  v.set("avatar", avatar_url(web.call, a));
  v.set("org", a.kind == AccountKind::Org);
  v.set("collections_url", "/collections/" + a.name);
  return v;
}

void add_repo_sections(const WebCall& web, View& v, const std::string& owner, const RepoCounts& counts) {
  ViewList sections;
  sections.push_back(repo_section(web, RepoType::Model, owner, counts.models));
  sections.push_back(repo_section(web, RepoType::Dataset, owner, counts.datasets));
  sections.push_back(repo_section(web, RepoType::Space, owner, counts.spaces));
  v.set("sections", sections);
}

ViewList people(const WebCall& web, const std::vector<Account>& accounts) {
  ViewList out;
  for (auto& a : accounts) {
    View p = account_view(web, a);
    p.set("url", "/" + a.name);
    out.push_back(p);
  }
  return out;
}

Response user_profile(WebCall& web, const UserOverview& o) {
  View v = account_view(web, o.account);
  v.set("followers", std::to_string(o.followers));
  v.set("following", std::to_string(o.following));
  v.set("likes", std::to_string(o.likes));
  std::vector<Account> orgs;
  for (auto& m : o.orgs) orgs.push_back(m.org);
  v.set("orgs", people(web, orgs));
  v.set("has_orgs", !orgs.empty());
  add_repo_sections(web, v, o.account.name, o.repos);
  return html_page(web, {.title = o.account.name}, "profile", v);
}

Response org_profile(WebCall& web, const OrgOverview& o) {
  View v = account_view(web, o.account);
  v.set("followers", std::to_string(o.followers));
  v.set("member_count", std::to_string(o.members));
  std::vector<Account> members;
  for (auto& [account, role] : web.services().social().members(o.account.name)) members.push_back(account);
  v.set("members", people(web, members));
  v.set("has_members", !members.empty());
  add_repo_sections(web, v, o.account.name, o.repos);
  return html_page(web, {.title = o.account.name}, "profile", v);
}

Response profile(WebCall& web) {
  const auto& name = web.call.params["name"];
  auto& social = web.services().social();
  try {
    return user_profile(web, social.user_overview(web.caller, name));
  } catch (const DomainError& e) {
    if (e.kind() != ErrorKind::NotFound) throw;
  }
  return org_profile(web, social.org_overview(web.caller, name));
}

View collection_summary(const CollectionRecord& c) {
  View v;
  v.set("title", c.title);
  v.set("description", c.description);
  v.set("url", "/collections/" + collection_slug(c));
  v.set("items", std::to_string(c.item_count));
  v.set("private", c.is_private);
  v.set("updated", day_of_ms(c.updated_at_ms));
  return v;
}

Response owner_collections(WebCall& web) {
  const auto& owner = web.call.params["owner"];
  CollectionListInput input;
  input.owners = {owner};
  input.limit = kOwnerCollections;
  ViewList list;
  for (auto& c : web.services().collections().list(web.caller, input)) list.push_back(collection_summary(c.collection));
  View v;
  v.set("owner", owner);
  v.set("owner_url", "/" + owner);
  v.set("collections", list);
  v.set("empty", list.empty());
  return html_page(web, {.title = "Collections of " + owner}, "collections", v);
}

View item_view(const CollectionItemRecord& item) {
  View v;
  v.set("type", item.type);
  if (item.note) v.set("note", *item.note);
  if (item.repo) {
    v.set("label", item.repo->id);
    v.set("url", repo_page_path(item.repo->type, item.repo->id));
    v.set("likes", compact_count(item.repo->likes));
    if (item.repo->pipeline_tag) v.set("task", *item.repo->pipeline_tag);
  } else if (item.collection) {
    v.set("label", item.collection->title);
    v.set("url", "/collections/" + collection_slug(*item.collection));
  } else if (item.type == "paper") {
    v.set("label", "arXiv " + item.ref);
    v.set("url", "/papers/" + item.ref);
  } else {
    v.set("label", item.ref);
  }
  return v;
}

Response collection_page(WebCall& web) {
  auto slug = web.call.params["owner"] + "/" + web.call.params["slug"];
  auto view = web.services().collections().get(web.caller, slug);
  View v = collection_summary(view.collection);
  v.set("owner", view.collection.owner);
  v.set("owner_url", "/" + view.collection.owner);
  ViewList items;
  for (auto& item : view.items) items.push_back(item_view(item));
  v.set("entries", items);
  v.set("empty", items.empty());
  return html_page(web, {.title = view.collection.title}, "collection", v);
}

}  // namespace

void add_profile_pages(RouteTable& table) {
  table.add("GET", "/collections/{owner}", web_page(owner_collections));
  table.add("GET", "/collections/{owner}/{slug}", web_page(collection_page));
  table.add("GET", "/{name}", web_page(profile));
}

}  // namespace hfhub::server
