#include "client/upload/lfs_upload.h"

#include <map>
#include <optional>
#include <set>

#include "client/upload/deferred_hash_upload.h"
#include "client/upload/lfs_batch.h"
#include "client/upload/lfs_transfer.h"
#include "client/upload/xet_upload.h"

namespace hfhub::client {

namespace {

// The stored object an add's bytes become: its sha256, or its file while not hashed yet.
std::string object_key(const PreparedAdd& add) {
  return add.hash_deferred() ? "file:" + add.local_path->string() : add.info.sha256;
}

// The hashed adds through the LFS batch: objects already stored are done, the others go through
// Xet when the answer chose it, else basic/multipart.
void upload_through_batch(const UploadTarget& target, const std::vector<PreparedAdd*>& adds,
                          const UploadedGroup& notify, int max_connections) {
  // Same content under several paths: one object, every path notified.
  std::map<std::string, std::vector<PreparedAdd*>> by_oid;
  std::vector<LfsObjectSpec> specs;
  for (PreparedAdd* add : adds) {
    auto& group = by_oid[add->info.sha256];
    if (group.empty()) specs.push_back({add->info.sha256, add->info.size});
    group.push_back(add);
  }
  if (specs.empty()) return;
  std::vector<LfsUploadJob> jobs;
  std::vector<XetUploadJob> xet_jobs;
  std::optional<LfsAction> xet_offer;
  for (auto& object : post_lfs_batch(target, specs)) {
    const auto& group = by_oid[object.oid];
    PreparedAdd* first = group.front();
    if (!object.upload) {
      report(target, {TransferEvent::Kind::Done, first->path_in_repo, object.size, object.size, 0, true, true});
      notify(group);
      continue;
    }
    if (object.xet) {
      // The xet transfer (docs/xet.md#negotiation): every action names the same token route.
      if (!xet_offer) xet_offer = object.upload;
      XetUploadSource source{first->path_in_repo, first->local_path, {}, object.oid};
      if (!first->local_path) source.bytes = first->content;
      xet_jobs.push_back({std::move(source), object.size, [notify, group](const std::string&) { notify(group); }});
      continue;
    }
    LfsUploadJob job;
    job.path_in_repo = first->path_in_repo;
    job.file = first->local_path;
    if (!first->local_path) job.bytes = first->content;
    job.object = std::move(object);
    job.on_uploaded = [notify, group] { notify(group); };
    jobs.push_back(std::move(job));
  }
  if (xet_offer) run_xet_upload(target, *xet_offer, std::move(xet_jobs));
  run_lfs_transfers(target, std::move(jobs), max_connections);
}

}  // namespace

bool needs_lfs_upload(const PreparedAdd& add) {
  return add.mode == UploadMode::Lfs && !add.should_ignore && !add.unchanged();
}

void upload_lfs_contents(const UploadTarget& target, const std::vector<PreparedAdd*>& adds,
                         const std::function<void(PreparedAdd&)>& on_uploaded, int max_connections) {
  std::vector<PreparedAdd*> unhashed, hashed;
  std::set<std::string> objects;
  int64_t total = 0;
  for (PreparedAdd* add : adds) {
    // The remote has a file at this path, maybe these very bytes: hashed first, an unchanged
    // file is skipped after one read, with no chunking and no upload.
    if (add->hash_deferred() && add->remote_oid && needs_lfs_upload(*add)) hash_deferred_add(*add);
    if (!needs_lfs_upload(*add)) continue;
    (add->hash_deferred() ? unhashed : hashed).push_back(add);
    if (objects.insert(object_key(*add)).second) total += add->info.size;
  }
  if (objects.empty()) return;
  report(target, {TransferEvent::Kind::Planned, "", 0, total, static_cast<int64_t>(objects.size())});
  const UploadedGroup notify = [&on_uploaded](const std::vector<PreparedAdd*>& group) {
    if (on_uploaded)
      for (PreparedAdd* add : group) on_uploaded(*add);
  };
  for (PreparedAdd* add : upload_unhashed_through_xet(target, unhashed, notify)) hashed.push_back(add);
  upload_through_batch(target, hashed, notify, max_connections);
  report(target, {TransferEvent::Kind::Finished, "", total, total});
}

}  // namespace hfhub::client
