#include "client/upload/upload_folder.h"

#include "client/api/discussions.h"
#include "client/upload/create_commit.h"
#include "client/upload/local_folder.h"
#include "client/upload/remote_files.h"

namespace hfhub::client {

// create_pr as huggingface_hub >= 1.20 does it (docs/client.md#discussions): the pull request is
// opened through the discussions API first and every batch commits to its refs/pr/N, so a commit
// retried after a lost answer never opens a second pull request.
CommitInfo commit_in_batches(UploadTarget target, const std::vector<CommitOperation>& operations, CommitParams params,
                             size_t batch) {
  std::optional<Discussion> pr;
  if (target.create_pr && !operations.empty()) {
    CreateDiscussionParams open;
    open.repo_type = target.repo_type;
    open.description = params.commit_description;
    open.pull_request = true;
    pr = create_discussion(*target.session, target.repo_id, params.commit_message, open);
    target.create_pr = false;
    target.revision = *pr->git_reference();
  }
  CommitInfo last;
  for (size_t start = 0; start == 0 || start < operations.size(); start += batch) {
    std::vector<CommitOperation> part(operations.begin() + std::min(operations.size(), start),
                                      operations.begin() + std::min(operations.size(), start + batch));
    last = create_commit(target, part, params);
    params.parent_commit.reset();  // guards the first commit only
  }
  if (pr) {
    last.pr_url = pr->url();
    last.pr_num = pr->num;
    last.pr_revision = pr->git_reference();
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
