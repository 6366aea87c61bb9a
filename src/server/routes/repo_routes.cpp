// Repository management: POST /api/repos/create, DELETE /api/repos/delete, POST /api/repos/move,
// PUT /api/{type}/{repo_id}/settings (and the OpenAPI alias /api/repos/{type}/{repo_id}/settings).
#include <boost/json.hpp>

#include <algorithm>

#include "common/base64.h"
#include "common/error_code.h"
#include "common/path_segments.h"
#include "common/repo_path.h"
#include "server/http/json_body.h"
#include "server/model/domain_error.h"
#include "server/routes/route_table.h"

namespace hfhub::server {

namespace {

RepoType body_repo_type(const JsonBody& body) {
  auto t = body.string("type");
  if (!t) return RepoType::Model;
  auto type = parse_repo_type(*t);
  if (!type) throw DomainError(ErrorKind::InvalidRepoType, "Invalid repo type '" + *t + "'");
  return *type;
}

struct BodyRepoRef {
  std::optional<std::string> ns;  // nullopt: the caller's namespace; "" (from "/x"): an invalid id
  std::string name;
};

// `name` may carry the namespace ("ns/name", as JS sends it) or not ("name" + "organization",
// which may be absent or null).
BodyRepoRef body_repo_ref(const JsonBody& body) {
  auto id = body.required_string("name");
  auto [ns, name] = split_first_segment(id);
  if (name.size() < id.size()) return {std::string(ns), std::string(name)};
  auto org = body.string("organization");
  if (org && !org->empty()) return {*org, id};
  return {std::nullopt, id};
}

std::optional<Visibility> body_visibility(const JsonBody& body) {
  if (auto v = body.string("visibility")) {
    if (*v == "private") return Visibility::Private;
    if (*v == "public") return Visibility::Public;
    if (*v == "protected") return Visibility::Protected;
    throw DomainError(ErrorKind::InvalidParameter, "Invalid 'visibility': expected public, private or protected");
  }
  auto is_private = body.boolean("private");
  if (!is_private) return std::nullopt;
  return *is_private ? Visibility::Private : Visibility::Public;
}

// JS createRepo may send the first files (base64) and a license; both land in one commit after
// the initial one, as on the Hub (a license alone becomes a README front matter).
std::optional<CommitRequest> initial_files(const JsonBody& body) {
  CommitRequest commit;
  commit.summary = "Add initial files";
  if (auto* files = body.raw("files"); files && files->is_array()) {
    for (auto& f : files->as_array()) {
      auto* o = f.if_object();
      auto* path = o ? o->if_contains("path") : nullptr;
      auto* content = o ? o->if_contains("content") : nullptr;
      if (!path || !path->is_string() || !content || !content->is_string())
        throw DomainError(ErrorKind::InvalidParameter, "Each of 'files' needs a string 'path' and 'content'");
      auto* encoding = o->if_contains("encoding");
      bool utf8 = encoding && encoding->is_string() && encoding->as_string() != "base64";
      std::string bytes(content->as_string());
      if (!utf8) {
        auto decoded = base64_decode(bytes);
        if (!decoded) throw DomainError(ErrorKind::InvalidParameter, "'files' content is not valid base64");
        bytes = std::move(*decoded);
      }
      std::string file_path(path->as_string());
      // Checked before the repo exists, so a bad file never leaves a half-made repo behind.
      if (auto err = repo_path_error(file_path))
        throw DomainError(ErrorKind::UnprocessablePath, "Invalid path in 'files': " + *err);
      commit.writes.push_back({std::move(file_path), std::move(bytes), std::nullopt});
    }
  }
  auto license = body.string("license");
  bool has_readme =
      std::any_of(commit.writes.begin(), commit.writes.end(), [](const FileWrite& w) { return w.path == "README.md"; });
  if (license && !license->empty() && !has_readme)
    commit.writes.push_back({"README.md", "---\nlicense: " + *license + "\n---\n", std::nullopt});
  if (commit.writes.empty()) return std::nullopt;
  return commit;
}

Response create_repo(const Call& c) {
  auto body = JsonBody::parse(c.request);
  CreateRepoRequest req;
  req.type = body_repo_type(body);
  auto ref = body_repo_ref(body);
  req.ns = std::move(ref.ns);
  req.name = std::move(ref.name);
  req.visibility = body_visibility(body);
  req.sdk = body.string("sdk");
  auto files = initial_files(body);
  auto base = c.services.base_url(c.request);
  auto repo = c.services.repo_lifecycle().create(c.caller, std::move(req), base, std::move(files));
  boost::json::object out{
      {"url", RepoService::repo_url(base, repo.type, repo.id)}, {"name", repo.id}, {"id", repo.object_id}};
  return Response::json(boost::json::serialize(out));
}

Response delete_repo(const Call& c) {
  auto body = JsonBody::parse(c.request);
  auto ref = body_repo_ref(body);
  c.services.repo_lifecycle().remove(c.caller, body_repo_type(body), ref.ns, ref.name);
  return Response::text("OK");
}

Response move_repo(const Call& c) {
  auto body = JsonBody::parse(c.request);
  auto repo = c.services.repo_service().move(c.caller, body_repo_type(body), body.required_string("fromRepo"),
                                             body.required_string("toRepo"));
  boost::json::object out{{"url", RepoService::repo_url(c.services.base_url(c.request), repo.type, repo.id)}};
  return Response::json(boost::json::serialize(out));
}

Response update_settings(const Call& c) {
  auto type = repo_type_param(c);
  auto body = JsonBody::parse(c.request);
  RepoSettings s;
  s.visibility = body_visibility(body);
  if (auto* g = body.raw("gated"); g && !g->is_null()) {
    if (g->is_bool() && !g->as_bool())
      s.gated = Gated::No;
    else if (g->is_string())
      s.gated = parse_gated(std::string_view(g->as_string()));
    if (!s.gated)
      throw DomainError(ErrorKind::InvalidParameter, "Invalid 'gated': expected \"auto\", \"manual\" or false");
  }
  s.discussions_disabled = body.boolean("discussionsDisabled");
  auto repo = c.services.repo_service().update_settings(c.caller, type, c.params["repo"], s);
  boost::json::object out{{"private", repo.is_private}, {"discussionsDisabled", repo.discussions_disabled}};
  if (repo.gated == Gated::No)
    out["gated"] = false;
  else
    out["gated"] = gated_name(repo.gated);
  return Response::json(boost::json::serialize(out));
}

}  // namespace

void add_repo_routes(RouteTable& t) {
  t.add("POST", "/api/repos/create", create_repo);
  t.add("DELETE", "/api/repos/delete", delete_repo);
  t.add("POST", "/api/repos/move", move_repo);
  t.add("PUT", "/api/repos/{type}/{repo:repo}/settings", update_settings);
  t.add("PUT", "/api/{type}/{repo:repo}/settings", update_settings);
}

}  // namespace hfhub::server
