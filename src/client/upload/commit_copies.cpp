#include "client/upload/commit_copies.h"

#include <boost/json.hpp>
#include <map>

#include "client/content/content_urls.h"
#include "client/http/url.h"
#include "client/json/content_json.h"
#include "client/upload/commit_payload.h"
#include "hfhub/errors.h"

namespace hfhub::client {

namespace json = boost::json;

namespace {

using FilesByPath = std::map<std::string, RepoFile>;

// paths-info for `paths` at `revision`; missing paths are simply absent.
FilesByPath fetch_files(const UploadTarget& target, const std::string& revision, const std::vector<std::string>& paths) {
  FilesByPath files;
  const std::string url =
      content_api_url(*target.session, target.repo_type, target.repo_id, "paths-info", encode_revision(revision));
  for (size_t start = 0; start < paths.size(); start += kPathsInfoBatchSize) {
    json::array batch;
    for (size_t i = start; i < std::min(paths.size(), start + kPathsInfoBatchSize); ++i) batch.push_back(json::string(paths[i]));
    auto response = target.session->send_json("POST", url, json::object{{"paths", std::move(batch)}, {"expand", false}});
    auto parsed = parse_json_body(response, url);
    if (!parsed.is_array()) throw InvalidResponseError("paths-info answer is not an array: " + url);
    for (const auto& item : parsed.as_array()) {
      if (!item.is_object()) continue;
      auto entry = parse_repo_entry(item.as_object());
      if (auto* file = std::get_if<RepoFile>(&entry)) files[file->path] = std::move(*file);
    }
  }
  return files;
}

}  // namespace

std::vector<std::string> copy_lines(const UploadTarget& target, const std::vector<CommitOperationCopy>& copies) {
  // One paths-info round per source revision.
  std::map<std::string, std::vector<std::string>> paths_by_revision;
  for (const auto& copy : copies) paths_by_revision[copy.src_revision.value_or(target.revision)].push_back(copy.src_path_in_repo);
  std::map<std::string, FilesByPath> files_by_revision;
  for (const auto& [revision, paths] : paths_by_revision) files_by_revision[revision] = fetch_files(target, revision, paths);

  std::vector<std::string> lines;
  for (const auto& copy : copies) {
    const std::string revision = copy.src_revision.value_or(target.revision);
    const auto& files = files_by_revision[revision];
    auto it = files.find(copy.src_path_in_repo);
    if (it == files.end()) {
      HttpErrorDetails details{404, target.repo_id, "", "", "EntryNotFound", ""};
      throw EntryNotFoundError(details, "Cannot copy " + copy.src_path_in_repo + " at revision " + revision +
                                            ": file is missing on repo.");
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
