// POST /api/{t}s/{id}/paths-info/{rev}: entries for the paths that exist.
#include <boost/json.hpp>

#include "client/content/browse.h"
#include "client/content/content_urls.h"
#include "client/http/url.h"
#include "client/json/content_json.h"
#include "hfhub/errors.h"

namespace hfhub::client {

std::string paths_info_form(const std::vector<std::string>& paths, bool expand) {
  Query form;
  form.add_all("paths", paths);
  form.add("expand", expand ? "true" : "false");
  return form.encode();
}

std::vector<RepoEntry> get_paths_info(Session& session, std::string_view repo_id, const std::vector<std::string>& paths,
                                      const PathsInfoParams& params) {
  std::string url =
      content_api_url(session, params.repo_type, repo_id, "paths-info", encode_revision(revision_or_main(params)));
  std::vector<RepoEntry> entries;
  for (size_t start = 0; start < paths.size(); start += kPathsInfoBatch) {
    auto end = paths.begin() + std::min(paths.size(), start + kPathsInfoBatch);
    HttpRequest request{"POST", url, {}, paths_info_form({paths.begin() + start, end}, params.expand)};
    request.header("Content-Type", "application/x-www-form-urlencoded");
    auto body = parse_json_body(session.send(std::move(request)), url);
    if (!body.is_array()) throw InvalidResponseError("Invalid response of " + url + ": expected a JSON array");
    for (const auto& item : body.as_array()) {
      if (!item.is_object()) throw InvalidResponseError("Invalid response of " + url + ": an entry is not an object");
      entries.push_back(parse_repo_entry(item.as_object()));
    }
  }
  return entries;
}

}  // namespace hfhub::client
