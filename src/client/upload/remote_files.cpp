#include "client/upload/remote_files.h"

#include <set>

#include "client/api/pagination.h"
#include "client/content/content_urls.h"
#include "client/http/url.h"
#include "client/json/json_fields.h"
#include "common/glob_match.h"

namespace hfhub::client {

std::vector<std::string> list_remote_files(const UploadTarget& target) {
  std::string url =
      content_api_url(*target.session, target.repo_type, target.repo_id, "tree", encode_revision(target.revision));
  PageCursor cursor(target.session, Query().add("recursive", "true").add("expand", "false").append_to(url));
  std::vector<std::string> files;
  while (auto page = cursor.next())
    for (const auto& item : page->items)
      if (const auto* o = item.if_object(); o && get_string(*o, "type").value_or("") == "file")
        if (auto path = get_string(*o, "path")) files.push_back(*path);
  return files;
}

std::vector<CommitOperation> deletions_matching(const std::vector<std::string>& remote_files, const std::string& prefix,
                                                const std::vector<std::string>& delete_patterns,
                                                const std::vector<std::string>& keep) {
  std::set<std::string, std::less<>> kept(keep.begin(), keep.end());
  std::vector<CommitOperation> out;
  if (delete_patterns.empty()) return out;
  for (const auto& path : remote_files) {
    if (path.compare(0, prefix.size(), prefix) != 0) continue;
    if (path == ".gitattributes" || kept.count(path)) continue;
    if (matches_any(std::string_view(path).substr(prefix.size()), delete_patterns))
      out.push_back(CommitOperationDelete{path, false});
  }
  return out;
}

}  // namespace hfhub::client
