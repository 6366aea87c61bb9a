#include "client/upload/remote_files.h"

#include <set>

#include "client/content/browse.h"
#include "common/glob_match.h"

namespace hfhub::client {

std::vector<std::string> list_remote_files(const UploadTarget& target) {
  RepoCall call;
  call.repo_type = target.repo_type;
  call.revision = target.revision;
  return list_repo_files(target.session, target.repo_id, call);
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
