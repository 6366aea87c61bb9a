// Likes, users and organizations (docs/accounts.md):
//   POST/DELETE /api/{type}/{repo}/like          the caller likes / unlikes a repo it can see
//   GET  /api/{type}/{repo}/likers               paged [{user, fullname, avatarUrl, type, isPro}]
//   GET  /api/users/{user}/likes                 paged [{createdAt, repo: {name, type}}], public repos
//   GET  /api/users/{user}/overview              huggingface_hub's User
//   GET  /api/users/{user}/followers|following   paged users
//   GET  /api/organizations/{org}/overview       huggingface_hub's Organization
//   GET  /api/organizations/{org}/followers      paged users
//   GET  /api/organizations/{org}/members        users with their role in the org
//   GET  /avatars/{name}.svg                     the generated default avatar
#include <boost/json.hpp>

#include "common/decimal.h"
#include "common/hash.h"
#include "common/iso_time.h"
#include "common/link_header.h"
#include "server/model/domain_error.h"
#include "server/routes/route_table.h"
#include "server/routes/support/account_json.h"
#include "server/routes/support/page_link.h"

namespace hfhub::server {

namespace {

namespace json = boost::json;

constexpr size_t kDefaultLimit = 100;
constexpr size_t kMaxLimit = 1000;

size_t page_limit(const Call& c) {
  auto text = c.request.query.get("limit");
  if (!text) return kDefaultLimit;
  auto n = parse_decimal(*text, kMaxLimit);
  if (!n || *n == 0) throw DomainError(ErrorKind::InvalidParameter, "Invalid limit: expected a number from 1 to 1000");
  return size_t(*n);
}

// The keyset of the next page: "<time ms>-<rowid>" (as access-request pages).
std::optional<SocialCursor> page_cursor(const Call& c) {
  auto text = c.request.query.get("cursor");
  if (!text) return std::nullopt;
  auto dash = text->find('-');
  auto ms = dash == std::string_view::npos ? std::nullopt : parse_decimal(text->substr(0, dash), INT64_MAX);
  auto rowid = ms ? parse_decimal(text->substr(dash + 1), INT64_MAX) : std::nullopt;
  if (!rowid) throw DomainError(ErrorKind::InvalidParameter, "Invalid cursor");
  return SocialCursor{int64_t(*ms), int64_t(*rowid)};
}

Response paged(const Call& c, json::array items, const std::optional<SocialCursor>& next) {
  auto res = Response::json(json::serialize(items));
  if (next) {
    auto cursor = std::to_string(next->at_ms) + "-" + std::to_string(next->rowid);
    res.set("Link", format_next_link(next_page_url(c.services.base_url(c.request), c.request, "cursor", cursor)));
  }
  return res;
}

json::object org_json(const Call& c, const Account& a) {
  return {{"_id", a.object_id},
          {"name", a.name},
          {"fullname", a.fullname},
          {"avatarUrl", avatar_url(c, a)},
          {"type", "org"}};
}

Response like(const Call& c, bool on) {
  auto type = repo_type_param(c);
  if (on)
    c.services.social().like(c.caller, type, c.params["repo"]);
  else
    c.services.social().unlike(c.caller, type, c.params["repo"]);
  return Response::json(R"({"ok":true})");
}

Response likers(const Call& c) {
  auto page = c.services.social().likers(c.caller, repo_type_param(c), c.params["repo"], page_cursor(c), page_limit(c));
  json::array out;
  for (auto& d : page.items) out.push_back(user_json(c, d.account));
  return paged(c, std::move(out), page.next);
}

Response user_likes(const Call& c) {
  auto page = c.services.social().likes_of(c.params["user"], page_cursor(c), page_limit(c));
  json::array out;
  for (auto& r : page.items)
    out.push_back(json::object{{"createdAt", format_iso8601_ms(r.liked_at_ms)},
                               {"repo", json::object{{"name", r.id}, {"type", std::string(repo_type_name(r.type))}}}});
  return paged(c, std::move(out), page.next);
}

Response user_overview(const Call& c) {
  auto o = c.services.social().user_overview(c.caller, c.params["user"]);
  auto u = user_json(c, o.account);
  u["details"] = "";
  u["createdAt"] = format_iso8601_ms(o.account.created_at_ms);
  u["numModels"] = o.repos.models;
  u["numDatasets"] = o.repos.datasets;
  u["numSpaces"] = o.repos.spaces;
  u["numDiscussions"] = 0;  // not counted per author (docs/accounts.md#overviews)
  u["numPapers"] = 0;
  u["numUpvotes"] = 0;
  u["numLikes"] = o.likes;
  u["numFollowers"] = o.followers;
  u["numFollowing"] = o.following;
  if (o.is_following) u["isFollowing"] = *o.is_following;
  json::array orgs;
  for (auto& m : o.orgs) orgs.push_back(org_json(c, m.org));
  u["orgs"] = std::move(orgs);
  return Response::json(json::serialize(u));
}

Response org_overview(const Call& c) {
  auto o = c.services.social().org_overview(c.caller, c.params["org"]);
  auto out = org_json(c, o.account);
  out["details"] = "";
  out["isVerified"] = false;
  out["createdAt"] = format_iso8601_ms(o.account.created_at_ms);
  out["numUsers"] = o.members;
  out["numModels"] = o.repos.models;
  out["numDatasets"] = o.repos.datasets;
  out["numSpaces"] = o.repos.spaces;
  out["numFollowers"] = o.followers;
  out["numPapers"] = 0;
  if (o.is_following) out["isFollowing"] = *o.is_following;
  return Response::json(json::serialize(out));
}

Response followers(const Call& c, bool org) {
  auto page = c.services.social().followers(c.params[org ? "org" : "user"], org, page_cursor(c), page_limit(c));
  json::array out;
  for (auto& d : page.items) out.push_back(user_json(c, d.account));
  return paged(c, std::move(out), page.next);
}

Response following(const Call& c) {
  auto page = c.services.social().following(c.params["user"], page_cursor(c), page_limit(c));
  json::array out;
  for (auto& d : page.items) out.push_back(user_json(c, d.account));
  return paged(c, std::move(out), page.next);
}

// One page: an organization's members are few, and the store reads them whole.
Response members(const Call& c) {
  json::array out;
  for (auto& [account, role] : c.services.social().members(c.params["org"])) {
    auto u = user_json(c, account);
    u["role"] = std::string(org_role_name(role));
    out.push_back(std::move(u));
  }
  return Response::json(json::serialize(out));
}

// The SVG never changes for a name, so it may be cached for a day and revalidated by its ETag.
Response avatar(const Call& c) {
  std::string_view file = c.params["file"];
  if (!file.ends_with(".svg")) throw DomainError(ErrorKind::NotFound, "Avatar not found");
  auto svg = c.services.social().default_avatar(file.substr(0, file.size() - 4));
  auto etag = "\"" + sha256_hex(svg).substr(0, 32) + "\"";
  bool fresh = c.request.header("if-none-match") == std::optional<std::string_view>(etag);
  auto res = fresh ? Response::text("", 304) : Response::text(std::move(svg));
  res.set("Content-Type", "image/svg+xml");
  res.set("ETag", etag);
  res.set("Cache-Control", "public, max-age=86400");
  return res;
}

}  // namespace

void add_social_routes(RouteTable& t) {
  t.add("POST", "/api/{type}/{repo:repo}/like", [](const Call& c) { return like(c, true); });
  t.add("DELETE", "/api/{type}/{repo:repo}/like", [](const Call& c) { return like(c, false); });
  t.add("GET", "/api/{type}/{repo:repo}/likers", likers);
  t.add("GET", "/api/users/{user}/likes", user_likes);
  t.add("GET", "/api/users/{user}/overview", user_overview);
  t.add("GET", "/api/users/{user}/followers", [](const Call& c) { return followers(c, false); });
  t.add("GET", "/api/users/{user}/following", following);
  t.add("GET", "/api/organizations/{org}/overview", org_overview);
  t.add("GET", "/api/organizations/{org}/followers", [](const Call& c) { return followers(c, true); });
  t.add("GET", "/api/organizations/{org}/members", members);
  t.add("GET", "/avatars/{file}", avatar);
}

}  // namespace hfhub::server
