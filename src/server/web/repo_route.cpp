#include "server/web/repo_route.h"

#include "server/model/domain_error.h"

namespace hfhub::server {

namespace {

// First path segments that are never a model's namespace: other pages, the API, the CAS.
bool reserved_namespace(std::string_view ns) {
  for (std::string_view r : {"api", "datasets", "spaces", "models", "static", "login", "logout", "xet", "v1",
                             "avatars", "settings", "organizations", "collections", "papers"})
    if (ns == r) return true;
  return false;
}

}  // namespace

std::string repo_id_of(const WebCall& web, RepoType type) {
  const auto& p = web.call.params;
  if (type == RepoType::Model && reserved_namespace(p["ns"])) throw DomainError(ErrorKind::NotFound);
  return p["ns"] + "/" + p["name"];
}

void add_repo_page(RouteTable& table, std::string_view method, std::string_view suffix, RepoPage page) {
  for (auto type : {RepoType::Dataset, RepoType::Space, RepoType::Model}) {
    auto path = "/" + std::string(repo_type_url_prefix(type)) + "{ns}/{name}" + std::string(suffix);
    auto bound = [type, page](WebCall& web) { return page(web, type); };
    table.add(method, path, method == "POST" ? web_form(bound) : web_page(bound));
  }
}

RevisionPath revision_path_of(const WebCall& web, RepoType type) {
  // Skips the type's prefix, {ns}, {name} and the page's kind.
  size_t skip = (type == RepoType::Model ? 0 : 1) + 3;
  auto segments = raw_segments(web.request().path);
  if (segments.size() <= skip) throw DomainError(ErrorKind::NotFound);
  segments.erase(segments.begin(), segments.begin() + skip);
  auto target = split_revision_path(segments);
  if (!target) throw DomainError(ErrorKind::NotFound);
  return *target;
}

}  // namespace hfhub::server
