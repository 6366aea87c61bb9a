#include "client/upload/upload_folder.h"

#include "client/upload/create_commit.h"
#include "client/upload/local_folder.h"
#include "client/upload/remote_files.h"

namespace hfhub::client {

CommitInfo commit_in_batches(UploadTarget target, const std::vector<CommitOperation>& operations, CommitParams params,
                             size_t batch) {
  if (operations.size() <= batch) return create_commit(target, operations, params);
  CommitInfo last;
  std::optional<CommitInfo> pr;
  for (size_t start = 0; start < operations.size(); start += batch) {
    std::vector<CommitOperation> part(operations.begin() + start,
                                      operations.begin() + std::min(operations.size(), start + batch));
    last = create_commit(target, part, params);
    params.parent_commit.reset();  // guards the first commit only
    if (target.create_pr) {
      pr = last;
      target.create_pr = false;
      if (last.pr_revision) target.revision = *last.pr_revision;
    } else if (pr) {
      last.pr_url = pr->pr_url;
      last.pr_num = pr->pr_num;
      last.pr_revision = pr->pr_revision;
    }
  }
  return last;
}

CommitInfo upload_folder(const UploadTarget& target, const std::filesystem::path& folder,
                         const UploadFolderParams& params) {
  const std::string prefix = repo_prefix(params.path_in_repo);
  std::vector<CommitOperation> operations;
  std::vector<std::string> uploaded;
  for (auto& file : scan_folder(folder, params.allow_patterns, params.ignore_patterns)) {
    uploaded.push_back(prefix + file.relative);
    operations.push_back(CommitOperationAdd{uploaded.back(), file.absolute, {}});
  }
  if (!params.delete_patterns.empty()) {
    auto deletions = deletions_matching(list_remote_files(target), prefix, params.delete_patterns, uploaded);
    operations.insert(operations.begin(), deletions.begin(), deletions.end());
  }
  CommitParams commit = params;
  if (commit.commit_message.empty()) commit.commit_message = "Upload folder using hfhub";
  return commit_in_batches(target, operations, commit);
}

}  // namespace hfhub::client
