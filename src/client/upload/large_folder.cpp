#include "client/upload/large_folder.h"

#include "client/api/repo_admin.h"
#include "client/upload/create_commit.h"
#include "client/upload/lfs_upload.h"
#include "client/upload/local_folder.h"
#include "client/upload/preupload.h"
#include "client/upload/upload_state.h"
#include "hfhub/errors.h"

namespace hfhub::client {

namespace {

struct TrackedFile {
  LocalFolderFile file;
  UploadState state;
  PreparedAdd add;
};

// The add as the commit needs it, from the saved state (no re-hash).
void sync_add(TrackedFile& t) {
  t.add.path_in_repo = t.file.relative;
  t.add.local_path = t.file.absolute;
  t.add.info.size = t.state.size;
  t.add.info.sha256 = t.state.sha256;
  t.add.info.git_sha1 = t.state.git_sha1;
  t.add.mode = t.state.upload_mode == "lfs" ? UploadMode::Lfs : UploadMode::Regular;
  t.add.should_ignore = t.state.should_ignore;
  t.add.remote_oid = t.state.remote_oid.empty() ? std::nullopt : std::optional<std::string>(t.state.remote_oid);
}

void check_cancelled(const UploadTarget& target) {
  if (target.session->cancelled()) throw CancelledError("cancelled");
}

void ensure_repo(const UploadTarget& target, const UploadLargeFolderParams& params) {
  CreateRepoParams create;
  create.repo_type = target.repo_type;
  create.private_ = params.private_;
  create.exist_ok = true;
  if (target.repo_type == RepoType::Space) create.space_sdk = "static";
  try {
    create_repo(*target.session, target.repo_id, create);
  } catch (const HfHubHttpError& e) {
    // Allowed to write but not to create (e.g. another user's repo we are a writer of).
    if (e.status() != 403) throw;
  }
}

// 1. Hash what is new or changed (saved right away: a kill loses at most one file's work).
void hash_changed_files(const UploadTarget& target, UploadStateStore& store, std::vector<TrackedFile>& files) {
  for (auto& t : files) {
    check_cancelled(target);
    if (t.state.sha256.empty()) {
      LocalFileInfo info = hash_local_file(t.file.absolute);
      t.state.sha256 = info.sha256;
      t.state.git_sha1 = info.git_sha1;
      store.save(t.file.relative, t.state);
    }
    sync_add(t);
  }
}

// 2. Upload modes for the files not committed yet that never had them.
void fetch_missing_upload_modes(const UploadTarget& target, UploadStateStore& store, std::vector<TrackedFile>& files) {
  std::vector<TrackedFile*> need_mode;
  for (auto& t : files)
    if (!t.state.is_committed && t.state.upload_mode.empty()) need_mode.push_back(&t);
  for (size_t start = 0; start < need_mode.size(); start += kPreuploadBatchSize) {
    check_cancelled(target);
    std::vector<PreparedAdd*> adds;
    auto end = std::min(need_mode.size(), start + kPreuploadBatchSize);
    for (size_t i = start; i < end; ++i) {
      need_mode[i]->add.info.sample = describe_local_file(need_mode[i]->file.absolute).sample;
      adds.push_back(&need_mode[i]->add);
    }
    fetch_upload_modes(target, adds);
    for (size_t i = start; i < end; ++i) {
      TrackedFile& t = *need_mode[i];
      t.state.upload_mode = t.add.mode == UploadMode::Lfs ? "lfs" : "regular";
      t.state.should_ignore = t.add.should_ignore;
      t.state.remote_oid = t.add.remote_oid.value_or("");
      // Ignored or already on the remote: nothing to send or commit.
      if (t.add.should_ignore || t.add.unchanged()) t.state.is_committed = true;
      if (t.add.mode == UploadMode::Regular) t.state.is_uploaded = true;
      store.save(t.file.relative, t.state);
    }
  }
}

// 3. Batches: upload what is missing, then commit.
std::vector<CommitInfo> commit_in_batches(const UploadTarget& target, UploadStateStore& store,
                                          std::vector<TrackedFile>& files, const UploadLargeFolderParams& params) {
  std::vector<TrackedFile*> pending;
  for (auto& t : files)
    if (!t.state.is_committed) pending.push_back(&t);
  std::vector<CommitInfo> commits;
  const size_t batches = (pending.size() + params.files_per_commit - 1) / params.files_per_commit;
  for (size_t b = 0; b < batches; ++b) {
    check_cancelled(target);
    std::vector<TrackedFile*> batch(pending.begin() + b * params.files_per_commit,
                                    pending.begin() + std::min(pending.size(), (b + 1) * params.files_per_commit));
    std::vector<PreparedAdd*> to_upload, adds;
    for (TrackedFile* t : batch) {
      adds.push_back(&t->add);
      if (!t->state.is_uploaded) to_upload.push_back(&t->add);
    }
    upload_lfs_contents(
        target, to_upload,
        [&](PreparedAdd& add) {
          for (TrackedFile* t : batch)
            if (&t->add == &add) {
              t->state.is_uploaded = true;
              store.save(t->file.relative, t->state);
            }
        },
        params.num_workers);
    check_cancelled(target);
    CommitHeader header{
        "Upload folder using hfhub (part " + std::to_string(b + 1) + " of " + std::to_string(batches) + ")", "",
        std::nullopt};
    commits.push_back(post_commit(target, header, add_lines(adds)));
    for (TrackedFile* t : batch) {
      t->state.is_committed = true;
      store.save(t->file.relative, t->state);
    }
  }
  return commits;
}

}  // namespace

std::vector<CommitInfo> upload_large_folder(const UploadTarget& target, const std::filesystem::path& folder,
                                            const UploadLargeFolderParams& params) {
  if (params.files_per_commit == 0) throw std::invalid_argument("files_per_commit must be at least 1");
  UploadStateStore store(folder);
  std::vector<TrackedFile> files;
  for (auto& f : scan_folder(folder, params.allow_patterns, params.ignore_patterns)) {
    check_repo_path(f.relative);
    files.push_back({f, store.load(f.relative, f.absolute), {}});
  }
  ensure_repo(target, params);
  hash_changed_files(target, store, files);
  fetch_missing_upload_modes(target, store, files);
  return commit_in_batches(target, store, files, params);
}

}  // namespace hfhub::client
