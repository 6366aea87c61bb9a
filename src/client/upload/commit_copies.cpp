#include "client/upload/commit_copies.h"

#include <map>

#include "client/content/browse.h"
#include "client/content/content_urls.h"
#include "client/upload/commit_payload.h"
#include "hfhub/errors.h"

namespace hfhub::client {

using FilesByPath = std::map<std::string, RepoFile>;

// paths-info for `paths` at `revision`; missing paths are simply absent.
static FilesByPath fetch_files(const UploadTarget& target, const std::string& revision,
                               const std::vector<std::string>& paths) {
  PathsInfoParams params;
  params.repo_type = target.repo_type;
  params.revision = revision;
  FilesByPath files;
  for (auto& entry : get_paths_info(*target.session, target.repo_id, paths, params))
    if (auto* file = std::get_if<RepoFile>(&entry)) files[file->path] = std::move(*file);
  return files;
}

std::vector<std::string> copy_lines(const UploadTarget& target, const std::vector<CommitOperationCopy>& copies) {
  // One paths-info round per source revision.
  std::map<std::string, std::vector<std::string>> paths_by_revision;
  for (const auto& copy : copies)
    paths_by_revision[copy.src_revision.value_or(target.revision)].push_back(copy.src_path_in_repo);
  std::map<std::string, FilesByPath> files_by_revision;
  for (const auto& [revision, paths] : paths_by_revision)
    files_by_revision[revision] = fetch_files(target, revision, paths);

  std::vector<std::string> lines;
  for (const auto& copy : copies) {
    const std::string revision = copy.src_revision.value_or(target.revision);
    const auto& files = files_by_revision[revision];
    auto it = files.find(copy.src_path_in_repo);
    if (it == files.end()) {
      HttpErrorDetails details{404, target.repo_id, "", "", "EntryNotFound", ""};
      throw EntryNotFoundError(
          details, "Cannot copy " + copy.src_path_in_repo + " at revision " + revision + ": file is missing on repo.");
    }
    const RepoFile& source = it->second;
    if (source.lfs) {
      lines.push_back(lfs_file_line(copy.path_in_repo, source.lfs->sha256, std::nullopt));
    } else {
      RepoCall call;
      call.repo_type = target.repo_type;
      call.revision = revision;
      auto response = target.session->get(resolve_url(*target.session, target.repo_id, source.path, call));
      lines.push_back(file_line(copy.path_in_repo, response.body));
    }
  }
  return lines;
}

}  // namespace hfhub::client
